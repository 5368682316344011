package io.callosum.nn.data.transforms;

import io.callosum.nn.data.Image;
import io.callosum.tensor.Generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test images and comparisons. */
final class Images {
    private Images() {
    }

    /** Uniform random values in [0, 1) from a seed. */
    static Image random(int c, int h, int w, long seed) {
        Generator g = new Generator(seed);
        Image img = Image.zeros(c, h, w);
        float[] d = img.data();
        for (int i = 0; i < d.length; i++) d[i] = g.nextFloat();
        return img;
    }

    static Image constant(int c, int h, int w, float v) {
        Image img = Image.zeros(c, h, w);
        java.util.Arrays.fill(img.data(), v);
        return img;
    }

    static void assertClose(Image expected, Image actual, double tol) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        for (int c = 0; c < expected.channels(); c++) {
            for (int y = 0; y < expected.height(); y++) {
                for (int x = 0; x < expected.width(); x++) {
                    assertEquals(expected.get(c, y, x), actual.get(c, y, x), tol, "at c" + c + " y" + y + " x" + x);
                }
            }
        }
    }

    static void assertInUnitRange(Image img) {
        for (float v : img.data()) {
            if (!(v >= 0 && v <= 1)) throw new AssertionError("value " + v + " outside [0, 1] in " + img);
        }
    }

    /** |observed − p| within `sigmas` binomial standard deviations for n trials. */
    static void assertBinomial(double p, long hits, long n, double sigmas, String what) {
        double sd = Math.sqrt(p * (1 - p) / n);
        double observed = (double) hits / n;
        if (Math.abs(observed - p) > sigmas * sd + 1e-12) {
            throw new AssertionError(what + ": observed fraction " + observed + " is more than " + sigmas + " σ (" + sd + ") from " + p);
        }
    }
}
