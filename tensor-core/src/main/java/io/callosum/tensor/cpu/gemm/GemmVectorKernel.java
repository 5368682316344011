package io.callosum.tensor.cpu.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernels: a tile of rows × two vectors of C held in registers, built from one broadcast of A and
 * two vector loads of B per rows·2 FMAs. The row count is sized to the register file: every accumulator must stay in a
 * register, or the kernel spills and runs at half speed. Loaded only when the Vector API module is present.
 */
final class GemmVectorKernel {
    private GemmVectorKernel() {
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();

    /**
     * 512-bit vectors imply AVX-512 (or SVE-512) and its 32 registers: 8×2 accumulators fit. Narrower ones get the
     * 6×2 tile, which fits AVX2's 16 (8×2 would spill accumulators there).
     */
    static final GemmMicroKernel PREFERRED = S.vectorBitSize() >= 512 ? new Rows8() : new Rows6();

    /**
     * Moves a finished tile (rows of 2·V floats in {@code tile}) into C. Kept out of the kernels: a kernel body with
     * the FMA loop and sixteen C updates outgrows the JIT's inlining budget, and a vector that crosses a call that
     * was not inlined is boxed on the heap — the whole kernel then runs several times slower.
     */
    private static void storeTile(float[] tile, float beta, float[] c, int ci, int ldc, int rows, int cols, int mr) {
        int nr = 2 * V;
        if (rows != mr || cols != nr) {
            GemmMicroKernel.storeTile(tile, nr, beta, c, ci, ldc, rows, cols);
            return;
        }
        for (int r = 0, t = 0, o = ci; r < rows; r++, t += nr, o += ldc) {
            for (int v = 0; v < nr; v += V) {
                FloatVector acc = FloatVector.fromArray(S, tile, t + v);
                // beta = 0 never reads C, so NaN there is ignored; 1·C is exact, so beta = 1 needs no branch.
                if (beta == 0f) acc.intoArray(c, o + v);
                else acc.add(FloatVector.fromArray(S, c, o + v).mul(beta)).intoArray(c, o + v);
            }
        }
    }

    /**
     * The last column panel when it is at most one vector wide (n = 144, a 12×12 feature map, leaves 16 of 32):
     * mr rows × one vector, so the half of the full tile that would only multiply padding zeros is not computed. It
     * runs at about the full kernel's time per useful FMA, where the full tile spent twice that. Rows past mr (the
     * 6-row kernel) are neither loaded nor stored.
     */
    private static void narrow(int mr, int kc, float[] a, int ai, int ar, int ap, float[] b, int bi, int bs,
                               float beta, float[] c, int ci, int ldc, int rows, int cols, float[] tile) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        boolean eight = mr == 8;
        int a1 = ar, a2 = 2 * ar, a3 = 3 * ar, a4 = 4 * ar, a5 = 5 * ar, a6 = 6 * ar, a7 = 7 * ar;
        for (int p = 0; p < kc; p++, ai += ap, bi += bs) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            c0 = FloatVector.broadcast(S, a[ai]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[ai + a1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[ai + a2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[ai + a3]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[ai + a4]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[ai + a5]).fma(b0, c5);
            if (eight) {
                c6 = FloatVector.broadcast(S, a[ai + a6]).fma(b0, c6);
                c7 = FloatVector.broadcast(S, a[ai + a7]).fma(b0, c7);
            }
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, V);
        c2.intoArray(tile, 2 * V);
        c3.intoArray(tile, 3 * V);
        c4.intoArray(tile, 4 * V);
        c5.intoArray(tile, 5 * V);
        c6.intoArray(tile, 6 * V);
        c7.intoArray(tile, 7 * V);
        GemmMicroKernel.storeTile(tile, V, beta, c, ci, ldc, rows, cols);
    }

    /** 8 rows × 2 vectors: 16 accumulators + 2 B vectors + 1 broadcast out of 32 registers. */
    static final class Rows8 implements GemmMicroKernel {
        private static final int MR = 8, NR = 2 * V;

        @Override
        public int mr() {
            return MR;
        }

        @Override
        public int nr() {
            return NR;
        }

        @Override
        public void multiply(int kc, float[] a, int ai, int ar, int ap, float[] b, int bi, int bs, float beta,
                             float[] c, int ci, int ldc, int rows, int cols, float[] tile) {
            if (cols <= V) {
                narrow(MR, kc, a, ai, ar, ap, b, bi, bs, beta, c, ci, ldc, rows, cols, tile);
                return;
            }
            FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
            FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
            FloatVector c60 = c00, c61 = c00, c70 = c00, c71 = c00;
            int a1 = ar, a2 = 2 * ar, a3 = 3 * ar, a4 = 4 * ar, a5 = 5 * ar, a6 = 6 * ar, a7 = 7 * ar;
            for (int p = 0; p < kc; p++, ai += ap, bi += bs) {
                FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + V);
                FloatVector x = FloatVector.broadcast(S, a[ai]);
                c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(S, a[ai + a1]);
                c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(S, a[ai + a2]);
                c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(S, a[ai + a3]);
                c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
                x = FloatVector.broadcast(S, a[ai + a4]);
                c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
                x = FloatVector.broadcast(S, a[ai + a5]);
                c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
                x = FloatVector.broadcast(S, a[ai + a6]);
                c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
                x = FloatVector.broadcast(S, a[ai + a7]);
                c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            }
            c00.intoArray(tile, 0);
            c01.intoArray(tile, V);
            c10.intoArray(tile, NR);
            c11.intoArray(tile, NR + V);
            c20.intoArray(tile, 2 * NR);
            c21.intoArray(tile, 2 * NR + V);
            c30.intoArray(tile, 3 * NR);
            c31.intoArray(tile, 3 * NR + V);
            c40.intoArray(tile, 4 * NR);
            c41.intoArray(tile, 4 * NR + V);
            c50.intoArray(tile, 5 * NR);
            c51.intoArray(tile, 5 * NR + V);
            c60.intoArray(tile, 6 * NR);
            c61.intoArray(tile, 6 * NR + V);
            c70.intoArray(tile, 7 * NR);
            c71.intoArray(tile, 7 * NR + V);
            storeTile(tile, beta, c, ci, ldc, rows, cols, MR);
        }
    }

    /** 6 rows × 2 vectors: 12 accumulators + 2 B vectors + 1 broadcast out of 16 registers. */
    static final class Rows6 implements GemmMicroKernel {
        private static final int MR = 6, NR = 2 * V;

        @Override
        public int mr() {
            return MR;
        }

        @Override
        public int nr() {
            return NR;
        }

        @Override
        public void multiply(int kc, float[] a, int ai, int ar, int ap, float[] b, int bi, int bs, float beta,
                             float[] c, int ci, int ldc, int rows, int cols, float[] tile) {
            if (cols <= V) {
                narrow(MR, kc, a, ai, ar, ap, b, bi, bs, beta, c, ci, ldc, rows, cols, tile);
                return;
            }
            FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
            FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
            int a1 = ar, a2 = 2 * ar, a3 = 3 * ar, a4 = 4 * ar, a5 = 5 * ar;
            for (int p = 0; p < kc; p++, ai += ap, bi += bs) {
                FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + V);
                FloatVector x = FloatVector.broadcast(S, a[ai]);
                c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(S, a[ai + a1]);
                c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(S, a[ai + a2]);
                c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(S, a[ai + a3]);
                c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
                x = FloatVector.broadcast(S, a[ai + a4]);
                c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
                x = FloatVector.broadcast(S, a[ai + a5]);
                c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            }
            c00.intoArray(tile, 0);
            c01.intoArray(tile, V);
            c10.intoArray(tile, NR);
            c11.intoArray(tile, NR + V);
            c20.intoArray(tile, 2 * NR);
            c21.intoArray(tile, 2 * NR + V);
            c30.intoArray(tile, 3 * NR);
            c31.intoArray(tile, 3 * NR + V);
            c40.intoArray(tile, 4 * NR);
            c41.intoArray(tile, 4 * NR + V);
            c50.intoArray(tile, 5 * NR);
            c51.intoArray(tile, 5 * NR + V);
            storeTile(tile, beta, c, ci, ldc, rows, cols, MR);
        }
    }
}
