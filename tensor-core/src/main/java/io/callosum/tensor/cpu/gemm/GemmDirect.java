package io.callosum.tensor.cpu.gemm;

/**
 * Small GEMMs without packing: below a few tens of thousands of multiply-adds, copying the operands costs more than
 * it saves. Rows of C are scaled by beta, then op(A)[i][p]·op(B)[p][·] is added row by row (unit-stride over C, which
 * the JIT vectorises when op(B)'s rows are contiguous). Operands are addressed by element strides as in
 * {@link GemmBlocking}.
 */
final class GemmDirect {
    private GemmDirect() {
    }

    static void multiply(int m, int n, int k, float alpha, float[] A, int aOff, int aRow, int aInner,
                         float[] B, int bOff, int bInner, int bCol, float beta, float[] C, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int cr = cOff + i * ldc;
            CpuGemm.scaleRow(C, cr, n, beta);
            int ar = aOff + i * aRow;
            for (int p = 0; p < k; p++) {
                float av = alpha * A[ar + p * aInner];
                int br = bOff + p * bInner;
                if (bCol == 1) {
                    for (int j = 0; j < n; j++) C[cr + j] += av * B[br + j];
                } else {
                    for (int j = 0; j < n; j++) C[cr + j] += av * B[br + j * bCol];
                }
            }
        }
    }
}
