package io.callosum.tensor.spi;


/** Reductions and selection. */
public interface ReductionKernels {
    /**
     * Reduces x (any strides) over {@code dims} (sorted, distinct). out is contiguous with x's shape where each reduced
     * dimension is 1. ARGMAX/ARGMIN take exactly one dim, write INT32 and return the first index of the extreme value.
     * MAX/MIN propagate NaN. Reducing an empty dimension with MAX/MIN/ARG* is an error.
     */
    void reduce(ReduceOp op, Operand x, int[] dims, Operand out);

    /**
     * Top-k along the last dimension of a contiguous x of shape [rows, n]: values (x's floating dtype) and indices
     * (INT32), both [rows, k], sorted (descending for largest, ascending otherwise); ties keep the lower index first.
     */
    void topk(Operand x, int k, boolean largest, Operand values, Operand indices);
}
