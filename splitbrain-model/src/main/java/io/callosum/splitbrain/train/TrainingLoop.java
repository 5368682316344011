package io.callosum.splitbrain.train;

import io.callosum.nn.Module;
import io.callosum.nn.data.Batch;
import io.callosum.nn.data.DataLoader;
import io.callosum.nn.data.Dataset;
import io.callosum.nn.optim.Optimizer;
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
    private final Module model;
    private final Optimizer optimizer;
    private final List<Double> stepLosses = new ArrayList<>();
    private final List<Double> epochLosses = new ArrayList<>();
    private int epochsDone;

    public TrainingLoop(String phase, Budget budget, Module model, Optimizer optimizer) {
        this.phase = phase;
        this.budget = budget;
        this.model = model;
        this.optimizer = optimizer;
    }

    public List<Double> stepLosses() {
        return stepLosses;
    }

    public List<Double> epochLosses() {
        return epochLosses;
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

    /** Runs the remaining epochs; afterEpoch (nullable) runs after each, e.g. to write a checkpoint. */
    public void run(Dataset data, StepLoss stepLoss, TrainListener listener, Runnable afterEpoch) {
        try (DataLoader loader = DataLoader.builder(data).batchSize(budget.batchSize()).shuffle(true).seed(budget.seed())
                .dropLast(data.size() >= budget.batchSize()).workers(budget.workers()).build()) {
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
                    try (Scope s = Scope.open()) {
                        Tensor l = stepLoss.loss(batch.images().to(budget.device()), batch.labels().to(budget.device()), stepLosses.size());
                        optimizer.zeroGrad();
                        l.backward();
                        optimizer.step();
                        loss = l.item();
                    }
                    if (!Double.isFinite(loss)) {
                        throw new ArithmeticException(phase + ": loss became " + loss + " at epoch " + epoch + " step " + step
                                + " (lower the learning rate, or enable anomaly detection to find the op)");
                    }
                    stepLosses.add(loss);
                    sum += loss;
                    images += batch.images().size(0);
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
