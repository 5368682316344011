package io.callosum.examples.cli;

import io.callosum.splitbrain.eval.SplitBrainFeatures;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.model.SplitBrainNet;
import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.splitbrain.targets.ColorSpace;
import io.callosum.tensor.Device;
import io.callosum.tensor.Generator;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A split-brain network the evaluation commands work on: loaded from a {@code callosum pretrain} checkpoint, or the
 * same architecture at random initialisation (the baseline every table compares with).
 */
public record Pretrained(String name, SplitBrainNet net, ChannelSplit split, boolean gamutAb, Device device) {

    /** The network a checkpoint holds (its architecture and split are read from the checkpoint), on device. */
    public static Pretrained load(Path checkpoint, Device device) throws IOException {
        SplitBrainCheckpoint.Model m = SplitBrainCheckpoint.loadModel(checkpoint);
        m.net().to(device);
        return new Pretrained("split-brain", m.net(), m.split(), m.config().gamutAb(), device);
    }

    /** A randomly initialised network of the given architecture and split. */
    public static Pretrained randomInit(Architecture arch, ColorSpace space, boolean gamutAb, long seed, Device device) {
        ChannelSplit split = ChannelSplit.of(space, gamutAb);
        SplitBrainNet net = new SplitBrainNet(arch, split, new Generator(seed + 99));
        net.to(device);
        return new Pretrained("random init", net, split, gamutAb, device);
    }

    /**
     * The checkpoint's network when one is given (model options given with it are an error: the checkpoint decides),
     * else a random one from the model options.
     */
    static Pretrained loadOrRandom(CommandBase command, Path checkpoint, ModelOptions model, long seed, Device device) throws IOException {
        if (checkpoint == null) return randomInit(model.architecture(), model.space(), model.gamutAb, seed, device);
        command.rejectGiven("the checkpoint decides the network; drop this option or --checkpoint", ModelOptions.NAMES);
        return load(checkpoint, device);
    }

    /** The random-init baseline with this network's architecture and split. */
    public Pretrained randomTwin(long seed) {
        return randomInit(net.architecture(), split.space(), gamutAb, seed, device);
    }

    public boolean isRandom() {
        return name.equals("random init");
    }

    public SplitBrainFeatures features() {
        return new SplitBrainFeatures(name, net, split, device);
    }
}
