package io.callosum.splitbrain.model;

import io.callosum.nn.Module;
import io.callosum.nn.layers.Sequential;
import io.callosum.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * One half of a split-brain network: a backbone of named stages ending in a 1×1 prediction head of Q logits. The
 * stages after which features are taken (the probe points: each conv block's activation) are recorded, so linear
 * probes and fine-tuning can read intermediate layers without a second forward definition.
 */
public final class Half extends Module {
    private final Sequential body;
    private final List<Integer> probeAfter;   // indices into body after which an activation is a feature
    private final List<String> probeNames;
    private final List<Integer> probeChannels;
    private final int headIndex;

    Half(Sequential body, List<Integer> probeAfter, List<String> probeNames, List<Integer> probeChannels) {
        this.body = registerModule("body", body);
        this.probeAfter = List.copyOf(probeAfter);
        this.probeNames = List.copyOf(probeNames);
        this.probeChannels = List.copyOf(probeChannels);
        this.headIndex = body.size() - 1;
    }

    /** Logits [N, Q, h, w]. */
    @Override
    public Tensor forward(Tensor x) {
        return body.forward(x);
    }

    /** The activations at every probe point, in order (the head is not run). */
    public List<Tensor> features(Tensor x) {
        List<Tensor> out = new ArrayList<>();
        Tensor h = x;
        int next = 0;
        for (int i = 0; i < headIndex && next < probeAfter.size(); i++) {
            h = body.get(i).forward(h);
            if (i == probeAfter.get(next)) {
                out.add(h);
                next++;
            }
        }
        return out;
    }

    /** The backbone's last feature map (the input of the head). */
    public Tensor trunk(Tensor x) {
        Tensor h = x;
        for (int i = 0; i < headIndex; i++) h = body.get(i).forward(h);
        return h;
    }

    /** Names of the layers the linear probes read, in depth order. */
    public List<String> probeNames() {
        return probeNames;
    }

    /** Channels of each probe point's activation. */
    public List<Integer> probeChannels() {
        return probeChannels;
    }

    /** Channels of the trunk's output (the head's input). */
    public int trunkChannels() {
        return probeChannels.get(probeChannels.size() - 1);
    }
}
