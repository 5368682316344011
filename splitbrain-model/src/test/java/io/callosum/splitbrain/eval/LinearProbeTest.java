package io.callosum.splitbrain.eval;

import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

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
        LinearProbe.Config cfg = LinearProbe.Config.builder().epochs(20).batchSize(16).lr(1e-2).weightDecay(1e-4).seed(5).build();
        Accuracy a = LinearProbe.fitAndEvaluate(xTrain, yTrain, xTest, yTest, 3, cfg);
        assertEquals(30, a.total());
        assertEquals(30, a.top1Correct(), "blobs 8 σ apart are separable");
        assertEquals(30, a.top5Correct());
        Accuracy untrained = LinearProbe.fitAndEvaluate(xTrain, yTrain, xTest, yTest, 3, cfg.toBuilder().epochs(1).lr(1e-9).weightDecay(0).build());
        assertTrue(untrained.top1Correct() < 30, "with lr 1e-9 the probe stays near its random start: " + untrained);
        assertEquals(a, LinearProbe.fitAndEvaluate(xTrain, yTrain, xTest, yTest, 3, cfg), "same seed, same result");
    }

    @Test
    void configBuilderStartsFromDocumentedDefaultsAndChecksEveryValue() {
        assertEquals(new LinearProbe.Config(30, 64, 1e-3, 1e-3, 0), LinearProbe.Config.builder().build());
        LinearProbe.Config c = LinearProbe.Config.builder().epochs(3).batchSize(5).lr(0.1).weightDecay(0).seed(9).build();
        assertEquals(new LinearProbe.Config(3, 5, 0.1, 0, 9), c);
        assertEquals(c, c.toBuilder().build());
        assertEquals(7, c.toBuilder().seed(7).build().seed());
        String[] bad = {"epochs must be at least 1, got 0", "batchSize must be at least 1, got -2", "lr must be positive and finite, got NaN",
                "weightDecay must be >= 0 and finite, got -1.0"};
        Executable[] make = {
                () -> LinearProbe.Config.builder().epochs(0).build(),
                () -> LinearProbe.Config.builder().batchSize(-2).build(),
                () -> LinearProbe.Config.builder().lr(Double.NaN).build(),
                () -> LinearProbe.Config.builder().weightDecay(-1).build()};
        for (int i = 0; i < make.length; i++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make[i]);
            assertEquals("LinearProbe.Config: " + bad[i], e.getMessage());
        }
    }
}
