package io.callosum.tensor.cpu;

/**
 * The cache-blocked loop nest of one single-threaded GEMM (the BLIS order). A kc × nc block of op(B) is packed once
 * and stays in L3 / L2; for each mc × kc block of op(A) (packed, L2-resident) the micro-kernel sweeps the B panels,
 * each kc × nr panel staying in L1 while all A panels of the block stream past it. Operands are addressed by element
 * strides, so the transposes are only a choice of strides: op(A)[i][p] = A[aOff + i·aRow + p·aInner] and
 * op(B)[p][j] = B[bOff + p·bInner + j·bCol].
 */
final class GemmBlocking {
    /**
     * Inner-dimension block: a kc × 32 B panel is 32 KiB, inside a 48 KiB L1. The kc × mc A block (128 KiB) and the
     * kc × nc B block (4 MiB at most) sit well inside L2 and L3.
     */
    private static final int KC = 256, MC = 128, NC = 4096;

    private final GemmMicroKernel kernel;
    private final int mc, nc;

    private GemmBlocking(GemmMicroKernel kernel) {
        this.kernel = kernel;
        this.mc = Math.max(1, MC / kernel.mr()) * kernel.mr();
        this.nc = Math.max(1, NC / kernel.nr()) * kernel.nr();
    }

    static GemmBlocking of(GemmMicroKernel kernel) {
        return new GemmBlocking(kernel);
    }

    int mr() {
        return kernel.mr();
    }

    int nr() {
        return kernel.nr();
    }

    /** C[cOff + i·ldc + j] = alpha·Σ_p op(A)[i][p]·op(B)[p][j] + beta·C[…] for i &lt; m, j &lt; n (k ≥ 1). */
    void multiply(int m, int n, int k, float alpha, float[] A, int aOff, int aRow, int aInner,
                  float[] B, int bOff, int bInner, int bCol, float beta, float[] C, int cOff, int ldc) {
        int mr = kernel.mr(), nr = kernel.nr();
        // Even k blocks: k = 257 runs as 129 + 128, not 256 + a one-deep pass that rereads all of C.
        int kc = ceilDiv(k, ceilDiv(k, KC));
        int mcUsed = Math.min(mc, roundUp(m, mr)), ncUsed = Math.min(nc, roundUp(n, nr));
        float[] ap = CpuBufferPool.floats(mcUsed * kc), bp = CpuBufferPool.floats(ncUsed * kc);
        float[] tile = new float[mr * nr];
        try {
            for (int jc = 0; jc < n; jc += nc) {
                int nb = Math.min(nc, n - jc);
                for (int pc = 0; pc < k; pc += kc) {
                    int kb = Math.min(kc, k - pc);
                    float blockBeta = pc == 0 ? beta : 1f;
                    GemmPacking.pack(B, bOff + pc * bInner + jc * bCol, bCol, bInner, nb, kb, nr, 1f, bp);
                    for (int ic = 0; ic < m; ic += mc) {
                        int mb = Math.min(mc, m - ic);
                        GemmPacking.pack(A, aOff + ic * aRow + pc * aInner, aRow, aInner, mb, kb, mr, alpha, ap);
                        int cBlock = cOff + ic * ldc + jc;
                        for (int jr = 0; jr < nb; jr += nr) {
                            int cols = Math.min(nr, nb - jr);
                            for (int ir = 0; ir < mb; ir += mr) {
                                kernel.multiply(kb, ap, ir * kb, bp, jr * kb, blockBeta, C, cBlock + ir * ldc + jr, ldc,
                                        Math.min(mr, mb - ir), cols, tile);
                            }
                        }
                    }
                }
            }
        } finally {
            CpuBufferPool.release(ap);
            CpuBufferPool.release(bp);
        }
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    static int roundUp(int a, int b) {
        return ceilDiv(a, b) * b;
    }
}
