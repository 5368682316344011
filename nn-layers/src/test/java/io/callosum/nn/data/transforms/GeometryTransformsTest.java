package io.callosum.nn.data.transforms;

import io.callosum.nn.data.Image;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.callosum.nn.data.transforms.Images.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeometryTransformsTest {

    /** Plain double-precision bilinear sampling with half-pixel centres and edge clamping. */
    private static double refSample(Image src, int c, double sy, double sx) {
        sy = Math.min(Math.max(sy, 0), src.height() - 1);
        sx = Math.min(Math.max(sx, 0), src.width() - 1);
        int y0 = (int) Math.floor(sy), x0 = (int) Math.floor(sx);
        int y1 = Math.min(y0 + 1, src.height() - 1), x1 = Math.min(x0 + 1, src.width() - 1);
        double fy = sy - y0, fx = sx - x0;
        return (1 - fy) * ((1 - fx) * src.get(c, y0, x0) + fx * src.get(c, y0, x1))
                + fy * ((1 - fx) * src.get(c, y1, x0) + fx * src.get(c, y1, x1));
    }

    @Test
    void resamplingMatchesAPlainReference() {
        Generator g = new Generator(11);
        for (int trial = 0; trial < 40; trial++) {
            int h = 1 + g.nextInt(12), w = 1 + g.nextInt(12), oh = 1 + g.nextInt(15), ow = 1 + g.nextInt(15);
            Image src = Images.random(2, h, w, trial);
            double top = g.nextDouble() * h * 0.5, left = g.nextDouble() * w * 0.5;
            double bh = 0.1 + g.nextDouble() * (h - top), bw = 0.1 + g.nextDouble() * (w - left);
            Image out = Resampling.crop(src, top, left, bh, bw, oh, ow);
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        double expected = refSample(src, c, top + (y + 0.5) * bh / oh - 0.5, left + (x + 0.5) * bw / ow - 0.5);
                        assertEquals(expected, out.get(c, y, x), 1e-5, "trial " + trial);
                    }
                }
            }
        }
    }

    @Test
    void resizeToTheSameSizeIsTheIdentityAndConstantsStayConstant() {
        Image src = Images.random(3, 7, 9, 1);
        assertArrayEquals(src.data(), Resampling.resize(src, 7, 9).data());
        Image grey = Images.constant(1, 10, 10, 0.25f);
        for (float v : Resampling.resize(grey, 3, 17).data()) assertEquals(0.25f, v, 1e-7f);
        // 2× downsampling of a horizontal ramp x averages neighbouring columns: 0.5, 2.5, 4.5, …
        Image ramp = Image.zeros(1, 2, 8);
        for (int y = 0; y < 2; y++) for (int x = 0; x < 8; x++) ramp.set(0, y, x, x);
        Image half = new Resize(1, 4).apply(ramp, null);
        assertArrayEquals(new float[]{0.5f, 2.5f, 4.5f, 6.5f}, half.data());
    }

    @Test
    void randomResizedCropRespectsScaleAndAspectBounds() {
        double beta = 0.2, gamma = 0.6;
        RandomResizedCrop crop = RandomResizedCrop.of(32, beta, gamma);
        Generator g = new Generator(5);
        int h = 240, w = 320;
        double minScale = 1, maxScale = 0, minAspect = 100, maxAspect = 0;
        for (int i = 0; i < 3000; i++) {
            RandomResizedCrop.Box b = crop.chooseBox(h, w, g);
            assertTrue(b.top() >= 0 && b.left() >= 0 && b.top() + b.height() <= h && b.left() + b.width() <= w, b.toString());
            double scale = (double) b.height() * b.width() / (h * w), aspect = (double) b.width() / b.height();
            minScale = Math.min(minScale, scale);
            maxScale = Math.max(maxScale, scale);
            minAspect = Math.min(minAspect, aspect);
            maxAspect = Math.max(maxAspect, aspect);
        }
        // rounding the sides to whole pixels moves area and aspect by a few percent at most
        assertTrue(minScale >= beta * 0.97 && minScale < beta * 1.2, "min scale " + minScale);
        assertTrue(maxScale <= 1 && maxScale > 0.9, "max scale " + maxScale);
        assertTrue(minAspect >= gamma * 0.97 && minAspect < gamma * 1.1, "min aspect " + minAspect);
        assertTrue(maxAspect <= 1 / gamma * 1.03 && maxAspect > 1 / gamma * 0.9, "max aspect " + maxAspect);
    }

    @Test
    void randomResizedCropFallsBackToACentralCropClampedToTheRatio() {
        RandomResizedCrop crop = new RandomResizedCrop(8, 8, 0.9, 1, 0.75, 4.0 / 3);
        RandomResizedCrop.Box b = crop.chooseBox(10, 100, new Generator(1)); // too wide for any attempt to fit
        assertEquals(new RandomResizedCrop.Box(0, 43, 10, 13), b);
    }

    @Test
    void randomResizedCropOutputShapeRangeAndSeeding() {
        Image src = Images.random(3, 40, 50, 2);
        RandomResizedCrop crop = new RandomResizedCrop(24, 20, 0.08, 1, 0.75, 4.0 / 3);
        Image a = crop.apply(src.copy(), new Generator(9));
        assertArrayEquals(new int[]{3, 24, 20}, a.shape());
        Images.assertInUnitRange(a);
        assertArrayEquals(a.data(), crop.apply(src.copy(), new Generator(9)).data(), "same seed, same crop");
        assertFalse(Arrays.equals(a.data(), crop.apply(src.copy(), new Generator(10)).data()), "another seed, another crop");
        // a full-image box resampled to the same size returns the image
        Image full = new RandomResizedCrop(40, 50, 1, 1, 1.25, 1.25).apply(src.copy(), new Generator(3));
        assertArrayEquals(src.data(), full.data());
        assertThrows(IllegalArgumentException.class, () -> RandomResizedCrop.of(8, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> RandomResizedCrop.of(8, 0.5, 2));
    }

    @Test
    void horizontalFlipMirrorsAndTwiceIsTheIdentity() {
        Image src = Images.random(2, 5, 7, 3);
        Image once = HorizontalFlip.always().apply(src.copy(), new Generator(0));
        for (int c = 0; c < 2; c++) for (int y = 0; y < 5; y++) for (int x = 0; x < 7; x++) assertEquals(src.get(c, y, 6 - x), once.get(c, y, x));
        Image twice = HorizontalFlip.always().apply(once, new Generator(0));
        assertArrayEquals(src.data(), twice.data());
        assertArrayEquals(src.data(), new HorizontalFlip(0).apply(src.copy(), new Generator(0)).data());
        Generator g = new Generator(4);
        int flips = 0, n = 2000;
        for (int i = 0; i < n; i++) {
            Image out = new HorizontalFlip().apply(src.copy(), g);
            if (!Arrays.equals(out.data(), src.data())) flips++;
        }
        Images.assertBinomial(0.5, flips, n, 4.5, "flip frequency");
    }

    @Test
    void rotate90MatchesNumpyRot90() {
        Image m = new Image(1, 2, 3, new float[]{1, 2, 3, 4, 5, 6});
        // numpy.rot90([[1,2,3],[4,5,6]]) == [[3,6],[2,5],[1,4]]
        Image r1 = new Rotate90(1).apply(m, null);
        assertArrayEquals(new int[]{1, 3, 2}, r1.shape());
        assertArrayEquals(new float[]{3, 6, 2, 5, 1, 4}, r1.data());
        assertArrayEquals(new float[]{6, 5, 4, 3, 2, 1}, new Rotate90(2).apply(m, null).data());
        assertArrayEquals(new float[]{4, 1, 5, 2, 6, 3}, new Rotate90(-1).apply(m, null).data());
        Image src = Images.random(3, 4, 6, 5);
        Image four = src;
        for (int i = 0; i < 4; i++) four = new Rotate90(1).apply(four, null);
        assertArrayEquals(src.data(), four.data());
        assertArrayEquals(new Rotate90(3).apply(src, null).data(), new Rotate90(-1).apply(src, null).data());
        assertSame(src, new Rotate90(4).apply(src, null));
    }

    @Test
    void rotationByZeroIsTheIdentityAndQuarterTurnsMatchRotate90() {
        Image src = Images.random(2, 9, 9, 6);
        assertArrayEquals(src.data(), Rotation.by(0, 0f).apply(src.copy(), new Generator(1)).data());
        assertArrayEquals(src.data(), Rotation.random(0, 0f).apply(src.copy(), new Generator(1)).data());
        for (int side : new int[]{8, 9}) {
            Image sq = Images.random(2, side, side, side);
            assertClose(new Rotate90(1).apply(sq, null), Rotation.by(90, 0.5f).apply(sq, null), 1e-5);
            assertClose(new Rotate90(3).apply(sq, null), Rotation.by(-90, 0.5f).apply(sq, null), 1e-5);
        }
        Image wide = Images.random(1, 5, 8, 7);
        assertClose(new Rotate90(2).apply(wide, null), Rotation.by(180, 0.5f).apply(wide, null), 1e-5);
    }

    @Test
    void rotationFillsOutsideAndDrawsItsAngleFromTheGenerator() {
        Image ones = Images.constant(1, 21, 21, 1f);
        Image r = Rotation.by(45, 0f).apply(ones, null);
        assertEquals(0f, r.get(0, 0, 0), 1e-6f, "corner comes from outside the image");
        assertEquals(1f, r.get(0, 10, 10), 1e-6f, "centre stays");
        Images.assertInUnitRange(r);

        Image src = Images.random(3, 12, 10, 8);
        Generator g = new Generator(21), copy = new Generator(21);
        Image random = Rotation.random(30, 0.2f).apply(src.copy(), g);
        double angle = -30 + 60 * copy.nextDouble();
        assertArrayEquals(Rotation.by(angle, 0.2f).apply(src.copy(), null).data(), random.data());
        assertTrue(Math.abs(angle) <= 30);
    }

    @Test
    void transformsApplyToTensorsToo() {
        Image src = Images.random(1, 3, 4, 9);
        try (Tensor t = src.toTensor(); Tensor flipped = HorizontalFlip.always().apply(t, new Generator(0))) {
            assertArrayEquals(new int[]{1, 3, 4}, flipped.shape());
            assertEquals(src.get(0, 1, 0), flipped.toFloatArray()[4 + 3]);
            assertArrayEquals(src.data(), t.toFloatArray(), "the input tensor is not modified");
        }
    }
}
