package io.callosum.splitbrain.eval;

import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The probe, on the Trainer, learns separable features, and is a function of its seed. */
class LinearProbeTest {
    /** n points of 3 classes: class c is a Gaussian blob around 4·e_c in 6 dimensions. */
    static Tensor blobs(int n, long seed, int[] labels) {
        Generator g = new Generator(seed);
        float[] x = new float[n * 6];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int d = 0; d < 6; d++) x[i * 6 + d] = (float) (g.nextGaussian() * 0.5 + (d == labels[i] ? 4 : 0));
        }
        return Tensor.of(x, n, 6);
    }

    @Test
    void separableClassesAreLearnedAndRunsRepeat() {
        int[] yTrain = new int[60], yTest = new int[30];
        Tensor xTrain = blobs(60, 1, yTrain), xTest = blobs(30, 2, yTest);
        LinearProbe.Config cfg = new LinearProbe.Config(20, 16, 1e-2, 1e-4, 5);
        Accuracy a = LinearProbe.fitAndEvaluate(xTrain, yTrain, xTest, yTest, 3, cfg);
        assertEquals(30, a.total());
        assertEquals(30, a.top1Correct(), "blobs 8 σ apart are separable");
        assertEquals(30, a.top5Correct());
        Accuracy untrained = LinearProbe.fitAndEvaluate(xTrain, yTrain, xTest, yTest, 3, new LinearProbe.Config(1, 16, 1e-9, 0, 5));
        assertTrue(untrained.top1Correct() < 30, "with lr 1e-9 the probe stays near its random start: " + untrained);
        assertEquals(a, LinearProbe.fitAndEvaluate(xTrain, yTrain, xTest, yTest, 3, cfg), "same seed, same result");
    }
}
