package io.callosum.tensor.spi;

/**
 * The counter-based generator every backend uses for random fills: element i draws from a SplitMix64-style hash of
 * (seed, i). Pure functions of their arguments, so GPU kernels can reproduce them bit for bit.
 */
public final class CounterRandom {
    private CounterRandom() {
    }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** 64 well-mixed bits for (seed, counter). */
    public static long bits(long seed, long counter) {
        long z = seed + (counter + 1) * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform float in [0, 1) with 24 random bits. */
    public static float uniform(long seed, long counter) {
        return (bits(seed, counter) >>> 40) * 0x1.0p-24f;
    }

    /** Standard normal via Box–Muller on two 24-bit uniforms drawn from the high and low halves of one hash. */
    public static float normal(long seed, long counter) {
        long b = bits(seed, counter);
        float u1 = ((b >>> 40) + 1) * 0x1.0p-24f;            // (0, 1]
        float u2 = ((b >>> 8) & 0xFFFFFF) * 0x1.0p-24f;      // [0, 1)
        return (float) (Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2));
    }

    /** Uniform double in [0, 1) with 53 random bits, for FLOAT64 fills (element i uses counter i). */
    public static double uniform53(long seed, long counter) {
        return (bits(seed, counter) >>> 11) * 0x1.0p-53;
    }

    /** Standard normal in double: Box–Muller on two 53-bit uniforms from counters 2i and 2i + 1. */
    public static double normal53(long seed, long counter) {
        double u1 = ((bits(seed, 2 * counter) >>> 11) + 1) * 0x1.0p-53; // (0, 1]
        double u2 = uniform53(seed, 2 * counter + 1);
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
