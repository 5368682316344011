package io.callosum.nn.data.transforms;

import io.callosum.nn.data.Image;
import io.callosum.tensor.Generator;

/** Mirrors the image left–right with probability p (one draw per image, whatever p). */
public final class HorizontalFlip implements Transform {
    private final double p;

    /** Mirrors the image left–right with probability p. */
    public HorizontalFlip(double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("HorizontalFlip: probability " + p + " is not in [0, 1]");
        this.p = p;
    }

    /** Flip with probability ½. */
    public HorizontalFlip() {
        this(0.5);
    }

    /** Mirrors every image, for test-time augmentation. */
    public static HorizontalFlip always() {
        return new HorizontalFlip(1);
    }

    @Override
    public Image apply(Image image, Generator gen) {
        if (gen.nextDouble() >= p) return image;
        float[] d = image.data();
        int w = image.width();
        for (int row = 0, rows = image.channels() * image.height(); row < rows; row++) {
            for (int i = row * w, j = i + w - 1; i < j; i++, j--) {
                float t = d[i];
                d[i] = d[j];
                d[j] = t;
            }
        }
        return image;
    }

    @Override
    public String toString() {
        return "HorizontalFlip(p=" + p + ")";
    }
}
