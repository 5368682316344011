package io.callosum.splitbrain.baselines;

import io.callosum.nn.Module;
import io.callosum.nn.layers.Linear;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.model.Half;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;

/** Rotation prediction (Gidaris et al.): one backbone of the chosen architecture, global pool, 4-way linear head. */
public final class RotationNet extends Module {
    private final Half backbone;
    private final Linear head;

    /** A backbone of arch over channels channels with a 4-way rotation head, weights drawn from g. */
    public RotationNet(Architecture arch, int channels, Generator g) {
        this.backbone = registerModule("backbone", arch.half(channels, 2, g));
        this.head = registerModule("head", new Linear(backbone.trunkChannels(), 4, g));
    }

    /** The backbone whose features are evaluated. */
    public Half backbone() {
        return backbone;
    }

    /** Rotation logits [N, 4] for normalised input. */
    @Override
    public Tensor forward(Tensor x) {
        return head.forward(Functional.globalAvgPool(backbone.trunk(x)));
    }
}
