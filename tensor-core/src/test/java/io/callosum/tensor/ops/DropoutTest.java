package io.callosum.tensor.ops;

import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.testing.DeviceCase;
import io.callosum.tensor.testing.Ref;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Functional.dropout: the zeroed fraction, the 1/(1−p) scaling, eval identity, reproducibility and the gradient. */
class DropoutTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void zeroesAboutPAndScalesSurvivors(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            int n = 200_000;
            float[] x = Ref.uniform(1, n, 0.5, 2); // nonzero, so a zero output means dropped
            for (double p : new double[]{0.1, 0.5, 0.8}) {
                float[] y = Functional.dropout(dc.tensor(x, 400, 500), p, true, new Generator(42)).toFloatArray();
                int zeros = 0;
                for (int i = 0; i < n; i++) {
                    if (y[i] == 0) zeros++;
                    else assertEquals(x[i] / (1 - p), y[i], 1e-6 * y[i], "survivor " + i + " scaled by 1/(1-p) at p = " + p);
                }
                // binomial: |zeros − n·p| within 5 standard deviations
                double sd = Math.sqrt(n * p * (1 - p));
                assertTrue(Math.abs(zeros - n * p) < 5 * sd, "p = " + p + ": " + zeros + " of " + n + " zeroed, expected " + n * p + " ± " + 5 * sd);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void identityInEvalAndAtPZeroAllZeroAtPOne(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor x = dc.tensor(Ref.uniform(2, 60, -1, 1), 3, 4, 5);
            assertSame(x, Functional.dropout(x, 0.5, false, new Generator(1)), "eval mode returns the input");
            assertSame(x, Functional.dropout(x, 0, true, new Generator(1)), "p = 0 returns the input");
            Ref.assertClose("p = 1 drops everything", new double[60], Functional.dropout(x, 1, true, new Generator(1)).toFloatArray(), 0, 0);
            var e = assertThrows(IllegalArgumentException.class, () -> Functional.dropout(x, 1.5, true, new Generator(1)));
            assertTrue(e.getMessage().contains("dropout") && e.getMessage().contains("1.5"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void sameSeedSameMask(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor x = dc.tensor(Ref.uniform(3, 1000, 0.5, 1), 10, 100);
            float[] a = Functional.dropout(x, 0.3, true, new Generator(7)).toFloatArray();
            float[] b = Functional.dropout(x, 0.3, true, new Generator(7)).toFloatArray();
            float[] c = Functional.dropout(x, 0.3, true, new Generator(8)).toFloatArray();
            assertArrayEquals(a, b, "same seed, same mask");
            assertFalse(java.util.Arrays.equals(a, c), "another seed, another mask");
            Generator g = new Generator(7);
            float[] first = Functional.dropout(x, 0.3, true, g).toFloatArray();
            float[] second = Functional.dropout(x, 0.3, true, g).toFloatArray();
            assertFalse(java.util.Arrays.equals(first, second), "successive draws from one generator differ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void gradientIsTheScaledMask(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            double p = 0.4;
            float[] v = Ref.uniform(4, 500, 0.5, 2);
            Tensor x = dc.tensor(v, 5, 100).requiresGrad(true);
            Tensor y = Functional.dropout(x, p, true, new Generator(9));
            Tensor gy = dc.tensor(Ref.uniform(5, 500, -1, 1), 5, 100);
            y.backward(gy);
            float[] out = y.toFloatArray(), g = x.grad().toFloatArray(), gyv = gy.toFloatArray();
            double[] expected = new double[500];
            for (int i = 0; i < 500; i++) expected[i] = out[i] == 0 ? 0 : gyv[i] / (1 - p);
            Ref.assertClose("dropout gradient = gy · mask / (1 − p)", expected, g, 1e-6, 1e-6);
        }
    }
}
