package io.callosum.nn.init;

import io.callosum.tensor.Generator;

/**
 * The process-wide default generator, as {@code torch.manual_seed}: a layer constructed without a {@link Generator}
 * draws its weights from a generator split off this one, so a program that builds the same layers in the same order
 * after the same {@link #manualSeed} gets the same weights. It starts from {@link #DEFAULT_SEED} when no seed was set.
 * Passing a generator explicitly stays the way to make one model independent of what else the program built.
 */
public final class Generators {
    /** The seed the default generator starts from until {@link #manualSeed} is called. */
    public static final long DEFAULT_SEED = 0L;

    private static Generator root = new Generator(DEFAULT_SEED);

    private Generators() {
    }

    /** Restarts the default generator from seed, so the layers built after this call are a function of seed alone. */
    public static synchronized void manualSeed(long seed) {
        root = new Generator(seed);
    }

    /** The seed the default generator was last started from. */
    public static synchronized long initialSeed() {
        return root.seed();
    }

    /**
     * A fresh generator split off the default one (advancing it); each layer that has no generator of its own takes
     * one, so layers built on several threads never share one generator's state.
     */
    public static synchronized Generator next() {
        return root.split();
    }
}
