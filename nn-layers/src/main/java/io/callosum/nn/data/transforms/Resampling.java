package io.callosum.nn.data.transforms;

import io.callosum.nn.data.Image;

/**
 * Bilinear resampling of a box of an image to a new size, with half-pixel centres (PyTorch's
 * {@code align_corners=False}) and edge replication. Column and row weights are computed once per call, so the inner
 * loop is two multiply-adds per output value.
 */
public final class Resampling {
    private Resampling() {
    }

    /** The whole image resized to outHeight×outWidth. */
    public static Image resize(Image src, int outHeight, int outWidth) {
        return crop(src, 0, 0, src.height(), src.width(), outHeight, outWidth);
    }

    /** The box (top, left, boxHeight, boxWidth), in pixels, resampled to outHeight×outWidth. */
    public static Image crop(Image src, double top, double left, double boxHeight, double boxWidth, int outHeight, int outWidth) {
        if (!(boxHeight > 0) || !(boxWidth > 0)) {
            throw new IllegalArgumentException("Resampling: box " + boxHeight + "×" + boxWidth + " must be positive");
        }
        int h = src.height(), w = src.width();
        Image out = Image.zeros(src.channels(), outHeight, outWidth);
        Axis rows = new Axis(top, boxHeight, outHeight, h);
        Axis cols = new Axis(left, boxWidth, outWidth, w);
        float[] s = src.data(), d = out.data();
        for (int c = 0; c < src.channels(); c++) {
            int sp = c * h * w, dp = c * outHeight * outWidth;
            for (int y = 0; y < outHeight; y++) {
                int r0 = sp + rows.lo[y] * w, r1 = sp + rows.hi[y] * w;
                float fy = rows.frac[y];
                int o = dp + y * outWidth;
                for (int x = 0; x < outWidth; x++) {
                    int x0 = cols.lo[x], x1 = cols.hi[x];
                    float fx = cols.frac[x];
                    float a = s[r0 + x0] + fx * (s[r0 + x1] - s[r0 + x0]);
                    float b = s[r1 + x0] + fx * (s[r1 + x1] - s[r1 + x0]);
                    d[o + x] = a + fy * (b - a);
                }
            }
        }
        return out;
    }

    /** Source neighbours and weights along one axis. */
    private static final class Axis {
        final int[] lo;
        final int[] hi;
        final float[] frac;

        Axis(double start, double length, int outSize, int srcSize) {
            lo = new int[outSize];
            hi = new int[outSize];
            frac = new float[outSize];
            double scale = length / outSize;
            for (int i = 0; i < outSize; i++) {
                double p = start + (i + 0.5) * scale - 0.5;
                p = Math.min(Math.max(p, 0), srcSize - 1);
                int p0 = (int) Math.floor(p);
                lo[i] = p0;
                hi[i] = Math.min(p0 + 1, srcSize - 1);
                frac[i] = (float) (p - p0);
            }
        }
    }
}
