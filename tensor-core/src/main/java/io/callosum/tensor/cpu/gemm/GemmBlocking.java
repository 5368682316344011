package io.callosum.tensor.cpu.gemm;

import io.callosum.tensor.cpu.runtime.CpuBufferPool;
import io.callosum.tensor.cpu.runtime.Parallel;

/**
 * The cache-blocked loop nest of the packed GEMM (the BLIS order), spread over threads in two phases per chunk of C:
 * first every thread helps pack the chunk's rows of op(A) and columns of op(B), once each, in kc-deep slices; then
 * each task takes an mc-row block of C and a range of its columns and, slice by slice, sweeps kc × nr B panels past
 * the block's A panels (kc × mc, L2-resident), each B panel staying in L1 while the A panels stream through the
 * micro-kernel. Two parallel phases per chunk, not three per slice, and each operand packed by all threads together, not
 * once per thread: packing is memory-bound and a hand-off costs tens of microseconds, so both would otherwise eat
 * into many-core speed-ups. An A packed beforehand ({@link GemmPackedA}, for one A against many Bs) skips its
 * part of the first phase, and so does an A whose rows are contiguous along k: the micro-kernel reads its rows in
 * place ({@link #readAInPlace}).
 *
 * <p>Operands are addressed by element strides, so the transposes are only a choice of strides:
 * op(A)[i][p] = A[aOff + i·aRow + p·aInner] and op(B)[p][j] = B[bOff + p·bInner + j·bCol].
 */
public final class GemmBlocking {
    /**
     * Block sizes: a kc × 32 B panel is 32 KiB, inside a 48 KiB L1; an mc × kc A block (128 KiB) sits in L2; nc
     * bounds the columns of C per chunk. (A deeper kc makes the micro-kernel alone faster — fewer passes over C — but
     * not whole GEMMs.)
     */
    private static final int KC = 256, MC = 128, NC = 4096;
    /** At most this much of k per chunk (with PACKED_MAX, bounds the packed operands when k is huge). */
    private static final int K_CHUNK = 4096;
    /** Most floats of one operand packed at once (16 MiB): bounds the rows of A and columns of B per chunk. */
    private static final int PACKED_MAX = 4 << 20;
    /**
     * Up to this many rows of C, a B whose rows are contiguous is read in place rather than packed: each packed
     * element would be used by too few rows to repay its copy (convolution's weights × im2col has 16 to 256 rows).
     */
    static final int B_IN_PLACE_MAX_ROWS = 256;
    /**
     * Whether an A whose rows are contiguous along k (not transposed) is read in place, its rows ld apart, rather
     * than packed: the micro-kernel's eight row streams run as fast as a packed panel, and the packing — a transposing
     * scatter at ≈ 0.5 ns per element, 10 % of an n = 1024 SGEMM on two threads — disappears. Only a ragged last
     * panel of rows is still copied (the kernel reads mr rows). Not final so that a test can compare both ways.
     */
    static volatile boolean readAInPlace = true;
    /** The widest step between a transposed A's k steps (floats) that is still read in place. */
    static final int TRANSPOSED_IN_PLACE_MAX_STRIDE = 1024;

    private final GemmMicroKernel kernel;
    private final int mr, nr, mc;

    private GemmBlocking(GemmMicroKernel kernel) {
        this.kernel = kernel;
        this.mr = kernel.mr();
        this.nr = kernel.nr();
        this.mc = Math.max(1, MC / mr) * mr;
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
        int kc = sliceDepth(k);
        int chunkK = Math.min(k, Math.max(1, K_CHUNK / kc) * kc);
        int chunkRows = Math.max(mc, PACKED_MAX / chunkK / mc * mc);
        int chunkCols = columnsPerChunk(chunkK);
        boolean bInPlace = readsBInPlace(m, bCol), aInPlace = readsAInPlace(aRow, aInner, alpha);
        float[] ap = CpuBufferPool.floats((aInPlace ? mr : roundUp(Math.min(m, chunkRows), mr)) * chunkK);
        float[] bp = CpuBufferPool.floats((bInPlace ? nr : roundUp(Math.min(n, chunkCols), nr)) * chunkK);
        try {
            for (int j0 = 0; j0 < n; j0 += chunkCols) {
                for (int p0 = 0; p0 < k; p0 += chunkK) {
                    Chunk ch = new Chunk(Math.min(chunkK, k - p0), kc, alpha, A, aRow, aInner, ap, false, aInPlace,
                            B, bOff + p0 * bInner + j0 * bCol, bInner, bCol, bp, Math.min(chunkCols, n - j0), bInPlace,
                            p0 == 0 ? beta : 1f, C, ldc, threads);
                    for (int i0 = 0; i0 < m; i0 += chunkRows) {
                        int rows = Math.min(chunkRows, m - i0);
                        ch.pack(aOff + i0 * aRow + p0 * aInner, rows, i0 == 0);
                        ch.multiply(rows, cOff + i0 * ldc + j0);
                    }
                }
            }
        } finally {
            CpuBufferPool.release(ap);
            CpuBufferPool.release(bp);
        }
    }

    /**
     * C[cOff + i·ldc + j] = Σ_p op(A)[i][p]·op(B)[p][j] + beta·C[…] with op(A) already packed (alpha folded in): only
     * B is packed here, and all of k and all rows of A form one chunk, as the packed layout has them.
     */
    void multiply(GemmPackedA a, int n, float[] B, int bOff, int bInner, int bCol, float beta, float[] C, int cOff,
                  int ldc, int threads) {
        if (a.kernel.mr() != mr) {
            throw new IllegalArgumentException("GemmPackedA was packed for another kernel (mr " + a.kernel.mr()
                    + ", this one " + mr + ")");
        }
        int chunkCols = columnsPerChunk(a.k);
        boolean bInPlace = readsBInPlace(a.m, bCol);
        float[] bp = CpuBufferPool.floats((bInPlace ? nr : roundUp(Math.min(n, chunkCols), nr)) * a.k);
        try {
            for (int j0 = 0; j0 < n; j0 += chunkCols) {
                Chunk ch = new Chunk(a.k, a.kc, 1f, null, 0, 0, a.panels(), true, false, B, bOff + j0 * bCol, bInner,
                        bCol, bp, Math.min(chunkCols, n - j0), bInPlace, beta, C, ldc, threads);
                ch.pack(0, a.m, true);
                ch.multiply(a.m, cOff + j0);
            }
        } finally {
            CpuBufferPool.release(bp);
        }
    }

    /** The kc of a k: even slices, so that k = 257 runs as 129 + 128, not 256 + a one-deep pass that rereads C. */
    static int sliceDepth(int k) {
        return ceilDiv(k, ceilDiv(k, KC));
    }

    private int columnsPerChunk(int chunkK) {
        return Math.min(NC / nr * nr, Math.max(nr, PACKED_MAX / chunkK / nr * nr));
    }

    private static boolean readsBInPlace(int m, int bCol) {
        return bCol == 1 && m <= B_IN_PLACE_MAX_ROWS;
    }

    /**
     * A's rows contiguous along k (aInner = 1), or its columns contiguous (a transposed A, aRow = 1) at most
     * {@link #TRANSPOSED_IN_PLACE_MAX_STRIDE} floats apart: the micro-kernel reads the mr values of one k step side
     * by side there, as from a packed panel. Skipping the packing pays while the k steps are close together; kilobytes
     * apart, each step reads a new cache line and page and packing wins again — hence the bound. alpha is folded into a packed A; one read in place must not need it.
     */
    private static boolean readsAInPlace(int aRow, int aInner, float alpha) {
        return readAInPlace && alpha == 1f && (aInner == 1 || aRow == 1 && aInner <= TRANSPOSED_IN_PLACE_MAX_STRIDE);
    }

    /**
     * One chunk of C's columns and of k: its B slices (packed, or read in place with only a ragged last panel
     * copied) and, row chunk by row chunk, its A slices (packed, or read in place with only a ragged last panel
     * copied). Slice s covers p in [s·kc, s·kc + kb) of the chunk; a packed operand keeps its slices one after
     * another, slice s at (padded lines)·s·kc, panel q of it q·width·kb further; a lone ragged panel's slice s sits
     * at width·s·kc.
     */
    private final class Chunk {
        final int k, kc, slices, cols, bPanels, threads;
        final float alpha, beta;
        final float[] A, ap, B, bp, C;
        final int aRow, aInner, bBlock, bInner, bCol, ldc;
        final boolean aPacked, aInPlace, bInPlace;
        int aBlock, rows;

        Chunk(int k, int kc, float alpha, float[] A, int aRow, int aInner, float[] ap, boolean aPacked,
              boolean aInPlace, float[] B, int bBlock, int bInner, int bCol, float[] bp, int cols, boolean bInPlace,
              float beta, float[] C, int ldc, int threads) {
            this.k = k;
            this.kc = kc;
            this.slices = ceilDiv(k, kc);
            this.alpha = alpha;
            this.A = A;
            this.aRow = aRow;
            this.aInner = aInner;
            this.ap = ap;
            this.aPacked = aPacked;
            this.aInPlace = aInPlace;
            this.B = B;
            this.bBlock = bBlock;
            this.bInner = bInner;
            this.bCol = bCol;
            this.bp = bp;
            this.cols = cols;
            this.bPanels = ceilDiv(cols, nr);
            this.bInPlace = bInPlace;
            this.beta = beta;
            this.C = C;
            this.ldc = ldc;
            this.threads = threads;
        }

        /**
         * Packs rows [0, rows) of A from aBlock (unless A came packed or is read in place: then only a ragged last
         * panel), and the B columns too when {@code withB}: one parallel phase.
         */
        void pack(int aBlock, int rows, boolean withB) {
            this.aBlock = aBlock;
            this.rows = rows;
            int aPanels = ceilDiv(rows, mr);
            // Each slice of each operand in as many groups of panels as it takes to give every thread work twice.
            int groups = threads == 1 ? 1 : ceilDiv(4 * threads, 2 * slices);
            int aGroups = aPacked ? 0 : aInPlace ? (rows % mr != 0 ? 1 : 0) : Math.min(aPanels, groups);
            int bGroups = !withB ? 0 : !bInPlace ? Math.min(bPanels, groups) : cols % nr != 0 ? 1 : 0;
            int perSlice = aGroups + bGroups, units = slices * perSlice;
            Parallel.range(units, threads == 1 ? units : 1, (s, e) -> {
                for (int u = s; u < e; u++) {
                    int slice = u / perSlice, g = u % perSlice;
                    if (g < aGroups) packA(slice, g * aPanels / aGroups, (g + 1) * aPanels / aGroups);
                    else packB(slice, (g - aGroups) * bPanels / bGroups, (g - aGroups + 1) * bPanels / bGroups);
                }
            });
        }

        private void packA(int slice, int from, int to) {
            int pc = slice * kc, kb = Math.min(kc, k - pc);
            if (!aInPlace) {
                GemmPacking.pack(A, aBlock + pc * aInner, aRow, aInner, rows, kb, mr, alpha, ap,
                        roundUp(rows, mr) * pc, from, to);
            } else {
                int full = rows / mr * mr;
                GemmPacking.pack(A, aBlock + full * aRow + pc * aInner, aRow, aInner, rows - full, kb, mr, alpha, ap,
                        mr * pc, 0, 1);
            }
        }

        private void packB(int slice, int from, int to) {
            int pc = slice * kc, kb = Math.min(kc, k - pc), full = cols / nr;
            if (!bInPlace) {
                GemmPacking.pack(B, bBlock + pc * bInner, bCol, bInner, cols, kb, nr, 1f, bp, bPanels * nr * pc,
                        from, to);
            } else if (to > full) {
                // Only a ragged last panel is copied: the kernel reads nr columns, past the edge of B.
                GemmPacking.pack(B, bBlock + pc * bInner + full * nr, 1, bInner, cols - full * nr, kb, nr, 1f, bp,
                        nr * pc, 0, 1);
            }
        }

        /**
         * The micro-kernel over the packed rows × cols of C at cOff. Tasks are mc-row blocks, cut into column ranges
         * only when there are too few blocks to give every thread two (two, so that the team can even out a core
         * that is busy with something else).
         */
        void multiply(int rows, int cOff) {
            int rowBlocks = ceilDiv(rows, mc), aPadded = roundUp(rows, mr), full = cols / nr;
            int colParts = threads == 1 ? 1 : Math.min(bPanels, ceilDiv(2 * threads, rowBlocks));
            int tasks = rowBlocks * colParts;
            Parallel.range(tasks, threads == 1 ? tasks : 1, (s, e) -> {
                float[] tile = new float[mr * nr];
                for (int t = s; t < e; t++) {
                    int ic = t / colParts * mc, icEnd = Math.min(rows, ic + mc), part = t % colParts;
                    int qFrom = part * bPanels / colParts, qTo = (part + 1) * bPanels / colParts;
                    for (int pc = 0; pc < k; pc += kc) {
                        int kb = Math.min(kc, k - pc);
                        float sliceBeta = pc == 0 ? beta : 1f;
                        for (int q = qFrom; q < qTo; q++) {
                            boolean inPlace = bInPlace && q < full;
                            float[] b = inPlace ? B : bp;
                            int bi = inPlace ? bBlock + pc * bInner + q * nr
                                    : bInPlace ? nr * pc : bPanels * nr * pc + q * nr * kb;
                            int bs = inPlace ? bInner : nr, jr = q * nr, width = Math.min(nr, cols - jr);
                            for (int ir = ic; ir < icEnd; ir += mr) {
                                // A full panel of rows read in place, else a packed panel.
                                boolean rowsInPlace = aInPlace && ir + mr <= rows;
                                int ai = rowsInPlace ? aBlock + ir * aRow + pc * aInner
                                        : aInPlace ? mr * pc : aPadded * pc + ir * kb;
                                kernel.multiply(kb, rowsInPlace ? A : ap, ai, rowsInPlace ? aRow : 1,
                                        rowsInPlace ? aInner : mr, b, bi, bs, sliceBeta, C, cOff + ir * ldc + jr, ldc,
                                        Math.min(mr, icEnd - ir), width, tile);
                            }
                        }
                    }
                }
            });
        }
    }

    /** a / b rounded up, for a and b positive: how many blocks of b cover a. */
    public static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    static int roundUp(int a, int b) {
        return ceilDiv(a, b) * b;
    }
}
