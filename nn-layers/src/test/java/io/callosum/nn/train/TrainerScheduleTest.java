package io.callosum.nn.train;

import io.callosum.nn.data.TensorBatches;
import io.callosum.nn.layers.Linear;
import io.callosum.nn.optim.SGD;
import io.callosum.nn.schedule.LrSchedule;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The learning rate each step runs with, per-step and per-epoch schedules, against the formulas written out. */
class TrainerScheduleTest {
    /** 3 epochs of 4 steps; returns the lr seen at the end of every step. */
    static List<Double> lrs(LrSchedule schedule, ScheduleUnit unit) {
        Linear lin = new Linear(3, 2, new Generator(1));
        SGD opt = new SGD(lin.parameters(), 0.5);
        List<Double> seen = new ArrayList<>();
        Trainer t = Trainer.builder(lin, opt, TrainStep.of((x, y, s) -> lin.forward(x).square().mean()))
                .epochs(3).schedule(schedule, unit).baseLr(0.2).build();
        t.fit(TensorBatches.inOrder(Tensor.randn(new Generator(2), 16, 3), new int[16], 4), new Callback() {
            @Override
            public void onStepEnd(Trainer trainer, StepEnd s) {
                seen.add(trainer.optimizer().lr());
            }
        });
        return seen;
    }

    @Test
    void perStepScheduleAdvancesEveryStep() {
        List<Double> seen = lrs(LrSchedule.cosine(12, 0), ScheduleUnit.STEP);
        assertEquals(12, seen.size());
        for (int t = 0; t < 12; t++) assertEquals(0.2 * (1 + Math.cos(Math.PI * t / 12)) / 2, seen.get(t), 1e-15, "step " + t);
    }

    @Test
    void perEpochScheduleHoldsWithinAnEpoch() {
        List<Double> seen = lrs(LrSchedule.step(1, 0.1), ScheduleUnit.EPOCH);
        double[] expected = {0.2, 0.2, 0.2, 0.2, 0.02, 0.02, 0.02, 0.02, 0.002, 0.002, 0.002, 0.002};
        assertEquals(expected.length, seen.size());
        for (int t = 0; t < expected.length; t++) assertEquals(expected[t], seen.get(t), 1e-15, "step " + t);
    }

    @Test
    void baseLrDefaultsToTheOptimizers() {
        Linear lin = new Linear(3, 2, new Generator(1));
        SGD opt = new SGD(lin.parameters(), 0.25);
        Trainer t = Trainer.builder(lin, opt, TrainStep.of((x, y, s) -> lin.forward(x).square().mean()))
                .epochs(2).schedule(LrSchedule.step(1, 0.5), ScheduleUnit.EPOCH).build();
        t.fit(TensorBatches.inOrder(Tensor.randn(new Generator(2), 8, 3), new int[8], 4));
        assertEquals(0.125, opt.lr(), 0, "epoch 1 runs at 0.25 · 0.5");
    }
}
