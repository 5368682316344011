package io.callosum.splitbrain.reliability;

import io.callosum.nn.io.Checkpoint;
import io.callosum.nn.optim.OptimizerKind;
import io.callosum.splitbrain.data.SyntheticColorDataset;
import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.train.Pretrainer;
import io.callosum.splitbrain.train.TrainListener;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child process of {@link KillResumeTest}: a tiny split-brain pretraining run that checkpoints after every
 * epoch, resumes from the checkpoint when one exists, and writes the final weights when done.
 * Usage: KillResumeChild DIR
 */
public final class KillResumeChild {
    static final int EPOCHS = 6;

    static Pretrainer pretrainer() {
        return new Pretrainer(Preset.PAPER.config().withPretrain(new Budget(OptimizerKind.ADAM, 1e-3, 0.5, 0, 8, EPOCHS, 2)).withSeed(21), Placement.CPU);
    }

    static SyntheticColorDataset data() {
        return SyntheticColorDataset.standard(16, 22, false);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path ckpt = dir.resolve("checkpoint.safetensors");
        Pretrainer p = pretrainer();
        if (Files.exists(ckpt)) p.resume(ckpt);
        p.train(data(), TrainListener.SILENT, () -> {
            try {
                p.saveCheckpoint(ckpt);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Checkpoint.saveWeights(dir.resolve("final.safetensors"), p.net());
    }
}
