package io.callosum.nn.data.transforms;

import io.callosum.nn.data.Image;
import io.callosum.tensor.Generator;

import java.util.Arrays;

/** Zeroes `count` square patches of side `size` (clipped to the image) at uniformly random positions; they may overlap. */
public final class PatchMaskingNoise implements Transform {
    private final int count;
    private final int size;

    /** Zeroes count random square patches of side size. */
    public PatchMaskingNoise(int count, int size) {
        if (count < 0 || size <= 0) throw new IllegalArgumentException("PatchMaskingNoise: need count ≥ 0 and size > 0, got " + count + " and " + size);
        this.count = count;
        this.size = size;
    }

    @Override
    public Image apply(Image image, Generator gen) {
        int h = image.height(), w = image.width(), n = image.planeSize();
        int ph = Math.min(size, h), pw = Math.min(size, w);
        float[] d = image.data();
        for (int k = 0; k < count; k++) {
            int top = gen.nextInt(h - ph + 1), left = gen.nextInt(w - pw + 1);
            for (int ch = 0; ch < image.channels(); ch++) {
                for (int y = top; y < top + ph; y++) {
                    int row = ch * n + y * w;
                    Arrays.fill(d, row + left, row + left + pw, 0f);
                }
            }
        }
        return image;
    }

    @Override
    public String toString() {
        return "PatchMaskingNoise(" + count + " × " + size + "²)";
    }
}
