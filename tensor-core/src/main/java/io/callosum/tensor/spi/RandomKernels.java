package io.callosum.tensor.spi;


/**
 * Counter-based random fills: element i of a contiguous out is a pure function of (seed, i), so every backend draws
 * the same numbers for the same seed (see {@link CounterRandom}).
 */
public interface RandomKernels {
    /** Uniform in [lo, hi). */
    void fillUniform(Operand out, long seed, double lo, double hi);

    /** Normal(mean, std). */
    void fillNormal(Operand out, long seed, double mean, double std);

    /** 1 with probability p, else 0 (in out's dtype). */
    void fillBernoulli(Operand out, long seed, double p);
}
