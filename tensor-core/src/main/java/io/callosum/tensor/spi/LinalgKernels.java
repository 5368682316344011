package io.callosum.tensor.spi;


/** Matrix multiplication. */
public interface LinalgKernels {
    /**
     * Row-major strided batched GEMM: for each batch i, C_i = alpha · op(A_i) · op(B_i) + beta · C_i, where op(A_i) is
     * m×k (A_i stored k×m when transA), op(B_i) is k×n (stored n×k when transB), C_i is m×n. Element (r, c) of a stored
     * matrix X_i is at {@code X.offset() + i·strideX + r·ldX + c}. A stride of 0 reuses one matrix for every batch.
     * When beta is 0, C's old contents are ignored (even NaN).
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              Operand a, int lda, long strideA, Operand b, int ldb, long strideB,
              float beta, Operand c, int ldc, long strideC, int batch);
}
