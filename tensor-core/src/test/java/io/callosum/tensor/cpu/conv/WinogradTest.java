package io.callosum.tensor.cpu.conv;

import io.callosum.tensor.Tensor;
import io.callosum.tensor.cpu.runtime.CpuSettings;
import io.callosum.tensor.spi.Conv2dGeometry;
import io.callosum.tensor.testing.Ref;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Winograd path: its matrices (derived, so checked against the definition of F(m, 3) and the published F(4, 3)),
 * which convolutions take it, and all three passes against a double-precision reference on tilings with partial
 * tiles, every padding the input gradient produces, channel counts off the vector width and batches split into
 * several groups — each also run with the path off, so that its rounding is compared with direct summation's.
 */
class WinogradTest {
    @Test
    void transformsComputeTheOneDimensionalCorrelation() {
        Random rnd = new Random(1);
        for (WinogradTransform t : new WinogradTransform[]{WinogradTransform.of(2, 3, 0, 1, -1), WinogradTransform.F4X4_3X3,
                WinogradTransform.of(4, 3, 0, 1, -1, 2, -2), WinogradTransform.F6X6_3X3}) {
            for (int trial = 0; trial < 20; trial++) {
                double[] d = new double[t.alpha], g = new double[t.r];
                for (int i = 0; i < d.length; i++) d[i] = rnd.nextDouble() * 2 - 1;
                for (int i = 0; i < g.length; i++) g[i] = rnd.nextDouble() * 2 - 1;
                double[] gg = multiply(t.g, g), bd = multiply(t.bt, d), prod = new double[t.alpha];
                for (int i = 0; i < t.alpha; i++) prod[i] = gg[i] * bd[i];
                double[] y = multiply(t.at, prod);
                for (int i = 0; i < t.m; i++) {
                    double expected = 0;
                    for (int k = 0; k < t.r; k++) expected += d[i + k] * g[k];
                    assertEquals(expected, y[i], 1e-12, "F(" + t.m + ", 3) output " + i);
                }
            }
        }
    }

    @Test
    void theTileWithFewerProductsRunsAndATieGoesToTheSmaller() {
        assertEquals(6, WinogradConv.transformFor(geometry(2, 64, 12, 12, 64, 1, 1, 1, 1)).m, "12×12: 4·64 < 9·36");
        assertEquals(6, WinogradConv.transformFor(geometry(2, 64, 24, 24, 64, 1, 1, 1, 1)).m, "24×24: 16·64 < 36·36");
        assertEquals(4, WinogradConv.transformFor(geometry(2, 64, 8, 8, 64, 1, 1, 1, 1)).m, "8×8: 4·36 < 4·64");
        assertEquals(6, WinogradConv.transformFor(geometry(2, 64, 6, 6, 64, 1, 1, 1, 1)).m, "6×6: 64 < 4·36");
        assertEquals(4, WinogradConv.transformFor(geometry(2, 64, 3, 3, 64, 1, 1, 1, 1)).m, "3×3: 36 < 64");
        assertEquals(4, WinogradConv.transformFor(geometry(2, 64, 16, 16, 64, 1, 1, 1, 1)).m, "16×16: 16·36 = 9·64");
        int prev = CpuSettings.winogradTile();
        try {
            CpuSettings.setWinogradTile(4);
            assertEquals(4, WinogradConv.transformFor(geometry(2, 64, 12, 12, 64, 1, 1, 1, 1)).m);
            CpuSettings.setWinogradTile(6);
            assertEquals(6, WinogradConv.transformFor(geometry(2, 64, 8, 8, 64, 1, 1, 1, 1)).m);
        } finally {
            CpuSettings.setWinogradTile(prev);
        }
    }

    @Test
    void derivationReproducesLavinAndGraysPublishedF4() {
        WinogradTransform t = WinogradTransform.of(4, 3, 0, 1, -1, 2, -2);
        assertArrayEquals(new double[]{4, 0, -5, 0, 1, 0}, t.bt[0], 0);
        assertArrayEquals(new double[]{0, -4, -4, 1, 1, 0}, t.bt[1], 0);
        assertArrayEquals(new double[]{0, 4, 0, -5, 0, 1}, t.bt[5], 0);
        assertArrayEquals(new double[]{1 / 24.0, 1 / 12.0, 1 / 6.0}, t.g[3], 1e-15);
        assertArrayEquals(new double[]{-1 / 6.0, 1 / 6.0, -1 / 6.0}, t.g[2], 1e-15);
        assertArrayEquals(new double[]{0, 1, -1, 8, -8, 1}, t.at[3], 0);
    }

    @Test
    void onlyUngroupedStrideOne3x3ConvolutionsWithEnoughChannelsApply() {
        int c = WinogradConv.MIN_HARMONIC_CHANNELS;
        assertTrue(WinogradConv.applies(geometry(2, c, 12, 12, c, 1, 1, 1, 1)));
        assertTrue(WinogradConv.applies(geometry(2, 64, 12, 12, 128, 1, 1, 1, 1)), "64 → 128: harmonic mean 85");
        assertTrue(WinogradConv.applies(geometry(2, 64, 12, 12, 64, 1, 1, 1, 1)), "64 → 64: harmonic mean 64");
        assertFalse(WinogradConv.applies(geometry(2, 48, 12, 12, 90, 1, 1, 1, 1)), "48 → 90: harmonic mean 62.6");
        assertFalse(WinogradConv.applies(geometry(2, 32, 12, 12, 1024, 1, 1, 1, 1)), "32 → 1024: harmonic mean 62");
        assertFalse(WinogradConv.applies(geometry(2, 32, 24, 24, 32, 1, 1, 1, 1)), "32 → 32: harmonic mean 32");
        assertFalse(WinogradConv.applies(geometry(2, c, 12, 12, c, 1, 2, 1, 1)), "stride 2");
        assertFalse(WinogradConv.applies(geometry(2, c, 12, 12, c, 1, 1, 2, 1)), "dilation 2");
        assertFalse(WinogradConv.applies(geometry(2, 2 * c, 12, 12, 2 * c, 1, 1, 1, 2)), "groups 2");
        assertFalse(WinogradConv.applies(Conv2dGeometry.of("t", new int[]{2, c, 12, 12}, new int[]{c, c, 5, 5},
                new int[]{1, 1}, new int[]{2, 2}, new int[]{1, 1}, 1)), "5×5");
        boolean prev = CpuSettings.setWinograd(false);
        try {
            assertFalse(WinogradConv.applies(geometry(2, c, 12, 12, c, 1, 1, 1, 1)), "switched off");
        } finally {
            CpuSettings.setWinograd(prev);
        }
    }

    /** n, cin, h, w, cout, pad: exact tiles, partial tiles, pad 0 (its input gradient pads by 2), pad 2, odd widths. */
    static final int[][] CASES = {
            {3, 96, 12, 12, 96, 1},
            {2, 80, 13, 10, 96, 1},
            {2, 97, 9, 11, 81, 0},
            {2, 88, 7, 6, 100, 2},
            {1, 128, 5, 5, 67, 1},
    };

    @Test
    void allThreePassesMatchTheDoubleReferenceWithFourByFourTiles() {
        withTile(4, () -> {
            for (int[] c : CASES) checkCase(c);
        });
    }

    @Test
    void allThreePassesMatchTheDoubleReferenceWithSixBySixTiles() {
        withTile(6, () -> {
            for (int[] c : CASES) checkCase(c);
        });
    }

    private static void withTile(int tile, Runnable body) {
        int prev = CpuSettings.setWinogradTile(tile);
        try {
            body.run();
        } finally {
            CpuSettings.setWinogradTile(prev);
        }
    }

    @Test
    void batchesSplitIntoGroupsGiveTheSameResults() {
        int prev = WinogradConv.groupFloats;
        WinogradConv.groupFloats = 36 * 9 * (96 + 16) * 2;      // two 12×12 images of 96 channels per group
        try {
            withTile(4, () -> checkCase(new int[]{5, 96, 12, 12, 96, 1}));
            withTile(6, () -> checkCase(new int[]{5, 96, 12, 12, 96, 1}));
        } finally {
            WinogradConv.groupFloats = prev;
        }
    }

    @Test
    void scalarPathMatchesTheReferenceToo() {
        boolean prev = CpuSettings.setScalar(true);
        try {
            withTile(4, () -> checkCase(CASES[1]));
            withTile(6, () -> checkCase(CASES[2]));
        } finally {
            CpuSettings.setScalar(prev);
        }
    }

    /**
     * Forward, input and weight gradient with Winograd on and off against the double reference. Winograd's error is
     * bounded in units of the reference's magnitude and relative to direct summation's: F(4×4) within 1e-5 and 16×
     * (it measures 4–10×), F(6×6) within 4e-5 and 64× (it measures 9–32×, up to 1.1e-5).
     */
    private static void checkCase(int[] c) {
        Conv2dGeometry g = geometry(c[0], c[1], c[2], c[3], c[4], c[5], 1, 1, 1);
        assertTrue(WinogradConv.applies(g), "case must take the Winograd path: " + g);
        long seed = java.util.Arrays.hashCode(c);
        float[] x = Ref.uniform(seed, g.n() * g.cin() * g.h() * g.w(), -1, 1);
        float[] w = Ref.uniform(seed + 1, g.cout() * g.cin() * 9, -1, 1);
        float[] b = Ref.uniform(seed + 2, g.cout(), -1, 1);
        float[] gy = Ref.uniform(seed + 3, g.n() * g.cout() * g.outH() * g.outW(), -1, 1);
        double[][] ref = reference(g, x, w, b, gy);
        float[][] wino = run(g, x, w, b, gy, true), direct = run(g, x, w, b, gy, false);
        String[] pass = {"forward", "input gradient", "weight gradient"};
        for (int i = 0; i < 3; i++) {
            double scale = maxAbs(ref[i]);
            double errW = maxError(ref[i], wino[i]) / scale, errD = maxError(ref[i], direct[i]) / scale;
            String what = pass[i] + " of " + g + ": Winograd error " + errW + ", direct " + errD;
            boolean six = WinogradConv.transformFor(g).m == 6;
            assertTrue(errW < (six ? 4e-5 : 1e-5), what);
            assertTrue(errW < (six ? 64 : 16) * Math.max(errD, 1e-7), what);
        }
    }

    private static float[][] run(Conv2dGeometry g, float[] x, float[] w, float[] b, float[] gy, boolean winograd) {
        boolean prev = CpuSettings.setWinograd(winograd);
        try {
            Tensor xt = Tensor.of(x, g.n(), g.cin(), g.h(), g.w()), wt = Tensor.of(w, g.cout(), g.cin(), 3, 3);
            Tensor gyt = Tensor.of(gy, g.n(), g.cout(), g.outH(), g.outW());
            Tensor y = Tensor.zeros(g.n(), g.cout(), g.outH(), g.outW());
            Tensor gx = Tensor.zeros(g.n(), g.cin(), g.h(), g.w()), gw = Tensor.full(Float.NaN, g.cout(), g.cin(), 3, 3);
            CpuConv.forward(xt, wt, Tensor.of(b, g.cout()), y, g);
            CpuConv.backwardInput(gyt, wt, gx, g);
            CpuConv.backwardWeight(gyt, xt, gw, g);
            return new float[][]{y.toFloatArray(), gx.toFloatArray(), gw.toFloatArray()};
        } finally {
            CpuSettings.setWinograd(prev);
        }
    }

    /** Forward (with bias), input gradient and weight gradient of a 3×3 stride-1 convolution, in double. */
    private static double[][] reference(Conv2dGeometry g, float[] x, float[] w, float[] b, float[] gy) {
        int n = g.n(), ci = g.cin(), co = g.cout(), h = g.h(), wd = g.w(), oh = g.outH(), ow = g.outW(), p = g.padH();
        double[] y = new double[n * co * oh * ow], gx = new double[x.length], gw = new double[w.length];
        for (int img = 0; img < n; img++) {
            for (int k = 0; k < co; k++) {
                for (int r = 0; r < oh; r++) {
                    for (int q = 0; q < ow; q++) {
                        int yi = ((img * co + k) * oh + r) * ow + q;
                        double acc = b[k];
                        for (int c = 0; c < ci; c++) {
                            for (int i = 0; i < 3; i++) {
                                int yy = r + i - p;
                                if (yy < 0 || yy >= h) continue;
                                for (int j = 0; j < 3; j++) {
                                    int xx = q + j - p;
                                    if (xx < 0 || xx >= wd) continue;
                                    int xi = ((img * ci + c) * h + yy) * wd + xx, wi = ((k * ci + c) * 3 + i) * 3 + j;
                                    acc += (double) x[xi] * w[wi];
                                    gx[xi] += (double) gy[yi] * w[wi];
                                    gw[wi] += (double) gy[yi] * x[xi];
                                }
                            }
                        }
                        y[yi] = acc;
                    }
                }
            }
        }
        return new double[][]{y, gx, gw};
    }

    static Conv2dGeometry geometry(int n, int cin, int h, int w, int cout, int pad, int stride, int dil, int groups) {
        return Conv2dGeometry.of("test", new int[]{n, cin, h, w}, new int[]{cout, cin / groups, 3, 3},
                new int[]{stride, stride}, new int[]{pad, pad}, new int[]{dil, dil}, groups);
    }

    private static double[] multiply(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < v.length; j++) out[i] += a[i][j] * v[j];
        return out;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) m = Math.max(m, Math.abs(d));
        return m;
    }

    private static double maxError(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        double m = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            if (Double.isNaN(d)) return Double.POSITIVE_INFINITY;  // an element never written
            m = Math.max(m, d);
        }
        return m;
    }
}
