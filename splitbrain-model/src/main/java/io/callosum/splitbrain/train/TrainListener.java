package io.callosum.splitbrain.train;

/** Progress callbacks of long loops (the command line draws progress bars from these). */
public interface TrainListener {
    /** After each optimisation step; loss is the step's total loss. */
    default void onStep(String phase, int epoch, int step, int stepsInEpoch, double loss, int images) {
    }

    /** After each epoch, with its mean loss and wall time. */
    default void onEpoch(String phase, int epoch, double meanLoss, double seconds, double imagesPerSecond) {
    }

    TrainListener SILENT = new TrainListener() {
    };
}
