package io.callosum.benchmarks;

import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Tensor;
import org.openjdk.jmh.annotations.*;

import java.util.concurrent.TimeUnit;

/**
 * The four SplitBrain-SimpleNet convolutions at batch 64 (3×3, padding 1, with bias, as torch_ref.py's CONV_LAYERS):
 * forward under no-grad, and forward+backward with weight and bias gradients (and the input gradient except for the
 * first layer, whose input is the network input).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchmarkDefaults.VECTOR_MODULE, "-Xmx6g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
public class ConvBenchmark {
    /** cin-cout-hw */
    @Param({"1-32-96", "32-64-48", "64-128-24", "128-192-12"})
    public String layer;

    Tensor x, w, b, gy;
    boolean needDx;

    @Setup
    public void setup() {
        String[] p = layer.split("-");
        int cin = Integer.parseInt(p[0]), cout = Integer.parseInt(p[1]), hw = Integer.parseInt(p[2]);
        Generator g = new Generator(0);
        needDx = cin > 1;
        x = Tensor.randn(g, 64, cin, hw, hw).requiresGrad(needDx);
        w = Tensor.randn(g, cout, cin, 3, 3).mul(0.1).requiresGrad(true);
        b = Tensor.zeros(cout).requiresGrad(true);
        gy = Tensor.randn(g, 64, cout, hw, hw);
    }

    @Benchmark
    public Tensor forward() {
        try (Grad.Guard ng = Grad.disabled()) {
            Tensor y = Functional.conv2d(x, w, b, 1, 1);
            y.close();
            return y;
        }
    }

    @Benchmark
    public Tensor forwardBackward() {
        w.zeroGrad();
        b.zeroGrad();
        x.zeroGrad();
        try (io.callosum.tensor.Scope s = io.callosum.tensor.Scope.open()) {
            Tensor y = Functional.conv2d(x, w, b, 1, 1);
            y.backward(gy);
            return w.grad();
        }
    }
}
