package io.callosum.examples.cli;

import io.callosum.nn.train.Callback;
import io.callosum.nn.train.Trainer;

import java.util.Locale;

/**
 * Stops a training loop whose loss has exploded while staying finite (the {@link Trainer} itself stops on NaN/Inf):
 * a loss more than {@link #FACTOR} times its first value (or than {@link #FACTOR}, if that is larger) means the
 * optimisation diverged, and training on would only write useless checkpoints. It throws from the step's callback,
 * so the epoch in progress ends without a checkpoint and the last one written stays the last good one.
 */
final class DivergenceGuard {
    static final double FACTOR = 1000;

    private Trainer watched;
    private double first;

    /** Checks one step of trainer (the first step seen of each trainer sets its reference). */
    void check(Trainer trainer, Callback.StepEnd s) {
        if (trainer != watched) {
            watched = trainer;
            first = s.loss();
            return;
        }
        double limit = FACTOR * Math.max(first, 1);
        if (s.loss() > limit) {
            throw new TrainingDivergedException(String.format(Locale.ROOT, "%s: training diverged at epoch %d step %d (global step %d): "
                            + "the loss is %.3g, more than %.0f times its first value %.4g; stopped without writing this epoch's "
                            + "checkpoint (the last one written is kept); lower --lr and train again",
                    trainer.phase(), s.epoch() + 1, s.stepInEpoch(), s.globalStep(), s.loss(), FACTOR, first));
        }
    }

    /** Training stopped because its loss exploded: exit status 1, the message says where and what to change. */
    static final class TrainingDivergedException extends ArithmeticException {
        TrainingDivergedException(String message) {
            super(message);
        }
    }
}
