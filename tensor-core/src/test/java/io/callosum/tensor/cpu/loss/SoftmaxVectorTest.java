package io.callosum.tensor.cpu.loss;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vector path's own exp, against {@link Math#exp} rounded to float (offsets on both sides, a zero shift). */
class SoftmaxVectorTest {
    private static float[] exp(float... x) {
        int v = FloatVector.SPECIES_PREFERRED.length();
        int n = (x.length + v - 1) / v * v;
        float[] in = new float[n + 3], out = new float[n + 5], shift = new float[n];
        System.arraycopy(x, 0, in, 3, x.length);
        java.util.Arrays.fill(shift, 0, x.length, -0f); // x − (−0) = x, also for x = −0
        SoftmaxVector.expShifted(in, 3, shift, out, 5, n);
        return java.util.Arrays.copyOfRange(out, 5, 5 + x.length);
    }

    @Test
    void withinTwoUlpOverTheWholeNormalRange() {
        int n = 1 << 20;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = -87.3f + (87.3f + 88f) * i / (n - 1);
        float[] y = exp(x);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            float want = (float) Math.exp(x[i]);
            double ulps = Math.abs(y[i] - want) / Math.ulp(want);
            worst = Math.max(worst, ulps);
            assertTrue(ulps <= 2, "exp(" + x[i] + ") = " + y[i] + ", want " + want + " (" + ulps + " ulp)");
        }
        assertTrue(worst > 0, "an approximation this cheap is not correctly rounded everywhere: the test must see it");
    }

    @Test
    void edgesFlushSaturateAndPropagate() {
        float[] y = exp(0f, -0f, Float.NEGATIVE_INFINITY, -100f, -87.4f, Float.NaN, 89f, Float.POSITIVE_INFINITY, 1f);
        assertEquals(1f, y[0], 0f);
        assertEquals(1f, y[1], 0f);
        assertEquals(0f, y[2], 0f);
        assertEquals(0f, y[3], 0f);
        assertEquals(0f, y[4], 0f, "below the smallest normal: flushed");
        assertTrue(Float.isNaN(y[5]), "NaN stays NaN");
        assertEquals(Float.POSITIVE_INFINITY, y[6], 0f);
        assertEquals(Float.POSITIVE_INFINITY, y[7], 0f);
        assertEquals((float) Math.E, y[8], Math.ulp((float) Math.E));
    }
}
