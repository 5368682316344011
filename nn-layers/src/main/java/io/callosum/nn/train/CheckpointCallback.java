package io.callosum.nn.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes the trainer's full state ({@link Trainer#saveCheckpoint}) to one file, atomically, every n steps and/or
 * after every epoch, so a killed run resumes with {@link Trainer#resume} where the file left it.
 */
public final class CheckpointCallback implements Callback {
    private final Path file;
    private final long everySteps;
    private final boolean everyEpoch;

    private CheckpointCallback(Path file, long everySteps, boolean everyEpoch) {
        if (everySteps < 0) throw new IllegalArgumentException("CheckpointCallback: everySteps must be >= 0, got " + everySteps);
        this.file = file;
        this.everySteps = everySteps;
        this.everyEpoch = everyEpoch;
    }

    /** After every epoch. */
    public static CheckpointCallback everyEpoch(Path file) {
        return new CheckpointCallback(file, 0, true);
    }

    /** After every n-th step (counted over the whole run), mid-epoch included. */
    public static CheckpointCallback everySteps(Path file, long n) {
        if (n < 1) throw new IllegalArgumentException("CheckpointCallback: n must be >= 1, got " + n);
        return new CheckpointCallback(file, n, false);
    }

    @Override
    public void onStepEnd(Trainer trainer, StepEnd step) {
        if (everySteps > 0 && step.globalStep() % everySteps == 0) save(trainer);
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochEnd epoch) {
        if (everyEpoch) save(trainer);
    }

    private void save(Trainer trainer) {
        try {
            trainer.saveCheckpoint(file);
        } catch (IOException e) {
            throw new UncheckedIOException("CheckpointCallback: writing " + file + " failed: " + e.getMessage(), e);
        }
    }
}
