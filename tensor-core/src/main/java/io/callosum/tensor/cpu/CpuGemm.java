package io.callosum.tensor.cpu;

import io.callosum.tensor.Tensor;

import static io.callosum.tensor.cpu.CpuMemory.f;

/**
 * SGEMM on float arrays, row-major: C = alpha·op(A)·op(B) + beta·C. {@link #sgemm} is the single entry point every
 * CPU kernel (matmul, convolution via im2col, linear layers) goes through, so one fast implementation serves all.
 * This is the plain reference path: operands packed to row-major blocks and an i-k-j loop, rows split over threads.
 */
public final class CpuGemm {
    private CpuGemm() {
    }

    /** The batched, tensor-level entry used by the backend: one {@link #sgemm} per batch entry. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     Tensor a, int lda, long strideA, Tensor b, int ldb, long strideB,
                     float beta, Tensor c, int ldc, long strideC, int batch) {
        float[] A = f(a), B = f(b), C = f(c);
        for (int bi = 0; bi < batch; bi++) {
            sgemm(transA, transB, m, n, k, alpha, A, (int) (a.offset() + bi * strideA), lda,
                    B, (int) (b.offset() + bi * strideB), ldb, beta, C, (int) (c.offset() + bi * strideC), ldc);
        }
    }

    /**
     * C[cOff + i·ldc + j] = alpha · Σ_p op(A)[i][p] · op(B)[p][j] + beta · C[…], where op(A)[i][p] is
     * A[aOff + i·lda + p] (or A[aOff + p·lda + i] when transA) and likewise for B. beta = 0 ignores C's contents.
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] A, int aOff, int lda, float[] B, int bOff, int ldb,
                             float beta, float[] C, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        float[] bp = pack(B, bOff, ldb, transB, k, n);
        Parallel.range(m, Math.max(1, 16384 / Math.max(1, n * Math.max(1, k / 8))), (s, e) -> {
            float[] row = new float[n];
            for (int i = s; i < e; i++) {
                java.util.Arrays.fill(row, 0f);
                for (int p = 0; p < k; p++) {
                    float av = transA ? A[aOff + p * lda + i] : A[aOff + i * lda + p];
                    if (av == 0f) continue;
                    int bb = p * n;
                    for (int j = 0; j < n; j++) row[j] += av * bp[bb + j];
                }
                int cr = cOff + i * ldc;
                if (beta == 0f) for (int j = 0; j < n; j++) C[cr + j] = alpha * row[j];
                else for (int j = 0; j < n; j++) C[cr + j] = alpha * row[j] + beta * C[cr + j];
            }
        });
    }

    /** op(X) (rows × cols) as a contiguous row-major array. */
    private static float[] pack(float[] x, int off, int ld, boolean trans, int rows, int cols) {
        float[] p = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int q = 0; q < cols; q++) p[r * cols + q] = trans ? x[off + q * ld + r] : x[off + r * ld + q];
        }
        return p;
    }
}
