package io.callosum.tensor.testing;

import java.util.SplittableRandom;

/** Helpers for plain double-precision references: seeded random data, index arithmetic and tolerant comparison. */
public final class Ref {
    private Ref() {
    }

    /** n floats uniform in [lo, hi) from a seed. */
    public static float[] uniform(long seed, int n, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (lo + (hi - lo) * r.nextDouble());
        return v;
    }

    /** n floats uniform in [lo, hi) but at least {@code gap} away from each listed kink (for gradchecks). */
    public static float[] awayFrom(long seed, int n, double lo, double hi, double gap, double... kinks) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            double x;
            boolean ok;
            do {
                x = lo + (hi - lo) * r.nextDouble();
                ok = true;
                for (double k : kinks) if (Math.abs(x - k) < gap) ok = false;
            } while (!ok);
            v[i] = (float) x;
        }
        return v;
    }

    public static int[] ints(long seed, int n, int bound) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = r.nextInt(bound);
        return v;
    }

    public static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    public static int numel(int... shape) {
        int n = 1;
        for (int s : shape) n *= s;
        return n;
    }

    /** Row-major flat index. */
    public static int at(int[] shape, int... idx) {
        int flat = 0;
        for (int i = 0; i < shape.length; i++) flat = flat * shape[i] + idx[i];
        return flat;
    }

    /** Asserts |actual − expected| ≤ atol + rtol·|expected| elementwise (NaN must match NaN), naming the first bad index. */
    public static void assertClose(String what, double[] expected, float[] actual, double atol, double rtol) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": expected " + expected.length + " values, got " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual[i];
            if (Double.isNaN(e) && Double.isNaN(a)) continue;
            if (Double.isInfinite(e) && e == a) continue;
            if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
                throw new AssertionError(String.format("%s: element %d: expected %.8g, got %.8g (|diff| %.3g > %.3g)",
                        what, i, e, a, Math.abs(a - e), atol + rtol * Math.abs(e)));
            }
        }
    }

    public static void assertClose(String what, double[] expected, float[] actual) {
        assertClose(what, expected, actual, 1e-5, 1e-5);
    }

    public static void assertEquals(String what, int[] expected, int[] actual) {
        if (expected.length != actual.length) throw new AssertionError(what + ": expected " + expected.length + " values, got " + actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) throw new AssertionError(what + ": element " + i + ": expected " + expected[i] + ", got " + actual[i]);
        }
    }
}
