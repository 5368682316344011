package io.callosum.nn.train;

import io.callosum.nn.data.TensorBatches;
import io.callosum.nn.layers.Linear;
import io.callosum.nn.optim.SGD;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A planted NaN loss or gradient stops training (weights untouched, step named) or skips the step, as asked. */
class TrainerNonFiniteTest {
    /** 16 rows of 3 features in batches of 4: 4 steps per epoch. */
    static TensorBatches data() {
        return TensorBatches.inOrder(Tensor.randn(new Generator(9), 16, 3), new int[16], 4);
    }

    /** A squared-output loss whose step 2 is poisoned in the loss itself or (finite loss 0) in a gradient, 0·∞. */
    static TrainStep poisoned(Linear lin, boolean inLoss) {
        return TrainStep.of((x, y, step) -> {
            Tensor loss = lin.forward(x).square().mean();
            if (step != 2) return loss;
            return inLoss ? loss.mul(Float.NaN) : loss.add(lin.parameter("weight").mul(0).sqrt().sum());
        });
    }

    @Test
    void stopThrowsWithTheStepBeforeTheWeightsChange() {
        for (boolean inLoss : new boolean[]{true, false}) {
            Linear lin = new Linear(3, 2, new Generator(1));
            float[][] seen = new float[1][];
            Trainer t = Trainer.builder(lin, new SGD(lin.parameters(), 0.1), poisoned(lin, inLoss)).phase("test").epochs(2).build();
            Callback capture = new Callback() {
                @Override
                public void onStepEnd(Trainer trainer, StepEnd s) {
                    seen[0] = lin.parameter("weight").toFloatArray();
                }
            };
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> t.fit(data(), capture));
            assertTrue(e.getMessage().startsWith("test: " + (inLoss ? "loss became NaN" : "a gradient became non-finite")), e.getMessage());
            assertTrue(e.getMessage().contains(" at epoch 0 step 2 (global step 2); the weights were not updated"), e.getMessage());
            assertTrue(e.getMessage().contains("lower the learning rate"), "a hint: " + e.getMessage());
            assertArrayEquals(seen[0], lin.parameter("weight").toFloatArray(), "weights after step 1 are kept");
            assertEquals(2, t.stepLosses().size());
        }
    }

    @Test
    void skipDropsTheStepAndGoesOn() {
        Linear lin = new Linear(3, 2, new Generator(1));
        Trainer t = Trainer.builder(lin, new SGD(lin.parameters(), 0.1), poisoned(lin, false)).onNonFinite(NonFinitePolicy.SKIP).build();
        t.fit(data());
        assertEquals(1, t.skippedSteps());
        assertEquals(3, t.stepLosses().size());
        assertEquals(4, t.globalStep(), "the skipped batch still counts as drawn");
        for (float v : lin.parameter("weight").toFloatArray()) assertTrue(Float.isFinite(v));
        double mean = (t.stepLosses().get(0) + t.stepLosses().get(1) + t.stepLosses().get(2)) / 3;
        assertEquals(mean, t.epochLosses().get(0), 0, "the epoch's mean is over the steps taken");
    }
}
