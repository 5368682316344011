package io.callosum.splitbrain.train;

import io.callosum.nn.Module;
import io.callosum.nn.data.DataLoader;
import io.callosum.nn.data.Dataset;
import io.callosum.nn.optim.Optimizer;
import io.callosum.nn.schedule.LrSchedule;
import io.callosum.nn.train.Callback;
import io.callosum.nn.train.ScheduleUnit;
import io.callosum.nn.train.TrainStep;
import io.callosum.nn.train.Trainer;
import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.Placement;

/**
 * The nn {@link Trainer} set up from a {@link Budget}, as every split-brain phase (pretraining, fine-tuning, the
 * baselines) trains: lr · decay^epoch, seeded shuffled batches that drop a short last one, on the placement's device.
 */
public final class BudgetTraining {
    private BudgetTraining() {
    }

    /** A trainer for the budget's epochs, steps per epoch and per-epoch lr decay, on the placement's device. */
    public static Trainer.Builder trainer(String phase, Budget budget, Placement placement, Module model, Optimizer optimizer,
                                          TrainStep step) {
        return Trainer.builder(model, optimizer, step).phase(phase).epochs(budget.epochs()).stepsPerEpoch(budget.stepsPerEpoch())
                .device(placement.device()).baseLr(budget.lr()).schedule(LrSchedule.step(1, budget.decayPerEpoch()), ScheduleUnit.EPOCH);
    }

    /** Runs the trainer's remaining epochs over data; afterEpoch (nullable) runs after each, e.g. to write a checkpoint. */
    public static void run(Trainer trainer, Dataset data, Budget budget, long seed, Placement placement, TrainListener listener,
                           Runnable afterEpoch) {
        try (DataLoader loader = DataLoader.builder(data).batchSize(budget.batchSize()).shuffle(true).seed(seed)
                .dropLast(data.size() >= budget.batchSize()).workers(placement.workers()).build()) {
            Callback after = new Callback() {
                @Override
                public void onEpochEnd(Trainer t, EpochEnd e) {
                    if (afterEpoch != null) afterEpoch.run();
                }
            };
            trainer.fit(loader, listener, after);
        }
    }
}
