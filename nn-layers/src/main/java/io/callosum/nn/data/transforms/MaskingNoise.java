package io.callosum.nn.data.transforms;

import io.callosum.tensor.Generator;

/** Zeroes a random fraction of the pixels (all channels), as in denoising autoencoders' masking noise. */
public final class MaskingNoise extends PixelNoise {
    /** Zeroes a random fraction of the pixels. */
    public MaskingNoise(double fraction) {
        super("MaskingNoise", fraction);
    }

    @Override
    float replacement(Generator gen) {
        return 0f;
    }

    @Override
    public String toString() {
        return "MaskingNoise(" + fraction + ")";
    }
}
