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

    /**
     * A generator whose whole stream is fixed by seed, like torch.Generator().manual_seed(seed).
     *
     * @param seed any value; equal seeds give equal streams
     */
    public Generator(long seed) {
        this.seed = seed;
        this.rng = SOURCE.create(seed);
    }

    private Generator(RestorableUniformRandomProvider rng, long seed) {
        this.rng = rng;
        this.seed = seed;
    }

    /**
     * The seed this generator (or the root it was split from) started from.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The next 64 uniformly random bits, e.g. to seed a kernel's counter-based stream.
     *
     * @return a uniformly distributed long
     */
    public long nextLong() {
        return rng.nextLong();
    }

    /**
     * A uniform integer in [0, bound), e.g. for a random crop offset.
     *
     * @param bound the exclusive upper bound, positive
     * @return the next value
     * @throws IllegalArgumentException if bound is not positive
     */
    public int nextInt(int bound) {
        return rng.nextInt(bound);
    }

    /**
     * A uniform float in [0, 1).
     *
     * @return the next value
     */
    public float nextFloat() {
        return rng.nextFloat();
    }

    /**
     * A uniform double in [0, 1).
     *
     * @return the next value
     */
    public double nextDouble() {
        return rng.nextDouble();
    }

    /**
     * A fair coin flip, e.g. for a random horizontal flip.
     *
     * @return the next value
     */
    public boolean nextBoolean() {
        return rng.nextBoolean();
    }

    /**
     * Standard normal (Marsaglia polar method on this generator's doubles).
     *
     * @return the next value, mean 0 and standard deviation 1
     */
    public double nextGaussian() {
        double u, v, s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /**
     * An independent generator derived from this one's stream (advances this one).
     *
     * @return a new generator with the same {@link #seed()}
     */
    public Generator split() {
        return new Generator((RestorableUniformRandomProvider) ((SplittableUniformRandomProvider) rng).split(), seed);
    }

    /**
     * Fisher–Yates permutation of 0..n−1.
     *
     * @param n the number of elements, not negative
     * @return a new array holding 0..n−1 in random order
     */
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

    /**
     * The full internal state, for checkpoints.
     *
     * @return the state, to pass to {@link #restoreState(byte[])}
     */
    public byte[] saveState() {
        return ((RandomProviderDefaultState) rng.saveState()).getState();
    }

    /**
     * Continues from a state saved by {@link #saveState()}, so a resumed run draws what the original would have.
     *
     * @param state bytes from saveState
     * @throws IllegalArgumentException if the bytes are not such a state
     */
    public void restoreState(byte[] state) {
        try {
            rng.restoreState(new RandomProviderDefaultState(state));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Generator: cannot restore a state of " + state.length + " bytes: " + e.getMessage(), e);
        }
    }
}
