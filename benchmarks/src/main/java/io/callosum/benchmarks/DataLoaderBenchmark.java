package io.callosum.benchmarks;

import io.callosum.nn.data.Batch;
import io.callosum.nn.data.DataLoader;
import io.callosum.splitbrain.data.SyntheticColorDataset;
import org.openjdk.jmh.annotations.*;

import java.util.concurrent.TimeUnit;

/** One epoch of 1024 synthetic 96×96 colour scenes, batch 64, shuffled, 2 workers: the loader's images/s. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchmarkDefaults.VECTOR_MODULE, "-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
public class DataLoaderBenchmark {
    public static final int IMAGES = 1024;

    DataLoader loader;
    int epoch;

    @Setup
    public void setup() {
        loader = DataLoader.builder(SyntheticColorDataset.standard(IMAGES, 1, false)).batchSize(64).shuffle(true).seed(1).workers(2).build();
    }

    @TearDown
    public void tearDown() {
        loader.close();
    }

    @Benchmark
    public int epoch() {
        int n = 0;
        for (Batch b : loader.epoch(epoch++)) {
            n += b.size();
            b.close();
        }
        return n;
    }
}
