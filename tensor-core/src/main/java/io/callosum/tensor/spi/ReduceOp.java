package io.callosum.tensor.spi;

/**
 * Reductions over a set of dimensions. ARGMAX/ARGMIN reduce a single dimension and write INT32 indices.
 *
 * <p>The constants: SUM the sum; MEAN the arithmetic mean (FLOAT32); MAX and MIN the extreme value; ARGMAX and ARGMIN
 * the index of the first extreme along the one dimension.
 */
public enum ReduceOp {
    SUM, MEAN, MAX, MIN, ARGMAX, ARGMIN
}
