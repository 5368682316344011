package io.callosum.splitbrain.train;

import io.callosum.nn.train.Callback;
import io.callosum.nn.train.Trainer;

/** Progress callbacks of long loops (the command line draws progress bars from these), fed by the nn {@link Trainer}. */
public interface TrainListener extends Callback {
    /** After each optimisation step; loss is the step's total loss, images the epoch's images so far. */
    default void onStep(String phase, int epoch, int step, int stepsInEpoch, double loss, int images) {
    }

    /** After each epoch, with its mean loss and wall time. */
    default void onEpoch(String phase, int epoch, double meanLoss, double seconds, double imagesPerSecond) {
    }

    @Override
    default void onStepEnd(Trainer trainer, StepEnd s) {
        onStep(trainer.phase(), s.epoch(), s.stepInEpoch(), s.stepsInEpoch(), s.loss(), (int) s.imagesInEpoch());
    }

    @Override
    default void onEpochEnd(Trainer trainer, EpochEnd e) {
        onEpoch(trainer.phase(), e.epoch(), e.meanLoss(), e.seconds(), e.imagesPerSecond());
    }

    /** A listener that ignores everything. */
    TrainListener SILENT = new TrainListener() {
    };
}
