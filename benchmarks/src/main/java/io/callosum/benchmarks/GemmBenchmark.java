package io.callosum.benchmarks;

import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.cpu.gemm.CpuGemm;
import org.openjdk.jmh.annotations.*;

import java.util.concurrent.TimeUnit;

/** SGEMM C = A·B on square float matrices, n = 128 … 2048 (GFLOP/s = 2n³ / time); same work as torch.mm in torch_ref.py. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchmarkDefaults.VECTOR_MODULE, "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {
    @Param({"128", "256", "512", "1024", "2048"})
    public int n;

    float[] a, b, c;

    @Setup
    public void setup() {
        Generator g = new Generator(0);
        a = Tensor.randn(g, n, n).toFloatArray();
        b = Tensor.randn(g, n, n).toFloatArray();
        c = new float[n * n];
    }

    @Benchmark
    public float[] sgemm() {
        CpuGemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        return c;
    }
}
