package io.callosum.splitbrain.train;

import io.callosum.nn.layers.Linear;
import io.callosum.nn.optim.SGD;
import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.data.SyntheticColorDataset;
import io.callosum.tensor.Device;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A planted NaN loss or gradient stops training (weights untouched) or skips the step, as asked. */
class TrainingLoopNonFiniteTest {
    static final Budget BUDGET = new Budget("sgd", 0.1, 1.0, 0, 4, 1, 4);
    static final Placement PLACEMENT = new Placement(Device.CPU, 0);

    /** A linear model on the mean colour; step 2's loss or gradient is poisoned. */
    static TrainingLoop.StepLoss poisoned(Linear lin, boolean inLoss) {
        int[] calls = {0};
        return (images, labels, globalStep) -> {
            int step = calls[0]++;
            Tensor feat = images.mean(new int[]{2, 3}, false);
            Tensor loss = lin.forward(feat).square().mean();
            if (step != 2) return loss;
            // NaN in the loss itself, or a finite loss (0) whose gradient is 0·∞ = NaN
            return inLoss ? loss.mul(Float.NaN) : loss.add(lin.parameter("weight").mul(0).sqrt().sum());
        };
    }

    @Test
    void stopThrowsBeforeTheWeightsChange() {
        for (boolean inLoss : new boolean[]{true, false}) {
            Linear lin = new Linear(3, 2, true, new Generator(1));
            float[][] seen = new float[1][];
            TrainingLoop loop = new TrainingLoop("test", BUDGET, 3, PLACEMENT, lin, new SGD(lin.parameters(), 0.1));
            TrainListener capture = new TrainListener() {
                @Override
                public void onStep(String phase, int epoch, int step, int stepsInEpoch, double loss, int images) {
                    seen[0] = lin.parameter("weight").toFloatArray();
                }
            };
            ArithmeticException e = assertThrows(ArithmeticException.class,
                    () -> loop.run(SyntheticColorDataset.standard(16, 1, true), poisoned(lin, inLoss), capture, null));
            assertTrue(e.getMessage().startsWith("test: " + (inLoss ? "loss became NaN" : "a gradient became non-finite")), e.getMessage());
            assertTrue(e.getMessage().contains(" at epoch 0 step 2; the weights were not updated"), e.getMessage());
            assertArrayEquals(seen[0], lin.parameter("weight").toFloatArray(), "weights after step 1 are kept");
        }
    }

    @Test
    void skipDropsTheStepAndGoesOn() {
        Linear lin = new Linear(3, 2, true, new Generator(1));
        TrainingLoop loop = new TrainingLoop("test", BUDGET, 3, PLACEMENT, lin, new SGD(lin.parameters(), 0.1)).onNonFinite(TrainingLoop.NonFinitePolicy.SKIP);
        loop.run(SyntheticColorDataset.standard(16, 1, true), poisoned(lin, false), TrainListener.SILENT, null);
        assertEquals(1, loop.skippedSteps());
        assertEquals(3, loop.stepLosses().size());
        for (float v : lin.parameter("weight").toFloatArray()) assertTrue(Float.isFinite(v));
    }
}
