package io.callosum.tensor.cpu.generic;

import io.callosum.tensor.cpu.memory.CpuStorage;
import io.callosum.tensor.cpu.runtime.Parallel;
import io.callosum.tensor.spi.Operand;

import static io.callosum.tensor.cpu.memory.CpuMemory.cs;

/** Batched GEMM with the {@link io.callosum.tensor.spi.LinalgKernels#gemm} contract, as a plain triple loop in double. */
public final class GenericGemm {
    private GenericGemm() {
    }

    /** {@link io.callosum.tensor.spi.LinalgKernels#gemm} for FLOAT64: each dot product summed in double, unblocked. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                            Operand a, int lda, long strideA, Operand b, int ldb, long strideB,
                            double beta, Operand c, int ldc, long strideC, int batch) {
        CpuStorage A = cs(a), B = cs(b), C = cs(c);
        Parallel.range(batch * m, Math.max(1, (1 << 16) / Math.max(1, n * k)), (s, e) -> {
            for (int row = s; row < e; row++) {
                int bi = row / m, i = row % m;
                long ao = a.offset() + bi * strideA, bo = b.offset() + bi * strideB, co = c.offset() + bi * strideC;
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        double x = A.get((int) (ao + (transA ? (long) p * lda + i : (long) i * lda + p)));
                        double y = B.get((int) (bo + (transB ? (long) j * ldb + p : (long) p * ldb + j)));
                        sum += x * y;
                    }
                    int at = (int) (co + (long) i * ldc + j);
                    C.set(at, alpha * sum + (beta == 0 ? 0 : beta * C.get(at)));
                }
            }
        });
    }
}
