package io.callosum.benchmarks;

import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.splitbrain.targets.ColorSpace;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;
import org.openjdk.jmh.annotations.*;

import java.util.concurrent.TimeUnit;

/**
 * RGB → Lab, 8× average-pool and quantization (L to 100 bins, ab to the 10×10 grid) plus the normalised inputs, for
 * a batch of 1024 uniform-random 96×96 images — torch_ref.py's lab section (numpy lab+quant) does the same
 * conversion and quantization (at full resolution). images/s = 1024 / time.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchmarkDefaults.VECTOR_MODULE, "-Xmx6g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class LabTargetsBenchmark {
    public static final int BATCH = 1024;

    ChannelSplit split;
    Tensor rgb;

    @Setup
    public void setup() {
        split = ChannelSplit.of(ColorSpace.LAB, false);
        rgb = Tensor.rand(new Generator(0), BATCH, 3, 96, 96);
    }

    @Benchmark
    public Tensor labTargets() {
        try (Scope s = Scope.open()) {
            return split.prepare(rgb).targetA();
        }
    }
}
