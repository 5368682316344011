package io.callosum.nn.data.transforms;

import io.callosum.nn.data.Image;
import io.callosum.tensor.Generator;

/**
 * Rotation about the image centre by an angle drawn uniformly from [minDegrees, maxDegrees] (positive is
 * counter-clockwise as displayed), bilinear, keeping the size; pixels whose source falls outside the image take the
 * fill value (blended at the border, as {@code grid_sample} with constant padding does).
 */
public final class Rotation implements Transform {
    private final double minDegrees;
    private final double maxDegrees;
    private final float fill;

    private Rotation(double minDegrees, double maxDegrees, float fill) {
        if (!(Double.isFinite(minDegrees) && Double.isFinite(maxDegrees) && minDegrees <= maxDegrees)) {
            throw new IllegalArgumentException("Rotation: angle range " + minDegrees + ".." + maxDegrees + " is not a finite interval");
        }
        this.minDegrees = minDegrees;
        this.maxDegrees = maxDegrees;
        this.fill = fill;
    }

    /** A random angle in ±maxDegrees. */
    public static Rotation random(double maxDegrees, float fill) {
        if (maxDegrees < 0) throw new IllegalArgumentException("Rotation: maximum angle " + maxDegrees + " must be ≥ 0");
        return new Rotation(-maxDegrees, maxDegrees, fill);
    }

    /** Always the same angle. */
    public static Rotation by(double degrees, float fill) {
        return new Rotation(degrees, degrees, fill);
    }

    @Override
    public Image apply(Image image, Generator gen) {
        double deg = minDegrees == maxDegrees ? minDegrees : minDegrees + (maxDegrees - minDegrees) * gen.nextDouble();
        return rotate(image, deg, fill);
    }

    /** image rotated by degrees about its centre, uncovered pixels set to fill. */
    public static Image rotate(Image image, double degrees, float fill) {
        if (degrees == 0) return image;
        int c = image.channels(), h = image.height(), w = image.width();
        double rad = Math.toRadians(degrees), cos = Math.cos(rad), sin = Math.sin(rad);
        double cy = (h - 1) / 2.0, cx = (w - 1) / 2.0;
        Image out = Image.zeros(c, h, w);
        float[] s = image.data(), d = out.data();
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            double dy = y - cy;
            for (int x = 0; x < w; x++) {
                double dx = x - cx;
                // inverse of the counter-clockwise rotation in y-down coordinates
                double sx = cx + dx * cos - dy * sin;
                double sy = cy + dx * sin + dy * cos;
                int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy);
                float fx = (float) (sx - x0), fy = (float) (sy - y0);
                boolean in00 = inside(y0, x0, h, w), in01 = inside(y0, x0 + 1, h, w);
                boolean in10 = inside(y0 + 1, x0, h, w), in11 = inside(y0 + 1, x0 + 1, h, w);
                int at = y * w + x, src = y0 * w + x0;
                for (int ch = 0; ch < c; ch++) {
                    int base = ch * plane + src;
                    float v00 = in00 ? s[base] : fill, v01 = in01 ? s[base + 1] : fill;
                    float v10 = in10 ? s[base + w] : fill, v11 = in11 ? s[base + w + 1] : fill;
                    float top = v00 + fx * (v01 - v00), bottom = v10 + fx * (v11 - v10);
                    d[ch * plane + at] = top + fy * (bottom - top);
                }
            }
        }
        return out;
    }

    private static boolean inside(int y, int x, int h, int w) {
        return y >= 0 && y < h && x >= 0 && x < w;
    }

    @Override
    public String toString() {
        return "Rotation(" + minDegrees + "°.." + maxDegrees + "°, fill " + fill + ")";
    }
}
