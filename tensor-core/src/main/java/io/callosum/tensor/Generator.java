package io.callosum.tensor;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.SplittableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A seeded, splittable random generator (commons-rng L64X128Mix). Every random draw in callosum takes one explicitly,
 * so a run is reproducible from its seed. Its state can be saved into and restored from a checkpoint.
 */
public final class Generator {
    private static final RandomSource SOURCE = RandomSource.L64_X128_MIX;
    private RestorableUniformRandomProvider rng;
    private final long seed;

    public Generator(long seed) {
        this.seed = seed;
        this.rng = SOURCE.create(seed);
    }

    private Generator(RestorableUniformRandomProvider rng, long seed) {
        this.rng = rng;
        this.seed = seed;
    }

    /** The seed this generator (or the root it was split from) started from. */
    public long seed() {
        return seed;
    }

    public long nextLong() {
        return rng.nextLong();
    }

    public int nextInt(int bound) {
        return rng.nextInt(bound);
    }

    public float nextFloat() {
        return rng.nextFloat();
    }

    public double nextDouble() {
        return rng.nextDouble();
    }

    public boolean nextBoolean() {
        return rng.nextBoolean();
    }

    /** Standard normal (Marsaglia polar method on this generator's doubles). */
    public double nextGaussian() {
        double u, v, s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** An independent generator derived from this one's stream (advances this one). */
    public Generator split() {
        return new Generator((RestorableUniformRandomProvider) ((SplittableUniformRandomProvider) rng).split(), seed);
    }

    /** Fisher–Yates permutation of 0..n−1. */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The full internal state, for checkpoints. */
    public byte[] saveState() {
        return ((RandomProviderDefaultState) rng.saveState()).getState();
    }

    public void restoreState(byte[] state) {
        try {
            rng.restoreState(new RandomProviderDefaultState(state));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Generator: cannot restore a state of " + state.length + " bytes: " + e.getMessage(), e);
        }
    }
}
