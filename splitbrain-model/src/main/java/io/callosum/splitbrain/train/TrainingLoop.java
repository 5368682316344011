package io.callosum.splitbrain.train;

import io.callosum.nn.Module;
import io.callosum.nn.data.Batch;
import io.callosum.nn.data.DataLoader;
import io.callosum.nn.data.Dataset;
import io.callosum.nn.optim.Optimizer;
import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.Placement;
import io.callosum.tensor.Anomaly;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The epoch/step loop every trainer shares: seeded shuffled batches, lr decayed per epoch, one Scope per step (so a
 * step's tensors are freed at once), per-step losses recorded, progress reported.
 */
public final class TrainingLoop {
    /** Computes a batch's loss (recorded for backward) from images and labels already on the device. */
    @FunctionalInterface
    public interface StepLoss {
        Tensor loss(Tensor images, Tensor labels, int globalStep);
    }

    private final String phase;
    private final Budget budget;
    private final long seed;
    private final Placement placement;
    private final Module model;
    private final Optimizer optimizer;
    private final List<Double> stepLosses = new ArrayList<>();
    private final List<Double> epochLosses = new ArrayList<>();
    private int epochsDone;
    private NonFinitePolicy nonFinite = NonFinitePolicy.STOP;
    private int skippedSteps;

    /** What to do when a step's loss or gradients are NaN/Inf: checked before the optimizer touches the weights. */
    public enum NonFinitePolicy {
        /** Throw, naming the phase, epoch, step and value (the default). */
        STOP,
        /** Drop the step's gradients, count it and go on with the next batch. */
        SKIP
    }

    public TrainingLoop(String phase, Budget budget, long seed, Placement placement, Module model, Optimizer optimizer) {
        this.phase = phase;
        this.budget = budget;
        this.seed = seed;
        this.placement = placement;
        this.model = model;
        this.optimizer = optimizer;
    }

    public List<Double> stepLosses() {
        return stepLosses;
    }

    public List<Double> epochLosses() {
        return epochLosses;
    }

    public TrainingLoop onNonFinite(NonFinitePolicy policy) {
        this.nonFinite = policy;
        return this;
    }

    /** Steps dropped under {@link NonFinitePolicy#SKIP}. */
    public int skippedSteps() {
        return skippedSteps;
    }

    public int epochsDone() {
        return epochsDone;
    }

    public void restore(int epochsDone, List<Double> steps, List<Double> epochs) {
        this.epochsDone = epochsDone;
        stepLosses.clear();
        stepLosses.addAll(steps);
        epochLosses.clear();
        epochLosses.addAll(epochs);
    }

    /** The first parameter whose gradient holds NaN/Inf, described; null when all are finite. */
    private String nonFiniteGradient() {
        for (Tensor p : optimizer.params()) {
            Tensor g = p.grad();
            if (g != null && Anomaly.hasNonFinite(g)) return "a gradient became non-finite (parameter " + java.util.Arrays.toString(p.shape()) + ")";
        }
        return null;
    }

    /** Runs the remaining epochs; afterEpoch (nullable) runs after each, e.g. to write a checkpoint. */
    public void run(Dataset data, StepLoss stepLoss, TrainListener listener, Runnable afterEpoch) {
        try (DataLoader loader = DataLoader.builder(data).batchSize(budget.batchSize()).shuffle(true).seed(seed)
                .dropLast(data.size() >= budget.batchSize()).workers(placement.workers()).build()) {
            for (int epoch = epochsDone; epoch < budget.epochs(); epoch++) {
                optimizer.setLr(budget.lrAt(epoch));
                loader.setNextEpoch(epoch);
                model.train();
                long start = System.nanoTime();
                int steps = loader.batchesPerEpoch();
                if (budget.stepsPerEpoch() > 0) steps = Math.min(steps, budget.stepsPerEpoch());
                double sum = 0;
                int step = 0, images = 0;
                for (Batch batch : loader) {
                    if (step >= steps) break;
                    double loss;
                    try (Scope s = Scope.open(); batch) {
                        Tensor l = stepLoss.loss(batch.images().to(placement.device()), batch.labels().to(placement.device()), stepLosses.size());
                        loss = l.item();
                        optimizer.zeroGrad();
                        if (Double.isFinite(loss)) l.backward();
                        String bad = !Double.isFinite(loss) ? "loss became " + loss : nonFiniteGradient();
                        if (bad != null) {
                            optimizer.zeroGrad();
                            if (nonFinite == NonFinitePolicy.STOP) {
                                throw new ArithmeticException(phase + ": " + bad + " at epoch " + epoch + " step " + step
                                        + "; the weights were not updated (lower the learning rate, or run under Anomaly.detect() to name the op)");
                            }
                            skippedSteps++;
                            step++;
                            continue;
                        }
                        optimizer.step();
                    }
                    stepLosses.add(loss);
                    sum += loss;
                    images += batch.size();
                    step++;
                    listener.onStep(phase, epoch, step, steps, loss, images);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                epochLosses.add(sum / Math.max(1, step));
                listener.onEpoch(phase, epoch, sum / Math.max(1, step), seconds, images / Math.max(seconds, 1e-9));
                epochsDone = epoch + 1;
                if (afterEpoch != null) afterEpoch.run();
            }
        }
    }
}
