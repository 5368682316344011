package io.callosum.nn.train;

import java.util.Map;

/**
 * Hooks into a {@link Trainer}'s loop (progress output, checkpoints, early stopping). Every method does nothing by
 * default. A callback registered on the builder may also keep state in checkpoints through {@link #saveState} and
 * {@link #restoreState}, so a resumed run continues it.
 */
public interface Callback {
    /** Before the first batch of an epoch (also when a run resumes mid-epoch). */
    default void onEpochStart(Trainer trainer, int epoch) {
    }

    /** After each optimiser step that was taken (skipped non-finite steps are not reported). */
    default void onStepEnd(Trainer trainer, StepEnd step) {
    }

    /** After each completed epoch, with its mean loss and metrics; the trainer already counts the epoch as done. */
    default void onEpochEnd(Trainer trainer, EpochEnd epoch) {
    }

    /** Adds this callback's state to a checkpoint's metadata (keys should name the callback). */
    default void saveState(Map<String, String> metadata) {
    }

    /** Restores what {@link #saveState} wrote; keys may be absent in checkpoints written without this callback. */
    default void restoreState(Map<String, String> metadata) {
    }

    /**
     * One optimiser step's report.
     *
     * @param stepInEpoch    batches of this epoch done so far (1-based, counting skipped ones)
     * @param stepsInEpoch   batches this epoch will run
     * @param globalStep     batches drawn since the run began, this one included
     * @param imagesInEpoch  examples of this epoch trained on so far
     */
    record StepEnd(int epoch, int stepInEpoch, int stepsInEpoch, long globalStep, double loss, long imagesInEpoch) {
    }

    /**
     * One epoch's report: its mean step loss, wall time, throughput and metrics ({@code loss}, {@code top<k>} for
     * training top-k accuracy, {@code val_top<k>} for validation top-k accuracy).
     */
    record EpochEnd(int epoch, double meanLoss, double seconds, double imagesPerSecond, Map<String, Double> metrics) {
    }
}
