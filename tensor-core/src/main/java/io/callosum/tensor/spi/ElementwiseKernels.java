package io.callosum.tensor.spi;


/**
 * Elementwise kernels. Inputs have out's shape (broadcast inputs arrive as expanded views with stride 0) and any
 * strides; {@code out} is contiguous and may be exactly the same tensor as an input (in-place).
 */
public interface ElementwiseKernels {
    /** A floating dtype in, the same out (NON_FINITE writes UINT8); FLOAT64 only where the backend supports it. */
    void unary(UnaryOp op, Operand x, Operand out, double alpha, double beta);

    /** a and b share a dtype (FLOAT32, FLOAT64 or INT32); out has that dtype, or UINT8 for comparisons. */
    void binary(BinaryOp op, Operand a, Operand b, Operand out);

    /** out = cond != 0 ? a : b; cond UINT8, a/b/out same dtype. */
    void where(Operand cond, Operand a, Operand b, Operand out);
}
