package io.callosum.nn.data.transforms;

import io.callosum.nn.data.Image;
import io.callosum.tensor.Generator;

/**
 * Random brightness, contrast and saturation changes, as torchvision's {@code ColorJitter} defines them (factors drawn
 * uniformly from [max(0, 1−x), 1+x]) but applied in a fixed order: brightness scales every value; contrast blends
 * with the mean grey level of the image; saturation blends each pixel with its own grey level (3-channel images only).
 * Grey is ITU-R 601 luma (0.299 R + 0.587 G + 0.114 B) for 3 channels, the channel mean otherwise. Values are clamped
 * to [0, 1] after each step. Three draws per image, whatever the strengths.
 */
public final class ColorJitter implements Transform {
    private static final float LR = 0.299f, LG = 0.587f, LB = 0.114f;

    private final double brightness;
    private final double contrast;
    private final double saturation;

    /** Random brightness, contrast and saturation changes of at most the given strengths. */
    public ColorJitter(double brightness, double contrast, double saturation) {
        check("brightness", brightness);
        check("contrast", contrast);
        check("saturation", saturation);
        this.brightness = brightness;
        this.contrast = contrast;
        this.saturation = saturation;
    }

    private static void check(String what, double v) {
        if (!(v >= 0 && Double.isFinite(v))) throw new IllegalArgumentException("ColorJitter: " + what + " strength " + v + " must be finite and ≥ 0");
    }

    private static float factor(double strength, Generator gen) {
        double lo = Math.max(0, 1 - strength), hi = 1 + strength;
        return (float) (lo + (hi - lo) * gen.nextDouble());
    }

    @Override
    public Image apply(Image image, Generator gen) {
        float b = factor(brightness, gen), c = factor(contrast, gen), s = factor(saturation, gen);
        float[] d = image.data();
        if (b != 1) {
            for (int i = 0; i < d.length; i++) d[i] = clamp(d[i] * b);
        }
        if (c != 1) {
            float mean = meanGrey(image), shift = (1 - c) * mean;
            for (int i = 0; i < d.length; i++) d[i] = clamp(c * d[i] + shift);
        }
        if (s != 1 && image.channels() == 3) {
            int n = image.planeSize();
            for (int p = 0; p < n; p++) {
                float g = (1 - s) * (LR * d[p] + LG * d[n + p] + LB * d[2 * n + p]);
                d[p] = clamp(s * d[p] + g);
                d[n + p] = clamp(s * d[n + p] + g);
                d[2 * n + p] = clamp(s * d[2 * n + p] + g);
            }
        }
        return image;
    }

    private static float meanGrey(Image image) {
        float[] d = image.data();
        double sum = 0;
        if (image.channels() == 3) {
            int n = image.planeSize();
            for (int p = 0; p < n; p++) sum += LR * d[p] + LG * d[n + p] + LB * d[2 * n + p];
            return (float) (sum / n);
        }
        for (float v : d) sum += v;
        return (float) (sum / d.length);
    }

    private static float clamp(float v) {
        return v < 0 ? 0 : Math.min(v, 1);
    }

    @Override
    public String toString() {
        return "ColorJitter(brightness " + brightness + ", contrast " + contrast + ", saturation " + saturation + ")";
    }
}
