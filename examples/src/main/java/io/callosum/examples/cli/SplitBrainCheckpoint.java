package io.callosum.examples.cli;

import io.callosum.nn.io.Checkpoint;
import io.callosum.splitbrain.config.CheckpointConfig;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.model.SplitBrainNet;
import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.splitbrain.train.Pretrainer;
import io.callosum.tensor.Generator;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint written by {@link Pretrainer#saveCheckpoint} rebuilt from the file alone, for evaluation and for
 * {@code pretrain --resume}; a file it cannot read is a usage error naming the file and why.
 */
final class SplitBrainCheckpoint {
    private SplitBrainCheckpoint() {
    }

    /** A network rebuilt from a checkpoint, with the experiment it was pretrained in. */
    record Model(SplitBrainNet net, ChannelSplit split, ExperimentConfig config) {
    }

    /** The network (on the CPU) and experiment of a checkpoint, weights loaded. */
    static Model loadModel(Path file) throws IOException {
        ExperimentConfig cfg = config(file);
        ChannelSplit split = ChannelSplit.of(cfg.model().colorSpace(), cfg.targets().gamutAb());
        SplitBrainNet net = new SplitBrainNet(cfg.model().architecture(), split, new Generator(cfg.seed()));
        Checkpoint.load(file, net, null, null);
        return new Model(net, split, cfg);
    }

    /** The experiment a checkpoint was written in. */
    static ExperimentConfig config(Path file) throws IOException {
        return Usage.check(() -> {
            try {
                return CheckpointConfig.read(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
