package io.callosum.splitbrain.targets;

import io.callosum.tensor.Color;
import io.callosum.tensor.Tensor;

/**
 * Uniform bins per channel, joined row-major: 100 bins for one channel (L over 0..100), a 10×10 grid for two
 * (ab over [−110, 110]²). Values beyond the range fall into the edge bins.
 */
public final class GridQuantizer implements Quantizer {
    private final float[] lo, hi;
    private final int[] bins;

    /** A regular grid of bins[d] cells over [lo[d], hi[d]) in each dimension. */
    public GridQuantizer(float[] lo, float[] hi, int[] bins) {
        if (lo.length != hi.length || lo.length != bins.length || lo.length < 1) {
            throw new IllegalArgumentException("GridQuantizer: lo, hi and bins need one entry per channel");
        }
        this.lo = lo.clone();
        this.hi = hi.clone();
        this.bins = bins.clone();
    }

    /** Lightness in regular bins, for L targets. */
    public static GridQuantizer lightness() {
        return new GridQuantizer(new float[]{Color.L_MIN}, new float[]{Color.L_MAX}, new int[]{100});
    }

    /** The ab plane in a regular grid, for Lab colour targets. */
    public static GridQuantizer ab() {
        return new GridQuantizer(new float[]{Color.AB_MIN, Color.AB_MIN}, new float[]{Color.AB_MAX, Color.AB_MAX}, new int[]{10, 10});
    }

    @Override
    public int classes() {
        int q = 1;
        for (int b : bins) q *= b;
        return q;
    }

    @Override
    public int channels() {
        return bins.length;
    }

    @Override
    public Tensor encode(Tensor pooled) {
        return Color.quantize(pooled, lo, hi, bins);
    }

    @Override
    public float[][] centres() {
        int q = classes(), c = bins.length;
        float[][] out = new float[q][c];
        for (int k = 0; k < q; k++) {
            int rem = k;
            for (int ch = c - 1; ch >= 0; ch--) {
                int i = rem % bins[ch];
                rem /= bins[ch];
                out[k][ch] = lo[ch] + (i + 0.5f) * (hi[ch] - lo[ch]) / bins[ch];
            }
        }
        return out;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int ch = 0; ch < bins.length; ch++) {
            if (ch > 0) sb.append(" × ");
            sb.append(bins[ch]).append(" bins over [").append(lo[ch]).append(", ").append(hi[ch]).append(']');
        }
        return sb.toString();
    }
}
