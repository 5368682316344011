package io.callosum.nn.train;

import io.callosum.nn.data.TensorBatches;
import io.callosum.nn.layers.Linear;
import io.callosum.nn.optim.SGD;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Early stopping on planted per-epoch losses stops after exactly `patience` epochs without improvement. */
class EarlyStoppingTest {
    /** Trains up to 10 epochs of 2 steps whose loss is epochLoss[epoch] (gradients zero). */
    static Trainer run(double[] epochLoss, EarlyStopping stopping) {
        Linear lin = new Linear(3, 2, new Generator(1));
        Trainer t = Trainer.builder(lin, new SGD(lin.parameters(), 0.1),
                        TrainStep.of((x, y, step) -> lin.forward(x).mul(0).sum().add(epochLoss[(int) (step / 2)])))
                .epochs(epochLoss.length).callback(stopping).build();
        t.fit(TensorBatches.inOrder(Tensor.randn(new Generator(2), 8, 3), new int[8], 4));
        return t;
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovement() {
        EarlyStopping s = new EarlyStopping("loss", EarlyStopping.Mode.MIN, 2, 0);
        Trainer t = run(new double[]{5, 4, 4.5, 4.2, 3.9, 3, 2, 1, 0.5, 0.25}, s);
        assertEquals(4, t.epochsDone(), "best at epoch 1; epochs 2 and 3 do not improve");
        assertEquals(4, s.best());
        assertEquals(1, s.bestEpoch());
    }

    @Test
    void smallImprovementsBelowMinDeltaDoNotCount() {
        EarlyStopping s = new EarlyStopping("loss", EarlyStopping.Mode.MIN, 1, 0.5);
        Trainer t = run(new double[]{5, 4, 3.8, 1, 0.5}, s);
        assertEquals(3, t.epochsDone(), "4 beats 5 by more than 0.5; 3.8 does not beat 4 by more than 0.5");
    }

    @Test
    void runsToTheEndWhileImproving() {
        Trainer t = run(new double[]{5, 4, 3, 2}, new EarlyStopping("loss", EarlyStopping.Mode.MIN, 1, 0));
        assertEquals(4, t.epochsDone());
    }

    @Test
    void maxModeFollowsAnIncreasingMetric() {
        // as an accuracy would: the "loss" metric planted to rise, then fall
        EarlyStopping s = new EarlyStopping("loss", EarlyStopping.Mode.MAX, 1, 0);
        Trainer t = run(new double[]{1, 2, 3, 2.5, 4}, s);
        assertEquals(4, t.epochsDone());
        assertEquals(3, s.best());
    }

    @Test
    void anUnknownMetricIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(new double[]{1, 2}, new EarlyStopping("val_top1", EarlyStopping.Mode.MAX, 1, 0)));
        assertTrue(e.getMessage().contains("'val_top1'") && e.getMessage().contains("[loss]"), e.getMessage());
    }
}
