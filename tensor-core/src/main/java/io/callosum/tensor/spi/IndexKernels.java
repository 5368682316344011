package io.callosum.tensor.spi;


/** Index-driven gather/scatter. Data tensors contiguous; index tensors INT32 contiguous. Bounds are checked by the op layer. */
public interface IndexKernels {
    /** out[i][j][k] = x[i][index[i][j][k]][k] for dim = 1 (and likewise for any dim); out has index's shape. */
    void gather(Operand x, int dim, Operand index, Operand out);

    /** out[i][index[i][j][k]][k] += src[i][j][k] (for dim = 1); accumulates into out. */
    void scatterAdd(Operand src, int dim, Operand index, Operand out);

    /** out = x.indexSelect(dim, index): slices of x along dim at the given (1-D) indices. */
    void indexSelect(Operand x, int dim, Operand index, Operand out);

    /** out.narrow(dim, index[i], 1) += src.narrow(dim, i, 1) for every i; accumulates into out. */
    void indexAdd(Operand src, int dim, Operand index, Operand out);
}
