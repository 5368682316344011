package io.callosum.nn.data.transforms;

import io.callosum.nn.data.Image;
import io.callosum.tensor.Generator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhotometricTransformsTest {

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** Brightness, contrast, saturation in double precision, with factors drawn as the contract says. */
    private static double[] reference(Image src, double bs, double cs, double ss, long seed) {
        Generator g = new Generator(seed);
        double b = Math.max(0, 1 - bs) + (1 + bs - Math.max(0, 1 - bs)) * g.nextDouble();
        double c = Math.max(0, 1 - cs) + (1 + cs - Math.max(0, 1 - cs)) * g.nextDouble();
        double s = Math.max(0, 1 - ss) + (1 + ss - Math.max(0, 1 - ss)) * g.nextDouble();
        int n = src.planeSize();
        double[] v = new double[src.data().length];
        for (int i = 0; i < v.length; i++) v[i] = clamp(src.data()[i] * b);
        double mean = 0;
        for (int p = 0; p < n; p++) mean += 0.299 * v[p] + 0.587 * v[n + p] + 0.114 * v[2 * n + p];
        mean /= n;
        for (int i = 0; i < v.length; i++) v[i] = clamp(c * v[i] + (1 - c) * mean);
        for (int p = 0; p < n; p++) {
            double grey = 0.299 * v[p] + 0.587 * v[n + p] + 0.114 * v[2 * n + p];
            for (int ch = 0; ch < 3; ch++) v[ch * n + p] = clamp(s * v[ch * n + p] + (1 - s) * grey);
        }
        return v;
    }

    @Test
    void colorJitterMatchesADoubleReference() {
        for (long seed = 0; seed < 10; seed++) {
            Image src = Images.random(3, 6, 5, seed);
            Image out = new ColorJitter(0.4, 0.4, 0.4).apply(src.copy(), new Generator(seed));
            double[] expected = reference(src, 0.4, 0.4, 0.4, seed);
            for (int i = 0; i < expected.length; i++) assertEquals(expected[i], out.data()[i], 1e-5, "seed " + seed + " value " + i);
            Images.assertInUnitRange(out);
        }
    }

    @Test
    void colorJitterStrengthZeroIsTheIdentity() {
        Image src = Images.random(3, 4, 4, 1);
        assertArrayEquals(src.data(), new ColorJitter(0, 0, 0).apply(src.copy(), new Generator(3)).data());
    }

    @Test
    void brightnessScalesEveryValueByOneFactorInRange() {
        Generator g = new Generator(2);
        for (int trial = 0; trial < 50; trial++) {
            Image src = Images.constant(1, 3, 3, 0.4f);
            src.set(0, 1, 1, 0.2f);
            Image out = new ColorJitter(0.5, 0, 0).apply(src, g);
            float f = out.get(0, 0, 0) / 0.4f;
            assertTrue(f >= 0.5f - 1e-6f && f <= 1.5f + 1e-6f, "factor " + f);
            assertEquals(0.2f * f, out.get(0, 1, 1), 1e-6f);
        }
    }

    @Test
    void saturationLeavesGreyPixelsAndContrastKeepsTheMean() {
        Image grey = Image.zeros(3, 4, 4);
        for (int p = 0; p < 16; p++) for (int c = 0; c < 3; c++) grey.data()[c * 16 + p] = p / 20f;
        Image sat = new ColorJitter(0, 0, 0.9).apply(grey.copy(), new Generator(4));
        for (int i = 0; i < 48; i++) assertEquals(grey.data()[i], sat.data()[i], 1e-6f);

        Image mid = Images.random(1, 10, 10, 5);
        for (int i = 0; i < 100; i++) mid.data()[i] = 0.4f + 0.2f * mid.data()[i]; // far from the clamps
        Image con = new ColorJitter(0, 0.5, 0).apply(mid.copy(), new Generator(6));
        assertEquals(mean(mid), mean(con), 1e-5);
    }

    private static double mean(Image img) {
        double s = 0;
        for (float v : img.data()) s += v;
        return s / img.data().length;
    }

    @Test
    void normalizeIsPerChannel() {
        Image src = Images.random(3, 2, 2, 7);
        float[] m = {0.1f, 0.2f, 0.3f}, s = {0.5f, 0.25f, 2f};
        Image out = new Normalize(m, s).apply(src.copy(), null);
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < 4; p++) assertEquals((src.data()[c * 4 + p] - m[c]) / s[c], out.data()[c * 4 + p], 1e-6f);
        }
        Image one = new Normalize(0.5f, 0.5f).apply(Images.constant(2, 1, 1, 1f), null);
        assertArrayEquals(new float[]{1f, 1f}, one.data());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Normalize(new float[]{0, 0}, new float[]{1, 1}).apply(src, null));
        assertEquals("Normalize: 2 channel statistics for an image of 3 channels [3, 2, 2]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Normalize(0f, 0f));
    }

    @Test
    void composeAppliesStepsInOrderAndFlattens() {
        Image src = Images.random(1, 3, 5, 8);
        Transform a = new Rotate90(1), b = HorizontalFlip.always();
        Image expected = b.apply(a.apply(src.copy(), null), new Generator(0));
        Compose c = Compose.of(a, Compose.of(b));
        assertEquals(2, c.steps().size());
        assertArrayEquals(expected.data(), c.apply(src.copy(), new Generator(0)).data());
        assertArrayEquals(expected.data(), a.andThen(b).apply(src.copy(), new Generator(0)).data());
    }
}
