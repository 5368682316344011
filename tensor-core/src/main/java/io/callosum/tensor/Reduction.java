package io.callosum.tensor;

/** How a loss combines its per-element values. */
public enum Reduction {
    /** Weighted mean (divided by the sum of the weights of non-ignored elements). */
    MEAN,
    /** The sum over all elements (weighted, where the loss has weights). */
    SUM,
    /** One value per element, in the target's shape. */
    NONE
}
