package io.callosum.nn.data.transforms;

import io.callosum.tensor.Generator;

/** Sets a random fraction of the pixels to white (1) or black (0), each with probability ½. */
public final class SaltAndPepperNoise extends PixelNoise {
    /** Sets a random fraction of the pixels to 0 or 1. */
    public SaltAndPepperNoise(double fraction) {
        super("SaltAndPepperNoise", fraction);
    }

    @Override
    float replacement(Generator gen) {
        return gen.nextBoolean() ? 1f : 0f;
    }

    @Override
    public String toString() {
        return "SaltAndPepperNoise(" + fraction + ")";
    }
}
