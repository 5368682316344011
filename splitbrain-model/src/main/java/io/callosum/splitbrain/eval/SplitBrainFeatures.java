package io.callosum.splitbrain.eval;

import io.callosum.splitbrain.model.SplitBrainNet;
import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.tensor.Device;
import io.callosum.tensor.Tensor;

import java.util.List;

/** Features of both halves of a split-brain network (pretrained or random), concatenated per depth. */
public final class SplitBrainFeatures implements FeatureSource {
    private final String name;
    private final SplitBrainNet net;
    private final ChannelSplit split;
    private final Device device;

    /** Features of both halves of net, as the paper probes them. */
    public SplitBrainFeatures(String name, SplitBrainNet net, ChannelSplit split, Device device) {
        this.name = name;
        this.net = net;
        this.split = split;
        this.device = device;
    }

    @Override public String name() { return name; }
    @Override public List<String> layers() { return net.probeNames(); }
    @Override public void eval() { net.eval(); }
    @Override public Device device() { return device; }

    @Override
    public List<Tensor> features(Tensor images) {
        ChannelSplit.Batch b = split.prepare(images);
        return net.features(b.inputA(), b.inputB());
    }

    /** The network whose features these are. */
    public SplitBrainNet net() {
        return net;
    }
}
