package io.callosum.benchmarks;

/**
 * Shared JMH settings: every benchmark forks a JVM with the Vector API module (the same flag the build and the
 * launcher use), uses callosum.cpu.threads worker threads (all cores by default; run.sh passes --threads, as PyTorch gets), and reports the mean.
 */
final class BenchmarkDefaults {
    static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";

    private BenchmarkDefaults() {
    }
}
