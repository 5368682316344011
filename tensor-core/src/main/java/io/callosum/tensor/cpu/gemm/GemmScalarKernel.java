package io.callosum.tensor.cpu.gemm;

/**
 * The plain-Java micro-kernel (the scalar path): a 4×4 tile in sixteen local accumulators, which the JIT keeps in
 * registers. Sixteen independent chains hide the add latency without the Vector API.
 */
final class GemmScalarKernel implements GemmMicroKernel {
    static final GemmScalarKernel INSTANCE = new GemmScalarKernel();
    private static final int MR = 4, NR = 4;

    private GemmScalarKernel() {
    }

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void multiply(int kc, float[] a, int ai, int ar, int ap, float[] b, int bi, int bs, float beta, float[] c,
                         int ci, int ldc, int rows, int cols, float[] tile) {
        int a1 = ar, a2 = 2 * ar, a3 = 3 * ar;
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++, ai += ap, bi += bs) {
            float b0 = b[bi], b1 = b[bi + 1], b2 = b[bi + 2], b3 = b[bi + 3];
            float x0 = a[ai], x1 = a[ai + a1], x2 = a[ai + a2], x3 = a[ai + a3];
            c00 += x0 * b0; c01 += x0 * b1; c02 += x0 * b2; c03 += x0 * b3;
            c10 += x1 * b0; c11 += x1 * b1; c12 += x1 * b2; c13 += x1 * b3;
            c20 += x2 * b0; c21 += x2 * b1; c22 += x2 * b2; c23 += x2 * b3;
            c30 += x3 * b0; c31 += x3 * b1; c32 += x3 * b2; c33 += x3 * b3;
        }
        tile[0] = c00; tile[1] = c01; tile[2] = c02; tile[3] = c03;
        tile[4] = c10; tile[5] = c11; tile[6] = c12; tile[7] = c13;
        tile[8] = c20; tile[9] = c21; tile[10] = c22; tile[11] = c23;
        tile[12] = c30; tile[13] = c31; tile[14] = c32; tile[15] = c33;
        GemmMicroKernel.storeTile(tile, NR, beta, c, ci, ldc, rows, cols);
    }
}
