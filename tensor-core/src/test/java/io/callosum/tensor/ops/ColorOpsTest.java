package io.callosum.tensor.ops;

import io.callosum.tensor.Color;
import io.callosum.tensor.GradCheck;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.cpu.runtime.CpuFeatures;
import io.callosum.tensor.cpu.runtime.CpuSettings;
import io.callosum.tensor.testing.DeviceCase;
import io.callosum.tensor.testing.Ref;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sRGB ↔ Lab against scikit-image tables (src/test/resources/color, written by src/test/python/lab_reference.py),
 * round trips, clipping, gradients on each side of the formula's thresholds, and bin quantization.
 */
class ColorOpsTest {

    /** A CSV table of scikit-image conversions: three input and three output columns per row. */
    record Table(float[] in, double[] out, int rows) {
        static Table load(String resource) {
            var stream = ColorOpsTest.class.getResourceAsStream(resource);
            if (stream == null) throw new IllegalStateException("missing test resource " + resource);
            List<String[]> lines = new ArrayList<>();
            try (var r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                r.readLine(); // provenance comment
                r.readLine(); // header
                for (String line; (line = r.readLine()) != null; ) if (!line.isBlank()) lines.add(line.split(","));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int n = lines.size();
            float[] in = new float[3 * n];
            double[] out = new double[3 * n];
            // channel-major: the table as one image N=1, C=3, H=1, W=rows
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 3; k++) {
                    in[k * n + i] = Float.parseFloat(lines.get(i)[k]);
                    out[k * n + i] = Double.parseDouble(lines.get(i)[3 + k]);
                }
            }
            return new Table(in, out, n);
        }
    }

    private static double maxAbsDiff(double[] expected, float[] actual) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        return worst;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void rgbToLabMatchesScikitImage(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Table t = Table.load("/color/rgb2lab.csv");
            assertTrue(t.rows() > 300, "table has " + t.rows() + " rows");
            Tensor lab = Color.rgbToLab(dc.tensor(t.in(), 1, 3, 1, t.rows()));
            float[] got = lab.toFloatArray();
            double worst = maxAbsDiff(t.out(), got);
            System.out.printf("[ColorOpsTest] %s: rgbToLab vs skimage rgb2lab, %d colours: max |error| %.3g%n", dc, t.rows(), worst);
            Ref.assertClose("rgbToLab vs skimage", t.out(), got, 1e-3, 0);
            // the same colours as a 3×H×W image, split over a batch of two
            Tensor batched = dc.tensor(t.in(), 3, 1, t.rows()).reshape(3, 2, t.rows() / 2).permute(1, 0, 2).unsqueeze(2);
            float[] viaBatch = Color.rgbToLab(batched).permute(1, 0, 2, 3).contiguous().toFloatArray();
            assertArrayEquals(got, viaBatch, "batched and strided input");
            assertArrayEquals(got, Color.rgbToLab(dc.tensor(t.in(), 3, 1, t.rows())).toFloatArray(), "3×H×W input");
        }
    }

    /** rgbToLab of [1, 3, 1, n] pixels on the forced-scalar (double reference) or the vectorised CPU path. */
    private static float[] rgbToLabOnPath(boolean scalar, float[] rgb) {
        boolean prev = CpuSettings.setScalar(scalar);
        try {
            return Color.rgbToLab(Tensor.of(rgb, 1, 3, 1, rgb.length / 3)).toFloatArray();
        } finally {
            CpuSettings.setScalar(prev);
        }
    }

    /** Channel-major pixels [3, n] with every combination of the values over the three channels. */
    private static float[] cube(float[] values) {
        int k = values.length, n = k * k * k;
        float[] rgb = new float[3 * n];
        for (int i = 0; i < n; i++) {
            rgb[i] = values[i / (k * k)];
            rgb[n + i] = values[i / k % k];
            rgb[2 * n + i] = values[i % k];
        }
        return rgb;
    }

    @Test
    void vectorisedRgbToLabAgreesWithTheDoubleReference() {
        // a grid over the cube, both sides of the sRGB knee (0.04045) and of the Lab knee (t = 0.008856, a grey of
        // about 0.0919), and values beyond [0, 1] that the float approximations still cover
        float[] grid = new float[41];
        for (int i = 0; i < grid.length; i++) grid[i] = i / 40f;
        float[] extra = {0.04045f, Math.nextDown(0.04045f), Math.nextUp(0.04045f), 0.0919f, 0.0918f, 0.092f, 1e-6f,
                -1e-6f, -0.5f, 1.5f, 3f, 250f, 1e5f, -1e5f, 999_999f};
        float[] values = java.util.Arrays.copyOf(grid, grid.length + extra.length);
        System.arraycopy(extra, 0, values, grid.length, extra.length);
        float[] rgb = cube(values);
        float[] reference = rgbToLabOnPath(true, rgb), vectorised = rgbToLabOnPath(false, rgb);
        double worstInCube = 0, worstRelative = 0;
        int n = rgb.length / 3;
        for (int i = 0; i < reference.length; i++) {
            int p = i % n;
            boolean inCube = rgb[p] >= 0 && rgb[p] <= 1 && rgb[n + p] >= 0 && rgb[n + p] <= 1 && rgb[2 * n + p] >= 0 && rgb[2 * n + p] <= 1;
            double diff = Math.abs(reference[i] - vectorised[i]);
            // beyond the cube L, a and b grow with the input and a, b cancel: the scale is the pixel's largest value
            double scale = Math.max(1, Math.max(Math.abs(reference[p]), Math.max(Math.abs(reference[n + p]), Math.abs(reference[2 * n + p]))));
            if (inCube) worstInCube = Math.max(worstInCube, diff);
            else worstRelative = Math.max(worstRelative, diff / scale);
        }
        System.out.printf("[ColorOpsTest] %s vs double: %d colours, max |error| %.3g in the cube, %.3g relative to the pixel's largest |value| beyond it%n",
                CpuFeatures.describePath(), n, worstInCube, worstRelative);
        assertTrue(worstInCube <= 1e-3, "max |error| in the RGB cube " + worstInCube);
        assertTrue(worstRelative <= 1e-5, "max relative error beyond the cube " + worstRelative);
    }

    @Test
    void valuesBeyondTheVectorisedRangeGetTheDoubleResult() {
        float nan = Float.NaN, inf = Float.POSITIVE_INFINITY;
        float[][] pixels = {{nan, 0.5f, 0.5f}, {0.5f, inf, 0.5f}, {0.2f, 0.3f, -inf}, {1e7f, 0.1f, 0.1f}, {-3e9f, 0.4f, 0.9f},
                {Float.MAX_VALUE, 0, 0}, {0.3f, 0.6f, 0.9f}};
        int n = pixels.length;
        float[] rgb = new float[3 * n];
        for (int i = 0; i < n; i++) for (int k = 0; k < 3; k++) rgb[k * n + i] = pixels[i][k];
        float[] reference = rgbToLabOnPath(true, rgb), vectorised = rgbToLabOnPath(false, rgb);
        for (int i = 0; i < reference.length; i++) {
            if (i % n == n - 1) continue; // the ordinary pixel is vectorised: close, not equal
            assertEquals(reference[i], vectorised[i], "pixel " + i % n + " channel " + i / n);
        }
        assertTrue(Float.isNaN(vectorised[0]), "NaN in, NaN out");
        assertEquals(reference[n - 1], vectorised[n - 1], 1e-3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void aPixelConvertsTheSameWhereverItSitsInARow(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            for (int w : new int[]{1, 7, 16, 17, 31, 33, 40, 513, 1029}) {
                float[] rgb = Ref.uniform(100 + w, 3 * w, 0, 1);
                float[] row = Color.rgbToLab(dc.tensor(rgb, 1, 3, 1, w)).toFloatArray();
                for (int p : new int[]{0, w / 2, w - 1}) {
                    float[] alone = Color.rgbToLab(dc.tensor(new float[]{rgb[p], rgb[w + p], rgb[2 * w + p]}, 1, 3, 1, 1)).toFloatArray();
                    for (int k = 0; k < 3; k++) assertEquals(alone[k], row[k * w + p], "width " + w + " pixel " + p + " channel " + k);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void labToRgbMatchesScikitImageIncludingClipping(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Table t = Table.load("/color/lab2rgb.csv");
            float[] got = Color.labToRgb(dc.tensor(t.in(), 1, 3, 1, t.rows())).toFloatArray();
            double worst = maxAbsDiff(t.out(), got);
            System.out.printf("[ColorOpsTest] %s: labToRgb vs skimage lab2rgb, %d Lab values: max |error| %.3g%n", dc, t.rows(), worst);
            Ref.assertClose("labToRgb vs skimage", t.out(), got, 1e-5, 0);
            int zeros = 0, ones = 0;
            for (float v : got) {
                assertTrue(v >= 0 && v <= 1, "clipped to [0, 1]: " + v);
                if (v == 0) zeros++;
                if (v == 1) ones++;
            }
            assertTrue(zeros > 20 && ones > 20, "the table reaches both clip limits: " + zeros + " zeros, " + ones + " ones");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void roundTripRecoversRgb(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            float[] rgb = Ref.uniform(5, 3 * 2 * 9 * 7, 0, 1);
            Tensor x = dc.tensor(rgb, 2, 3, 9, 7);
            Ref.assertClose("labToRgb(rgbToLab(x))", Ref.toDouble(rgb), Color.labToRgb(Color.rgbToLab(x)).toFloatArray(), 1e-4, 0);
            Table t = Table.load("/color/rgb2lab.csv"); // greys, primaries and both thresholds
            Ref.assertClose("round trip of the reference colours", Ref.toDouble(t.in()),
                    Color.labToRgb(Color.rgbToLab(dc.tensor(t.in(), 1, 3, 1, t.rows()))).toFloatArray(), 1e-4, 0);
        }
    }

    /** Pixels [1, 3, 1, n] whose channels are drawn from [lo, hi). */
    private static Tensor pixels(DeviceCase dc, long seed, int n, double lo, double hi) {
        return dc.tensor(Ref.uniform(seed, 3 * n, lo, hi), 1, 3, 1, n);
    }

    /** Explicit pixels, one {r, g, b} per row, as [1, 3, 1, n]. */
    private static Tensor pixels(DeviceCase dc, float[][] rows) {
        int n = rows.length;
        float[] v = new float[3 * n];
        for (int i = 0; i < n; i++) for (int k = 0; k < 3; k++) v[k * n + i] = rows[i][k];
        return dc.tensor(v, 1, 3, 1, n);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void rgbToLabGradientOnEachSideOfTheThresholds(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            // Each region stays on one side of the sRGB knee (0.04045) and the Lab knee (t = 0.008856) within the step.
            Tensor bright = pixels(dc, 1, 4, 0.15, 0.95);     // power sRGB, cube-root Lab
            Tensor dark = pixels(dc, 2, 4, 0.001, 0.028);     // linear sRGB, linear Lab
            Tensor between = pixels(dc, 3, 4, 0.055, 0.075);  // power sRGB, linear Lab
            Tensor mixed = pixels(dc, new float[][]{{0.02f, 0.6f, 0.02f}, {0.9f, 0.01f, 0.01f}, {0.01f, 0.01f, 0.9f}, {0.06f, 0.5f, 0.02f}});
            for (var c : List.of(List.of("bright", bright), List.of("dark", dark), List.of("between the knees", between), List.of("mixed", mixed))) {
                GradCheck.assertGradients("rgbToLab " + c.get(0), xs -> Color.rgbToLab(xs[0]), new Tensor[]{(Tensor) c.get(1)}, 2e-3, 1e-2, 5e-3);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void secondOrderGradientsThroughBothConversions(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            // the fused kernels' backward is not differentiable; a recorded backward goes through the composed ops
            Tensor rgb = pixels(dc, 21, 4, 0.15, 0.9);
            GradCheck.Result toLab = GradCheck.checkSecondOrder(xs -> Color.rgbToLab(xs[0]).mul(0.01), rgb);
            assertTrue(toLab.passed(), "rgbToLab second order: " + toLab);
            Tensor lab = Color.rgbToLab(pixels(dc, 22, 4, 0.2, 0.8));
            GradCheck.Result toRgb = GradCheck.checkSecondOrder(xs -> Color.labToRgb(xs[0]), lab);
            assertTrue(toRgb.passed(), "labToRgb second order: " + toRgb);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void labToRgbGradientInsideAndOutsideTheGamut(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            // Lab points made from sRGB values away from the knees; channels beyond [0, 1] are clipped (zero gradient).
            Tensor bright = Color.rgbToLab(pixels(dc, 11, 4, 0.15, 0.9));
            Tensor dark = Color.rgbToLab(pixels(dc, 12, 4, 0.003, 0.025));
            Tensor clipped = Color.rgbToLab(pixels(dc, new float[][]{{1.2f, 0.5f, 0.4f}, {0.3f, 1.15f, 0.7f}, {0.6f, 0.4f, 1.3f},
                    {-0.2f, 0.6f, 0.9f}, {0.9f, -0.15f, 0.5f}, {0.7f, 0.8f, -0.2f}}));
            // f(Z) = (L + 16)/116 − b/200 < 0: skimage sets it to 0, so b and the Z path of L pass no gradient
            Tensor negativeFz = pixels(dc, new float[][]{{30, 0, 100}, {40, 30, 120}, {20, 0, 80}});
            float[] rgb = Color.labToRgb(clipped).toFloatArray();
            for (int i : new int[]{0, 7, 14, 3, 10, 17}) assertTrue(rgb[i] == 0 || rgb[i] == 1, "channel " + i + " clipped: " + rgb[i]);
            for (var c : List.of(List.of("bright", bright), List.of("dark", dark), List.of("clipped", clipped), List.of("negative f(Z)", negativeFz))) {
                GradCheck.assertGradients("labToRgb " + c.get(0), xs -> Color.labToRgb(xs[0]), new Tensor[]{(Tensor) c.get(1)}, 0.05, 2e-5, 5e-3);
            }
            // A pixel clipped in every channel passes no gradient at all.
            Tensor lab = dc.tensor(new float[]{120, 0, 0}, 1, 3, 1, 1).requiresGrad(true);
            Color.labToRgb(lab).sum().backward();
            Ref.assertClose("white beyond L = 100 is clipped in every channel", new double[3], lab.grad().toFloatArray(), 0, 0);
        }
    }

    // ------------------------------------------------------------------ quantize

    /** floor((x − lo)/(hi − lo)·bins) clamped to [0, bins − 1], in double. */
    private static int bin(double x, double lo, double hi, int bins) {
        return (int) Math.max(0, Math.min(bins - 1, Math.floor((x - lo) / (hi - lo) * bins)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void quantizeEdgeBins(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            float[] l = {0, 0.5f, 0.999f, 1, 50, 99.99f, 100, -5, 150, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
            int[] lBins = {0, 0, 0, 1, 50, 99, 99, 0, 99, 99, 0};
            int[] got = Color.quantize(dc.tensor(l, 1, 1, 1, l.length), new float[]{Color.L_MIN}, new float[]{Color.L_MAX}, new int[]{100}).toIntArray();
            assertArrayEquals(lBins, got, "L into 100 bins over [0, 100]");
            float[] a = {-110, -88.0001f, -88, 0, 109.99f, 110, -200, 300, -1e-4f};
            int[] aBins = {0, 0, 1, 5, 9, 9, 0, 9, 4};
            got = Color.quantize(dc.tensor(a, 1, 1, a.length, 1), new float[]{Color.AB_MIN}, new float[]{Color.AB_MAX}, new int[]{10}).toIntArray();
            assertArrayEquals(aBins, got, "a into 10 bins over [-110, 110]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void quantizeJointIndexIsRowMajorOverChannels(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            float[] lo = {Color.AB_MIN, Color.AB_MIN}, hi = {Color.AB_MAX, Color.AB_MAX};
            // (a, b) pairs: the corners of the ab square, the centre, and values beyond it
            float[] a = {-110, 110, -110, 110, 0, -300, 55, 0};
            float[] b = {-110, -110, 110, 110, 0, 300, -55, -1000};
            float[] ab = new float[16];
            System.arraycopy(a, 0, ab, 0, 8);
            System.arraycopy(b, 0, ab, 8, 8);
            int[] got = Color.quantize(dc.tensor(ab, 1, 2, 2, 4), lo, hi, new int[]{10, 10}).toIntArray();
            assertArrayEquals(new int[]{0, 90, 9, 99, 55, 9, 72, 50}, got, "idx_a·10 + idx_b");
            assertArrayEquals(new int[]{1, 2, 4}, Color.quantize(dc.tensor(ab, 1, 2, 2, 4), lo, hi, new int[]{10, 10}).shape());

            // L, a, b with unequal bin counts on a random batch against the double reference
            int n = 2, h = 5, w = 6, plane = h * w;
            float[] x = new float[n * 3 * plane];
            float[] ls = Ref.uniform(21, n * plane, -10, 110), as = Ref.uniform(22, n * plane, -130, 130), bs = Ref.uniform(23, n * plane, -130, 130);
            int[] expected = new int[n * plane];
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < plane; p++) {
                    int q = i * plane + p;
                    x[(i * 3) * plane + p] = ls[q];
                    x[(i * 3 + 1) * plane + p] = as[q];
                    x[(i * 3 + 2) * plane + p] = bs[q];
                    expected[q] = (bin(ls[q], 0, 100, 4) * 5 + bin(as[q], -110, 110, 5)) * 6 + bin(bs[q], -110, 110, 6);
                }
            }
            got = Color.quantize(dc.tensor(x, n, 3, h, w), new float[]{0, -110, -110}, new float[]{100, 110, 110}, new int[]{4, 5, 6}).toIntArray();
            assertArrayEquals(expected, got, "three-channel joint index");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void badInputsNameTheOpAndShapes(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> Color.quantize(dc.tensor(new float[32], 2, 4, 4), new float[]{0}, new float[]{100}, new int[]{100}));
            assertEquals("quantize: expects N×C×H×W, got [2, 4, 4]", e.getMessage());
            var ch = assertThrows(IllegalArgumentException.class,
                    () -> Color.quantize(dc.tensor(new float[32], 1, 2, 4, 4), new float[]{0}, new float[]{100}, new int[]{100}));
            assertTrue(ch.getMessage().startsWith("quantize: input [1, 2, 4, 4] has 2 channels"), ch.getMessage());
            var rgb = assertThrows(IllegalArgumentException.class, () -> Color.rgbToLab(dc.tensor(new float[8], 1, 2, 2, 2)));
            assertTrue(rgb.getMessage().contains("rgbToLab") && rgb.getMessage().contains("[1, 2, 2, 2]"), rgb.getMessage());
        }
    }
}
