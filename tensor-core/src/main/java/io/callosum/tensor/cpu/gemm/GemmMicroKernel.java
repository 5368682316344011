package io.callosum.tensor.cpu.gemm;

import io.callosum.tensor.cpu.runtime.CpuFeatures;

/**
 * The register-tiled inner loop of the packed GEMM: one mr()×nr() tile of C from mr rows of A (a packed kc × mr
 * panel, p-major, as laid out by {@link GemmPacking}, or rows of A itself) and a kc × nr B panel (packed, or rows of
 * B itself). Everything else — blocking, packing, threads — is shared by all kernels.
 */
interface GemmMicroKernel {
    /** Rows of C per tile (the A panel width). */
    int mr();

    /** Columns of C per tile (the B panel width). */
    int nr();

    /**
     * C[ci + r·ldc + j] = acc[r][j] + beta·C[…] for r &lt; rows, j &lt; cols, where acc = Σ_p a[ai + p·ap + r·ar] ·
     * b[bi + p·bs + j]; beta = 0 ignores C's contents. A packed A panel has ar = 1, ap = mr; rows of A read in place
     * have ar = their leading dimension, ap = 1; a transposed A read in place has ar = 1, ap = its leading dimension.
     * The B panel's row stride bs is nr when packed, or the leading dimension when B is read in place. rows ≤ mr and cols ≤ nr trim the tile at C's edges (all mr rows of A and
     * all nr columns of B are still read); {@code tile} is mr·nr floats of caller-owned scratch the finished tile may
     * pass through.
     */
    void multiply(int kc, float[] a, int ai, int ar, int ap, float[] b, int bi, int bs, float beta, float[] c, int ci,
                  int ldc, int rows, int cols, float[] tile);

    /** The kernel for the CPU path in effect now (Vector API unless forced or unavailable). */
    static GemmMicroKernel current() {
        return CpuFeatures.vectorized() ? GemmVectorKernel.PREFERRED : GemmScalarKernel.INSTANCE;
    }

    /** Writes the rows × cols corner of a full tile (row stride {@code width}) into C: shared by every kernel. */
    static void storeTile(float[] tile, int width, float beta, float[] c, int ci, int ldc, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int t = r * width, o = ci + r * ldc;
            if (beta == 0f) System.arraycopy(tile, t, c, o, cols);
            else for (int j = 0; j < cols; j++) c[o + j] = tile[t + j] + beta * c[o + j];
        }
    }
}
