package io.callosum.tensor.spi;

import io.callosum.tensor.Tensor;

/**
 * Counter-based random fills: element i of a contiguous out is a pure function of (seed, i), so every backend draws
 * the same numbers for the same seed (see {@link CounterRandom}).
 */
public interface RandomKernels {
    /** Uniform in [lo, hi). */
    void fillUniform(Tensor out, long seed, double lo, double hi);

    /** Normal(mean, std). */
    void fillNormal(Tensor out, long seed, double mean, double std);

    /** 1 with probability p, else 0 (in out's dtype). */
    void fillBernoulli(Tensor out, long seed, double p);
}
