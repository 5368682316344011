package io.callosum.tensor.cpu.gemm;

import io.callosum.tensor.cpu.runtime.CpuFeatures;
import io.callosum.tensor.cpu.runtime.Parallel;
import io.callosum.tensor.spi.Operand;

import java.util.Arrays;

import static io.callosum.tensor.cpu.memory.CpuMemory.f;

/**
 * SGEMM on float arrays, row-major: C = alpha·op(A)·op(B) + beta·C. {@link #sgemm} is the single entry point every
 * CPU kernel (matmul, convolution via im2col, linear layers) goes through, so one fast implementation serves all.
 * Small products run directly ({@link GemmDirect}); larger ones as a packed, cache-blocked GEMM spread over the threads
 * ({@link GemmBlocking}) around a register-tiled micro-kernel ({@link GemmMicroKernel}).
 */
public final class CpuGemm {
    private CpuGemm() {
    }

    /** Below this many multiply-adds (m·n·k) packing costs more than it saves. */
    static final long DIRECT_MAX = 32 * 1024;
    /** Multiply-adds worth a thread of their own: ≈ 50 µs of kernel time, far above a thread hand-off. */
    private static final long TASK_MIN = 1L << 22;

    /** The batched, tensor-level entry used by the backend: one {@link #sgemm} per batch entry. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     Operand a, int lda, long strideA, Operand b, int ldb, long strideB,
                     float beta, Operand c, int ldc, long strideC, int batch) {
        float[] A = f(a), B = f(b), C = f(c);
        // Entries too small to split are spread over the threads instead (each sgemm then runs inline).
        long work = Math.max(1L, (long) m * n * k);
        int grain = work >= TASK_MIN ? batch : (int) Math.min(batch, Math.max(1L, TASK_MIN / work));
        Parallel.range(batch, grain, (s, e) -> {
            for (int bi = s; bi < e; bi++) {
                sgemm(transA, transB, m, n, k, alpha, A, (int) (a.offset() + bi * strideA), lda,
                        B, (int) (b.offset() + bi * strideB), ldb, beta, C, (int) (c.offset() + bi * strideC), ldc);
            }
        });
    }

    /**
     * C[cOff + i·ldc + j] = alpha · Σ_p op(A)[i][p] · op(B)[p][j] + beta · C[…], where op(A)[i][p] is
     * A[aOff + i·lda + p] (or A[aOff + p·lda + i] when transA) and likewise for B. As in BLAS, beta = 0 ignores C's
     * contents (NaN there does not propagate) and alpha = 0 or k = 0 leaves C = beta·C without reading A or B.
     *
     * @throws IllegalArgumentException naming the operand when a size, leading dimension or offset does not fit
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] A, int aOff, int lda, float[] B, int bOff, int ldb,
                             float beta, float[] C, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm: negative size m=" + m + ", n=" + n + ", k=" + k);
        }
        checkOperand("A", A, aOff, lda, transA ? k : m, transA ? m : k, transA ? "k×m" : "m×k");
        checkOperand("B", B, bOff, ldb, transB ? n : k, transB ? k : n, transB ? "n×k" : "k×n");
        checkOperand("C", C, cOff, ldc, m, n, "m×n");
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f) {
            for (int i = 0; i < m; i++) scaleRow(C, cOff + i * ldc, n, beta);
            return;
        }
        // op(A)[i][p] = A[aOff + i·aRow + p·aInner], op(B)[p][j] = B[bOff + p·bInner + j·bCol].
        int aRow = transA ? 1 : lda, aInner = transA ? lda : 1;
        int bInner = transB ? 1 : ldb, bCol = transB ? ldb : 1;
        long work = (long) m * n * k;
        if (work < DIRECT_MAX) {
            GemmDirect.multiply(m, n, k, alpha, A, aOff, aRow, aInner, B, bOff, bInner, bCol, beta, C, cOff, ldc);
            return;
        }
        int threads = (int) Math.min(Parallel.threads(), Math.max(1L, work / TASK_MIN));
        GemmBlocking.of(GemmMicroKernel.current()).multiply(m, n, k, alpha, A, aOff, aRow, aInner,
                B, bOff, bInner, bCol, beta, C, cOff, ldc, threads);
    }

    /**
     * Packs m × k op(A) (alpha folded in) for {@link #sgemm(GemmPackedA, boolean, int, float[], int, int, float,
     * float[], int, int)}: for one A multiplied by many Bs, such as a convolution's weights by each image's columns.
     * The caller closes it; it must not outlive a change of CPU path ({@link io.callosum.tensor.cpu.runtime.CpuSettings#setScalar}).
     *
     * @throws IllegalArgumentException naming A when a size, leading dimension or offset does not fit
     */
    public static GemmPackedA packA(boolean transA, int m, int k, float alpha, float[] A, int aOff, int lda) {
        if (m < 0 || k < 0) throw new IllegalArgumentException("sgemm packA: negative size m=" + m + ", k=" + k);
        checkOperand("A", A, aOff, lda, transA ? k : m, transA ? m : k, transA ? "k×m" : "m×k");
        return GemmPackedA.pack(GemmMicroKernel.current(), m, k, alpha, A, aOff, transA ? 1 : lda, transA ? lda : 1);
    }

    /**
     * C = a·op(B) + beta·C with a packed by {@link #packA}: the same result as the unpacked {@link #sgemm}, without
     * packing A again. Small products run directly from a's source operand.
     *
     * @throws IllegalArgumentException naming the operand when a size, leading dimension or offset does not fit
     */
    public static void sgemm(GemmPackedA a, boolean transB, int n, float[] B, int bOff, int ldb, float beta, float[] C,
                      int cOff, int ldc) {
        int m = a.m, k = a.k;
        if (n < 0) throw new IllegalArgumentException("sgemm: negative size n=" + n);
        checkOperand("B", B, bOff, ldb, transB ? n : k, transB ? k : n, transB ? "n×k" : "k×n");
        checkOperand("C", C, cOff, ldc, m, n, "m×n");
        if (m == 0 || n == 0) return;
        if (k == 0 || a.alpha == 0f) {
            for (int i = 0; i < m; i++) scaleRow(C, cOff + i * ldc, n, beta);
            return;
        }
        int bInner = transB ? 1 : ldb, bCol = transB ? ldb : 1;
        long work = (long) m * n * k;
        if (work < DIRECT_MAX) {
            GemmDirect.multiply(m, n, k, a.alpha, a.source, a.offset, a.rowStride, a.innerStride, B, bOff, bInner,
                    bCol, beta, C, cOff, ldc);
            return;
        }
        int threads = (int) Math.min(Parallel.threads(), Math.max(1L, work / TASK_MIN));
        GemmBlocking.of(a.kernel).multiply(a, n, B, bOff, bInner, bCol, beta, C, cOff, ldc, threads);
    }

    /** C row ← beta·C row; beta = 0 writes zeros without reading (BLAS semantics). */
    static void scaleRow(float[] c, int off, int n, float beta) {
        if (beta == 0f) Arrays.fill(c, off, off + n, 0f);
        else if (beta != 1f) for (int j = 0; j < n; j++) c[off + j] *= beta;
    }

    /**
     * A row-major operand of rows × cols elements with leading dimension ld must lie inside its array. The message
     * is built only on failure: this runs for every GEMM, thousands per training step.
     */
    private static void checkOperand(String name, float[] x, int off, int ld, int rows, int cols, String dims) {
        if (off < 0) throw operandError(name, off, ld, rows, cols, dims, "negative offset");
        if (rows == 0 || cols == 0) return;
        if (rows > 1 && ld < cols) {
            throw operandError(name, off, ld, rows, cols, dims, "leading dimension must be at least " + cols);
        }
        long last = off + (long) (rows - 1) * ld + cols;
        if (last > x.length) {
            throw operandError(name, off, ld, rows, cols, dims,
                    "needs " + last + " elements, array has " + x.length);
        }
    }

    private static IllegalArgumentException operandError(String name, int off, int ld, int rows, int cols, String dims,
                                                         String problem) {
        return new IllegalArgumentException("sgemm: " + name + " (" + dims + " = " + rows + "×" + cols + ", offset "
                + off + ", ld " + ld + "): " + problem);
    }
}
