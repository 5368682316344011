package io.callosum.tensor.cpu;

/**
 * The cache-blocked loop nest of the packed GEMM (the BLIS order), spread over threads. For each kc-deep slice of
 * the product, a kc × nc block of op(B) and up to {@link #M_CHUNK} rows of op(A) are packed once, by all threads
 * together; then each task takes an mc-row block of the packed A (L2-resident) and sweeps a range of kc × nr B
 * panels past it, each panel staying in L1 while the A panels of the block stream through the micro-kernel. Packing
 * each operand once, not once per thread, is what keeps 16 threads busy: packing is memory-bound.
 *
 * <p>Operands are addressed by element strides, so the transposes are only a choice of strides:
 * op(A)[i][p] = A[aOff + i·aRow + p·aInner] and op(B)[p][j] = B[bOff + p·bInner + j·bCol].
 */
final class GemmBlocking {
    /**
     * Block sizes: a kc × 32 B panel is 32 KiB, inside a 48 KiB L1; an mc × kc A block (128 KiB) sits in L2; the
     * kc × nc B block (4 MiB at most) and the packed A chunk (4 MiB) in L3.
     */
    private static final int KC = 256, MC = 128, NC = 4096, M_CHUNK = 4096;
    /** Least floats a packing task copies, so that small packs are not split over threads. */
    private static final int PACK_MIN = 16 * 1024;
    /**
     * Up to this many rows of C, a B whose rows are contiguous is read in place rather than packed: each packed
     * element would be used by too few rows to repay its copy (convolution's weights × im2col has 16 to 256 rows).
     */
    static final int B_IN_PLACE_MAX_ROWS = 256;

    private final GemmMicroKernel kernel;
    private final int mr, nr, mc, nc, mChunk;

    private GemmBlocking(GemmMicroKernel kernel) {
        this.kernel = kernel;
        this.mr = kernel.mr();
        this.nr = kernel.nr();
        this.mc = Math.max(1, MC / mr) * mr;
        this.nc = Math.max(1, NC / nr) * nr;
        this.mChunk = Math.max(1, M_CHUNK / mc) * mc;
    }

    static GemmBlocking of(GemmMicroKernel kernel) {
        return new GemmBlocking(kernel);
    }

    /**
     * C[cOff + i·ldc + j] = alpha·Σ_p op(A)[i][p]·op(B)[p][j] + beta·C[…] for i &lt; m, j &lt; n (k ≥ 1), on up to
     * {@code threads} threads (1: everything inline on the caller).
     */
    void multiply(int m, int n, int k, float alpha, float[] A, int aOff, int aRow, int aInner,
                  float[] B, int bOff, int bInner, int bCol, float beta, float[] C, int cOff, int ldc, int threads) {
        // Even k slices: k = 257 runs as 129 + 128, not 256 + a one-deep pass that rereads all of C.
        int kc = ceilDiv(k, ceilDiv(k, KC));
        boolean bInPlace = bCol == 1 && m <= B_IN_PLACE_MAX_ROWS;
        float[] ap = CpuBufferPool.floats(Math.min(mChunk, roundUp(m, mr)) * kc);
        float[] bp = CpuBufferPool.floats((bInPlace ? nr : Math.min(nc, roundUp(n, nr))) * kc);
        try {
            for (int jc = 0; jc < n; jc += nc) {
                int nb = Math.min(nc, n - jc);
                for (int pc = 0; pc < k; pc += kc) {
                    int kb = Math.min(kc, k - pc);
                    float sliceBeta = pc == 0 ? beta : 1f;
                    int bBlock = bOff + pc * bInner + jc * bCol;
                    BPanels panels;
                    if (bInPlace) {
                        // Only a ragged last panel is copied: the kernel reads nr columns, past the edge of B.
                        int full = nb / nr;
                        if (full * nr < nb) {
                            GemmPacking.pack(B, bBlock + full * nr, 1, bInner, nb - full * nr, kb, nr, 1f, bp, 0, 1);
                        }
                        panels = new BPanels(B, bBlock, bInner, full, bp, nr, kb);
                    } else {
                        pack(B, bBlock, bCol, bInner, nb, kb, nr, 1f, bp, threads);
                        panels = new BPanels(null, 0, 0, 0, bp, nr, kb);
                    }
                    for (int i0 = 0; i0 < m; i0 += mChunk) {
                        int rows = Math.min(mChunk, m - i0);
                        pack(A, aOff + i0 * aRow + pc * aInner, aRow, aInner, rows, kb, mr, alpha, ap, threads);
                        macroKernel(rows, nb, kb, ap, panels, sliceBeta, C, cOff + i0 * ldc + jc, ldc, threads);
                    }
                }
            }
        } finally {
            CpuBufferPool.release(ap);
            CpuBufferPool.release(bp);
        }
    }

    /**
     * Where kc × nr panel q of a B slice lies: the first {@code inPlace} panels are columns of B itself, from
     * {@code b[base + q·nr]} with B's row stride ld; the others are packed, from {@code packed[(q − inPlace)·nr·kb]}
     * with row stride nr.
     */
    private record BPanels(float[] b, int base, int ld, int inPlace, float[] packed, int nr, int kb) {
        float[] array(int q) {
            return q < inPlace ? b : packed;
        }

        int offset(int q) {
            return q < inPlace ? base + q * nr : (q - inPlace) * nr * kb;
        }

        int rowStride(int q) {
            return q < inPlace ? ld : nr;
        }
    }

    /** All panels of one operand block, split over the threads when there is enough to copy. */
    private static void pack(float[] src, int off, int sx, int sp, int lines, int kc, int width, float scale,
                             float[] dst, int threads) {
        int panels = ceilDiv(lines, width);
        int grain = threads == 1 ? panels : Math.max(1, PACK_MIN / (width * kc));
        Parallel.range(panels, grain, (s, e) -> GemmPacking.pack(src, off, sx, sp, lines, kc, width, scale, dst, s, e));
    }

    /**
     * The micro-kernel over a packed rows × cols chunk of C. Tasks are mc-row blocks, cut into column ranges only
     * when there are too few blocks to give every thread two (two, so that fork-join can even out a core that is
     * busy with something else).
     */
    private void macroKernel(int rows, int cols, int kb, float[] ap, BPanels b, float beta, float[] C, int cOff,
                             int ldc, int threads) {
        int rowBlocks = ceilDiv(rows, mc), panels = ceilDiv(cols, nr);
        int colParts = threads == 1 ? 1 : Math.min(panels, ceilDiv(2 * threads, rowBlocks));
        int tasks = rowBlocks * colParts;
        Parallel.range(tasks, threads == 1 ? tasks : 1, (s, e) -> {
            float[] tile = new float[mr * nr];
            for (int t = s; t < e; t++) {
                int ic = t / colParts * mc, mb = Math.min(mc, rows - ic), part = t % colParts;
                for (int q = part * panels / colParts, qEnd = (part + 1) * panels / colParts; q < qEnd; q++) {
                    int jr = q * nr, width = Math.min(nr, cols - jr);
                    float[] bArray = b.array(q);
                    int bi = b.offset(q), bs = b.rowStride(q);
                    for (int ir = ic; ir < ic + mb; ir += mr) {
                        kernel.multiply(kb, ap, ir * kb, bArray, bi, bs, beta, C, cOff + ir * ldc + jr, ldc,
                                Math.min(mr, rows - ir), width, tile);
                    }
                }
            }
        });
    }

    int mr() {
        return mr;
    }

    int nr() {
        return nr;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    static int roundUp(int a, int b) {
        return ceilDiv(a, b) * b;
    }
}
