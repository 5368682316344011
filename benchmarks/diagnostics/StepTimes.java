import io.callosum.nn.optim.SGD;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.model.SplitBrainNet;
import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.splitbrain.targets.ColorSpace;
import io.callosum.tensor.DType;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;

/**
 * Training steps of a split-brain model exactly as TrainStepBenchmark runs them, in this fresh JVM: 12 warm-up
 * steps, then the median and mean of the next ones. The Vector API's speed depends on how C2 compiled each kernel
 * in this JVM (a call compiled without its intrinsic runs the API's slow Java fallback), so compare code versions
 * over several fresh JVMs each, alternating, and
 * record with JFR (run jfr_fallback.py on the recording) to see whether a kernel is running the API's Java fallback.
 * Usage: StepTimes [model] [steps]   (model: resnet18 or simplenet; default resnet18 16)
 */
public class StepTimes {
    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : "resnet18";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Generator g = new Generator(0);
        SplitBrainNet net = new SplitBrainNet(Architecture.parse(model), ChannelSplit.of(ColorSpace.LAB, false), g);
        SGD opt = SGD.builder(net.parameters()).lr(0.01).momentum(0.9).build();
        Tensor x = Tensor.randn(g, 64, 3, 96, 96);
        Tensor a = x.narrow(1, 0, 1).contiguous(), b = x.narrow(1, 1, 2).contiguous();
        Tensor ta = Tensor.randint(g, 100, 64, 12, 12).to(DType.INT32);
        Tensor tb = Tensor.randint(g, 100, 64, 12, 12).to(DType.INT32);
        double[] ms = new double[steps];
        for (int i = -12; i < steps; i++) {
            long t0 = System.nanoTime();
            net.train();
            try (Scope s = Scope.open()) {
                opt.zeroGrad();
                SplitBrainNet.Logits l = net.predict(a, b);
                Functional.crossEntropy(l.a(), ta).add(Functional.crossEntropy(l.b(), tb)).backward();
                opt.step();
            }
            if (i >= 0) ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double mean = java.util.Arrays.stream(ms).average().orElse(0);
        java.util.Arrays.sort(ms);
        System.out.printf("%s training step, batch 64, steps 13-%d of a fresh JVM: median %.0f ms, mean %.0f ms, "
                + "%.1f images/s at the median%n", model, 12 + steps, ms[steps / 2], mean, 64e3 / ms[steps / 2]);
    }
}
