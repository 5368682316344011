package io.callosum.nn.data.transforms;

import io.callosum.nn.data.Image;
import io.callosum.tensor.Generator;

/** Adds independent N(0, σ²) noise to every value, clamping to [0, 1] unless told not to (e.g. after normalisation). */
public final class GaussianNoise implements Transform {
    private final double sigma;
    private final boolean clamp;

    /** Adds N(0, sigma²) noise, clamped to [0, 1] when clamp is set. */
    public GaussianNoise(double sigma, boolean clamp) {
        if (!(sigma >= 0 && Double.isFinite(sigma))) throw new IllegalArgumentException("GaussianNoise: σ " + sigma + " must be finite and ≥ 0");
        this.sigma = sigma;
        this.clamp = clamp;
    }

    /** Adds N(0, sigma²) noise and clamps the result to [0, 1]. */
    public GaussianNoise(double sigma) {
        this(sigma, true);
    }

    @Override
    public Image apply(Image image, Generator gen) {
        float[] d = image.data();
        for (int i = 0; i < d.length; i++) {
            float v = (float) (d[i] + sigma * gen.nextGaussian());
            d[i] = clamp ? Math.max(0, Math.min(1, v)) : v;
        }
        return image;
    }

    @Override
    public String toString() {
        return "GaussianNoise(σ " + sigma + (clamp ? ", clamped" : "") + ")";
    }
}
