package io.callosum.splitbrain.model;

import io.callosum.nn.Module;
import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The two halves (children {@code a} and {@code b}, as in torch_ref.py's SplitBrain): half A sees one channel and
 * predicts the split's other two, half B sees two and predicts the first.
 */
public final class SplitBrainNet extends Module {
    private final Architecture architecture;
    private final Half a, b;

    /** Logits of both halves. */
    public record Logits(Tensor a, Tensor b) {
    }

    /** A network of architecture for split's two halves, weights drawn from g. */
    public SplitBrainNet(Architecture architecture, ChannelSplit split, Generator g) {
        this.architecture = architecture;
        this.a = registerModule("a", architecture.half(split.halfA().inputChannels(), split.halfA().quantizer().classes(), g));
        this.b = registerModule("b", architecture.half(split.halfB().inputChannels(), split.halfB().quantizer().classes(), g));
    }

    /** The architecture of both halves. */
    public Architecture architecture() {
        return architecture;
    }

    /** The half that predicts the second channel group from the first. */
    public Half halfA() {
        return a;
    }

    /** The half that predicts the first channel group from the second. */
    public Half halfB() {
        return b;
    }

    /** x: the normalised 3-channel input [N, 3, H, W] (channel 0 to A, 1–2 to B); returns A's logits. Use {@link #predict}. */
    @Override
    public Tensor forward(Tensor x) {
        return predict(x.narrow(1, 0, 1), x.narrow(1, 1, 2)).a();
    }

    /** Both halves' logits over the quantized targets. */
    public Logits predict(Tensor inputA, Tensor inputB) {
        checkInput(inputA);
        return new Logits(a.forward(inputA), b.forward(inputB));
    }

    /** Probe-point features of both halves, concatenated along channels per depth. */
    public List<Tensor> features(Tensor inputA, Tensor inputB) {
        checkInput(inputA);
        List<Tensor> fa = a.features(inputA), fb = b.features(inputB);
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < fa.size(); i++) out.add(Tensor.cat(1, fa.get(i), fb.get(i)));
        return out;
    }

    /** Names of the probe points (shared by both halves). */
    public List<String> probeNames() {
        return a.probeNames();
    }

    /** Channels of each concatenated probe feature. */
    public List<Integer> probeChannels() {
        List<Integer> c = new ArrayList<>();
        for (int i = 0; i < a.probeChannels().size(); i++) c.add(a.probeChannels().get(i) + b.probeChannels().get(i));
        return c;
    }

    private void checkInput(Tensor x) {
        int min = architecture.minInputSize();
        if (x.dim() != 4 || x.size(2) < min || x.size(3) < min) {
            throw new IllegalArgumentException(architecture.label() + ": input " + Shape.str(x.shape()) + " is smaller than the "
                    + min + "×" + min + " this architecture needs (N×C×H×W)");
        }
    }
}
