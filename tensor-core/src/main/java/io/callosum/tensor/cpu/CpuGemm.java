package io.callosum.tensor.cpu;

import io.callosum.tensor.Tensor;

import static io.callosum.tensor.cpu.CpuMemory.f;

/**
 * Strided batched SGEMM, row-major. This is the plain reference path: operands are packed to row-major blocks and
 * multiplied with an i-k-j loop, rows split over threads.
 */
final class CpuGemm {
    private CpuGemm() {
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     Tensor a, int lda, long strideA, Tensor b, int ldb, long strideB,
                     float beta, Tensor c, int ldc, long strideC, int batch) {
        float[] A = f(a), B = f(b), C = f(c);
        for (int bi = 0; bi < batch; bi++) {
            int ao = (int) (a.offset() + bi * strideA);
            int bo = (int) (b.offset() + bi * strideB);
            int co = (int) (c.offset() + bi * strideC);
            float[] bp = pack(B, bo, ldb, transB, k, n);
            Parallel.range(m, Math.max(1, 16384 / Math.max(1, n * Math.max(1, k / 8))), (s, e) -> {
                float[] row = new float[n];
                for (int i = s; i < e; i++) {
                    java.util.Arrays.fill(row, 0f);
                    for (int p = 0; p < k; p++) {
                        float av = transA ? A[ao + p * lda + i] : A[ao + i * lda + p];
                        if (av == 0f) continue;
                        int bb = p * n;
                        for (int j = 0; j < n; j++) row[j] += av * bp[bb + j];
                    }
                    int cr = co + i * ldc;
                    if (beta == 0f) for (int j = 0; j < n; j++) C[cr + j] = alpha * row[j];
                    else for (int j = 0; j < n; j++) C[cr + j] = alpha * row[j] + beta * C[cr + j];
                }
            });
        }
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
