package io.callosum.cuda.vendor;

import jcuda.Pointer;
import jcuda.driver.CUstream;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasMath;
import jcuda.jcublas.cublasOperation;
import jcuda.runtime.cudaStream_t;

import java.util.function.BooleanSupplier;

/**
 * A cuBLAS handle bound to the backend's stream. TF32 tensor-core math only when the setting asks for it
 * (CUBLAS_TF32_TENSOR_OP_MATH); otherwise CUBLAS_DEFAULT_MATH, which keeps float32 GEMMs in FP32. The setting is
 * read before each GEMM and the handle's math mode changed when it differs. Create only after {@link VendorLoader}
 * made JCublas2 loadable.
 */
public final class Cublas {
    private final cublasHandle handle = new cublasHandle();
    private final int version;
    private final BooleanSupplier tf32Setting;
    private boolean tf32;

    private Cublas(CUstream stream, BooleanSupplier tf32Setting) {
        JCublas2.setExceptionsEnabled(false);
        check(JCublas2.cublasCreate(handle), "cublasCreate");
        check(JCublas2.cublasSetStream(handle, new cudaStream_t(stream)), "cublasSetStream");
        this.tf32Setting = tf32Setting;
        this.tf32 = tf32Setting.getAsBoolean();
        check(JCublas2.cublasSetMathMode(handle, mathMode(tf32)), "cublasSetMathMode");
        int[] v = new int[1];
        check(JCublas2.cublasGetVersion(handle, v), "cublasGetVersion");
        this.version = v[0];
    }

    /** A handle on the given stream; throws IllegalStateException with the failing call's status. */
    public static Cublas open(CUstream stream, BooleanSupplier tf32Setting) {
        return new Cublas(stream, tf32Setting);
    }

    /** CUBLAS_TF32_TENSOR_OP_MATH when TF32 is on, else CUBLAS_DEFAULT_MATH (FP32 for SGEMM). */
    public static int mathMode(boolean tf32) {
        return tf32 ? cublasMath.CUBLAS_TF32_TENSOR_OP_MATH : cublasMath.CUBLAS_DEFAULT_MATH;
    }

    /** cuBLAS's version as cublasGetVersion reports it (e.g. 120604), for the probe line. */
    public int version() {
        return version;
    }

    /** The math mode the handle was last set to. */
    public boolean tf32() {
        return tf32;
    }

    /** Column-major cublasSgemmStridedBatched with host-side alpha/beta; returns the cuBLAS status. */
    public int sgemmStridedBatched(boolean transA, boolean transB, int m, int n, int k, float alpha, Pointer a, int lda, long strideA,
                                   Pointer b, int ldb, long strideB, float beta, Pointer c, int ldc, long strideC, int batch) {
        boolean want = tf32Setting.getAsBoolean();
        if (want != tf32) {
            int s = JCublas2.cublasSetMathMode(handle, mathMode(want));
            if (s != 0) return s;
            tf32 = want;
        }
        return JCublas2.cublasSgemmStridedBatched(handle, transA ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N,
                transB ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N, m, n, k, Pointer.to(new float[]{alpha}),
                a, lda, strideA, b, ldb, strideB, Pointer.to(new float[]{beta}), c, ldc, strideC, batch);
    }

    /** cuBLAS status names (stable across cuBLAS 11–13). */
    public static String statusName(int s) {
        return switch (s) {
            case 0 -> "CUBLAS_STATUS_SUCCESS";
            case 1 -> "CUBLAS_STATUS_NOT_INITIALIZED";
            case 3 -> "CUBLAS_STATUS_ALLOC_FAILED";
            case 7 -> "CUBLAS_STATUS_INVALID_VALUE";
            case 8 -> "CUBLAS_STATUS_ARCH_MISMATCH";
            case 11 -> "CUBLAS_STATUS_MAPPING_ERROR";
            case 13 -> "CUBLAS_STATUS_EXECUTION_FAILED";
            case 14 -> "CUBLAS_STATUS_INTERNAL_ERROR";
            case 15 -> "CUBLAS_STATUS_NOT_SUPPORTED (also what the forwarding library returns for a symbol libcublas.so.13 lacks)";
            case 16 -> "CUBLAS_STATUS_LICENSE_ERROR";
            default -> "cuBLAS status " + s;
        };
    }

    private static void check(int status, String call) {
        if (status != 0) throw new IllegalStateException(call + " returned " + statusName(status));
    }
}
