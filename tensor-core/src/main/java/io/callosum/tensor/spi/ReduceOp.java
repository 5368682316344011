package io.callosum.tensor.spi;

/** Reductions over a set of dimensions. ARGMAX/ARGMIN reduce a single dimension and write INT32 indices. */
public enum ReduceOp {
    SUM, MEAN, MAX, MIN, ARGMAX, ARGMIN
}
