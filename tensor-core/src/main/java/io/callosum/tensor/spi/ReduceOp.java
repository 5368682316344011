package io.callosum.tensor.spi;

/** Reductions over a set of dimensions. ARGMAX/ARGMIN reduce a single dimension and write INT32 indices. */
public enum ReduceOp {
    /** The sum. */
    SUM,
    /** The arithmetic mean, in a floating dtype. */
    MEAN,
    /** The largest value. */
    MAX,
    /** The smallest value. */
    MIN,
    /** The index of the first largest value along the one dimension. */
    ARGMAX,
    /** The index of the first smallest value along the one dimension. */
    ARGMIN
}
