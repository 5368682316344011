package io.callosum.nn.data.transforms;

import io.callosum.nn.data.Image;
import io.callosum.tensor.Generator;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoiseTransformsTest {
    private static final int SIDE = 120;

    @Test
    void saltAndPepperHitsTheRequestedFractionHalfWhiteHalfBlack() {
        Image out = new SaltAndPepperNoise(0.05).apply(Images.constant(3, SIDE, SIDE, 0.5f), new Generator(1));
        int n = SIDE * SIDE, salt = 0, pepper = 0;
        float[] d = out.data();
        for (int p = 0; p < n; p++) {
            float v = d[p];
            assertEquals(v, d[n + p]);
            assertEquals(v, d[2 * n + p], "all channels of a pixel change together");
            if (v == 1f) salt++;
            else if (v == 0f) pepper++;
            else assertEquals(0.5f, v);
        }
        Images.assertBinomial(0.05, salt + pepper, n, 4.5, "salt-and-pepper fraction");
        Images.assertBinomial(0.5, salt, salt + pepper, 4.5, "salt share");
    }

    @Test
    void maskingZeroesTheRequestedFraction() {
        Image out = new MaskingNoise(0.3).apply(Images.constant(1, SIDE, SIDE, 0.7f), new Generator(2));
        long zeros = 0;
        for (float v : out.data()) {
            if (v == 0f) zeros++;
            else assertEquals(0.7f, v);
        }
        Images.assertBinomial(0.3, zeros, (long) SIDE * SIDE, 4.5, "masked fraction");
        for (float v : new MaskingNoise(1).apply(Images.constant(2, 3, 3, 0.7f), new Generator(2)).data()) assertEquals(0f, v);
        Image untouched = Images.random(2, 5, 5, 3);
        assertArrayEquals(untouched.data(), new MaskingNoise(0).apply(untouched.copy(), new Generator(2)).data());
    }

    @Test
    void gaussianNoiseHasTheRequestedMoments() {
        double sigma = 0.1;
        Image out = new GaussianNoise(sigma, false).apply(Images.constant(2, SIDE, SIDE, 0.5f), new Generator(3));
        double sum = 0, sq = 0;
        int n = out.data().length;
        for (float v : out.data()) {
            sum += v - 0.5;
            sq += (v - 0.5) * (v - 0.5);
        }
        double mean = sum / n, sd = Math.sqrt(sq / n - mean * mean);
        assertEquals(0, mean, 4.5 * sigma / Math.sqrt(n));
        assertEquals(sigma, sd, 0.03 * sigma);
        Image clamped = new GaussianNoise(0.5).apply(Images.constant(1, 50, 50, 0.9f), new Generator(3));
        Images.assertInUnitRange(clamped);
        assertTrue(Arrays.binarySearch(sorted(clamped), 1f) >= 0, "large noise must reach the clamp");
    }

    private static float[] sorted(Image img) {
        float[] d = img.data().clone();
        Arrays.sort(d);
        return d;
    }

    @Test
    void patchMaskingZeroesSquares() {
        Image out = new PatchMaskingNoise(1, 5).apply(Images.constant(2, 20, 20, 1f), new Generator(4));
        for (int c = 0; c < 2; c++) {
            int zeros = 0, minY = 99, minX = 99, maxY = -1, maxX = -1;
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 20; x++) {
                    if (out.get(c, y, x) == 0f) {
                        zeros++;
                        minY = Math.min(minY, y);
                        maxY = Math.max(maxY, y);
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                    }
                }
            }
            assertEquals(25, zeros);
            assertEquals(4, maxY - minY);
            assertEquals(4, maxX - minX);
        }
        for (float v : new PatchMaskingNoise(1, 50).apply(Images.constant(1, 6, 9, 1f), new Generator(4)).data()) assertEquals(0f, v);
        assertThrows(IllegalArgumentException.class, () -> new PatchMaskingNoise(1, 0));
    }

    @Test
    void sameSeedSameNoiseOtherSeedOtherNoise() {
        Transform[] noises = {new SaltAndPepperNoise(0.2), new MaskingNoise(0.2), new GaussianNoise(0.1), new PatchMaskingNoise(3, 4),
                new ColorJitter(0.3, 0.3, 0.3), new HorizontalFlip(), Rotation.random(20, 0f), RandomResizedCrop.of(16, 0.3, 0.7)};
        Image src = Images.random(3, 24, 24, 5);
        for (Transform t : noises) {
            float[] a = t.apply(src.copy(), new Generator(77)).data();
            assertArrayEquals(a, t.apply(src.copy(), new Generator(77)).data(), t.toString());
            boolean differs = false;
            for (long seed = 78; seed < 82 && !differs; seed++) differs = !Arrays.equals(a, t.apply(src.copy(), new Generator(seed)).data());
            assertTrue(differs, t + " ignores its generator");
        }
        assertFalse(Arrays.equals(src.data(), new SaltAndPepperNoise(0.2).apply(src.copy(), new Generator(1)).data()));
        assertThrows(IllegalArgumentException.class, () -> new SaltAndPepperNoise(1.5));
        assertThrows(IllegalArgumentException.class, () -> new GaussianNoise(-1));
    }
}
