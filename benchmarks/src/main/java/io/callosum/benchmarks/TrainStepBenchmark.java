package io.callosum.benchmarks;

import io.callosum.nn.optim.SGD;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.model.SplitBrainNet;
import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.splitbrain.targets.ColorSpace;
import io.callosum.tensor.DType;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;
import org.openjdk.jmh.annotations.*;

import java.util.concurrent.TimeUnit;

/**
 * One full training step of SplitBrain-SimpleNet / SplitBrain-ResNet18 exactly as torch_ref.py's train sections:
 * batch 64 of N(0, 1) 3×96×96 inputs (channel 0 to half A, 1–2 to half B), random 100-class targets on the 12×12
 * grid, loss CE(A) + CE(B), backward, SGD lr 0.01 momentum 0.9. images/s = 64 / time. Also the eval forward.
 *
 * <p>Warm-up is long (25 s) because a fresh JVM runs its first ~10 ResNet18 steps at up to several times the steady
 * time while C2 compiles the kernels: with 9 s, the measured steps were still partly interpreted.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchmarkDefaults.VECTOR_MODULE, "-Xmx8g"})
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 3)
public class TrainStepBenchmark {
    @Param({"simplenet", "resnet18"})
    public String model;

    SplitBrainNet net;
    SGD opt;
    Tensor a, b, ta, tb;

    @Setup
    public void setup() {
        Generator g = new Generator(0);
        net = new SplitBrainNet(Architecture.parse(model), ChannelSplit.of(ColorSpace.LAB, false), g);
        opt = SGD.builder(net.parameters()).lr(0.01).momentum(0.9).build();
        Tensor x = Tensor.randn(g, 64, 3, 96, 96);
        a = x.narrow(1, 0, 1).contiguous();
        b = x.narrow(1, 1, 2).contiguous();
        ta = Tensor.randint(g, 100, 64, 12, 12).to(DType.INT32);
        tb = Tensor.randint(g, 100, 64, 12, 12).to(DType.INT32);
    }

    @Benchmark
    public float trainStep() {
        net.train();
        try (Scope s = Scope.open()) {
            opt.zeroGrad();
            SplitBrainNet.Logits l = net.predict(a, b);
            Tensor loss = Functional.crossEntropy(l.a(), ta).add(Functional.crossEntropy(l.b(), tb));
            loss.backward();
            opt.step();
            return loss.item();
        }
    }

    @Benchmark
    public Tensor evalForward() {
        net.eval();
        try (Grad.Guard ng = Grad.disabled(); Scope s = Scope.open()) {
            return net.predict(a, b).a();
        }
    }
}
