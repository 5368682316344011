package io.callosum.examples.cli;

import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.eval.SplitBrainFeatures;
import io.callosum.splitbrain.model.SplitBrainNet;
import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.tensor.Device;
import io.callosum.tensor.Generator;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A split-brain network the evaluation commands work on: loaded from a {@code callosum pretrain} checkpoint, or the
 * same architecture at random initialisation (the baseline every table compares with).
 */
public record Pretrained(String name, SplitBrainNet net, ChannelSplit split, ExperimentConfig config, Device device) {

    /** The network a checkpoint holds (its architecture and split are read from the checkpoint), on device. */
    public static Pretrained load(Path checkpoint, Device device) throws IOException {
        SplitBrainCheckpoint.Model m = SplitBrainCheckpoint.loadModel(checkpoint);
        m.net().to(device);
        return new Pretrained("split-brain", m.net(), m.split(), m.config(), device);
    }

    /** A randomly initialised network with the experiment's architecture and split. */
    public static Pretrained randomInit(ExperimentConfig cfg, long seed, Device device) {
        ChannelSplit split = ChannelSplit.of(cfg.model().colorSpace(), cfg.targets().gamutAb());
        SplitBrainNet net = new SplitBrainNet(cfg.model().architecture(), split, new Generator(seed + 99));
        net.to(device);
        return new Pretrained("random init", net, split, cfg, device);
    }

    /** The random-init baseline with this network's architecture and split. */
    public Pretrained randomTwin(long seed) {
        return randomInit(config, seed, device);
    }

    public SplitBrainFeatures features() {
        return new SplitBrainFeatures(name, net, split, device);
    }
}
