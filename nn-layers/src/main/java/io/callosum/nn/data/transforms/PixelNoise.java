package io.callosum.nn.data.transforms;

import io.callosum.nn.data.Image;
import io.callosum.tensor.Generator;

/**
 * Noise that picks each pixel (all channels together) independently with a given probability and overwrites it:
 * the shared shape of salt-and-pepper and masking noise.
 */
abstract class PixelNoise implements Transform {
    final double fraction;

    PixelNoise(String name, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) throw new IllegalArgumentException(name + ": fraction " + fraction + " is not in [0, 1]");
        this.fraction = fraction;
    }

    /** The value the chosen pixel gets (one call per chosen pixel). */
    abstract float replacement(Generator gen);

    @Override
    public final Image apply(Image image, Generator gen) {
        float[] d = image.data();
        int n = image.planeSize(), c = image.channels();
        for (int p = 0; p < n; p++) {
            if (gen.nextDouble() < fraction) {
                float v = replacement(gen);
                for (int ch = 0; ch < c; ch++) d[ch * n + p] = v;
            }
        }
        return image;
    }
}
