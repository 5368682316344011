package io.callosum.nn.data.transforms;

import io.callosum.nn.data.Image;
import io.callosum.tensor.Generator;

/** Bilinear resize to a fixed size (deterministic). */
public final class Resize implements Transform {
    private final int height;
    private final int width;

    /** Resizes every image to height×width (bilinear). */
    public Resize(int height, int width) {
        if (height <= 0 || width <= 0) throw new IllegalArgumentException("Resize: size " + height + "×" + width + " must be positive");
        this.height = height;
        this.width = width;
    }

    @Override
    public Image apply(Image image, Generator gen) {
        if (image.height() == height && image.width() == width) return image;
        return Resampling.resize(image, height, width);
    }

    @Override
    public String toString() {
        return "Resize(" + height + "×" + width + ")";
    }
}
