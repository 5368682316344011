package io.callosum.cuda;

import io.callosum.cuda.vendor.Cublas;
import io.callosum.tensor.spi.Operand;
import jcuda.driver.CUdeviceptr;

/**
 * Row-major strided batched SGEMM: through cuBLAS when it loaded, else our tiled kernel (gemm.cu). Also the GEMM
 * behind the im2col convolution path, on raw device addresses.
 */
final class CudaGemm extends Family {
    private final Cublas cublas;

    CudaGemm(CudaDevice dev, Cublas cublas) {
        super(dev);
        this.cublas = cublas;
    }

    boolean usesCublas() {
        return cublas != null;
    }

    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Operand a, int lda, long strideA,
              Operand b, int ldb, long strideB, float beta, Operand c, int ldc, long strideC, int batch) {
        gemmRaw(transA, transB, m, n, k, alpha, ptr(a), lda, strideA, ptr(b), ldb, strideB, beta, ptr(c), ldc, strideC, batch);
    }

    void gemmRaw(boolean transA, boolean transB, int m, int n, int k, float alpha, CUdeviceptr a, int lda, long strideA,
                 CUdeviceptr b, int ldb, long strideB, float beta, CUdeviceptr c, int ldc, long strideC, int batch) {
        if (m == 0 || n == 0 || batch == 0) return;
        if (cublas != null) {
            // Row-major C = op(A)·op(B) is column-major Cᵀ = op(B)ᵀ·op(A)ᵀ: swap the operands, keep the flags.
            int status = cublas.sgemmStridedBatched(transB, transA, n, m, k, alpha, b, ldb, strideB, a, lda, strideA, beta, c, ldc, strideC, batch);
            if (status != 0) throw dev.libraryError("cublasSgemmStridedBatched", status, Cublas.statusName(status));
            return;
        }
        GemmGrid g = GemmGrid.of(m, n, batch);
        dev.launch("gemm", "sgemm_tiled", g.x(), g.y(), g.z(), GemmGrid.THREADS, 0, transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha,
                a, lda, strideA, b, ldb, strideB, beta, c, ldc, strideC, batch);
    }
}
