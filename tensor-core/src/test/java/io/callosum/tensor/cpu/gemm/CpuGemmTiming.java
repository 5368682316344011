package io.callosum.tensor.cpu.gemm;

import io.callosum.tensor.cpu.runtime.CpuFeatures;
import io.callosum.tensor.cpu.runtime.Parallel;
import io.callosum.tensor.testing.Ref;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * A quick SGEMM throughput check, not a benchmark suite (the benchmarks module holds those): square C = A·B for each
 * size given (default 256 512 1024), after a warm-up, reporting the best and the median GFLOP/s of the timed runs,
 * and GFLOP per second of process CPU time: on a machine shared with other work that figure, times the threads,
 * says what the cores would give uncontended. Threads follow {@code -Dcallosum.cpu.threads};
 * {@code -Dcallosum.cpu.scalar=true} times the scalar path.
 *
 * <pre>
 * mvn -q test-compile -pl tensor-core
 * java --add-modules jdk.incubator.vector -cp tensor-core/target/classes:tensor-core/target/test-classes \
 *     io.callosum.tensor.cpu.gemm.CpuGemmTiming 256 512 1024
 * </pre>
 */
public final class CpuGemmTiming {
    private CpuGemmTiming() {
    }

    private static long processCpuNanos() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime();
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[]{256, 512, 1024}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.println("path: " + CpuFeatures.describePath() + ", threads: " + Parallel.threads());
        for (int n : sizes) {
            float[] a = Ref.uniform(1, n * n, -1, 1), b = Ref.uniform(2, n * n, -1, 1), c = new float[n * n];
            Runnable gemm = () -> CpuGemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
            double flops = 2.0 * n * n * n;
            // The Vector API runs far slower before C2 has compiled the kernel: warm up for 2 s and 10 runs at least.
            long warmUntil = System.nanoTime() + 2_000_000_000L;
            for (int w = 0; w < 10 || System.nanoTime() < warmUntil; w++) gemm.run();
            int runs = (int) Math.max(5, Math.min(200, 2e11 / flops));
            double[] gflops = new double[runs];
            long cpu0 = processCpuNanos();
            for (int r = 0; r < runs; r++) {
                long t = System.nanoTime();
                gemm.run();
                gflops[r] = flops / (System.nanoTime() - t);
            }
            double perCpuSecond = flops * runs / (processCpuNanos() - cpu0);
            Arrays.sort(gflops);
            System.out.printf("n = %4d: best %6.1f GFLOP/s, median %6.1f GFLOP/s (%d runs); "
                    + "%6.1f GFLOP per CPU-second%n", n, gflops[runs - 1], gflops[runs / 2], runs, perCpuSecond);
        }
    }
}
