package io.callosum.cuda;

import io.callosum.tensor.Color;
import io.callosum.tensor.DType;
import io.callosum.tensor.Device;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A SplitBrain-SimpleNet training step on one device, built from tensor-core's {@link Functional} ops only (the nn
 * layers live in another module): random RGB images → Lab → half A (L → 10×10 ab bins) and half B (ab → 100 L bins),
 * each conv3×3+BN+ReLU+maxpool ×3, conv3×3+BN+ReLU, conv1×1 to 100 logits on the 12×12 grid, summed cross-entropy,
 * backward, SGD. {@code main} prints the losses and images/s; gpu-test.sh runs it on the lent GPU.
 */
public final class SimpleNetStep {
    private final Device device;
    private final List<Tensor[]> halfA, halfB; // per layer: weight, bias-or-null, bnWeight, bnBias, runningMean, runningVar

    SimpleNetStep(Device device, long seed) {
        this.device = device;
        Generator g = new Generator(seed);
        this.halfA = half(g, 1);
        this.halfB = half(g, 2);
    }

    private List<Tensor[]> half(Generator g, int cin) {
        int[][] convs = {{cin, 32, 3}, {32, 64, 3}, {64, 128, 3}, {128, 192, 3}, {192, 100, 1}};
        List<Tensor[]> layers = new ArrayList<>();
        for (int[] c : convs) {
            double std = Math.sqrt(2.0 / (c[0] * c[2] * c[2]));
            Tensor w = io.callosum.tensor.ops.Randoms.normal(g, device, 0, std, c[1], c[0], c[2], c[2]).requiresGrad(true);
            boolean last = c[1] == 100;
            Tensor bias = last ? Tensor.zeros(device, DType.FLOAT32, c[1]).requiresGrad(true) : null;
            Tensor gamma = last ? null : Tensor.ones(device, DType.FLOAT32, c[1]).requiresGrad(true);
            Tensor beta = last ? null : Tensor.zeros(device, DType.FLOAT32, c[1]).requiresGrad(true);
            Tensor rm = last ? null : Tensor.zeros(device, DType.FLOAT32, c[1]);
            Tensor rv = last ? null : Tensor.ones(device, DType.FLOAT32, c[1]);
            layers.add(new Tensor[]{w, bias, gamma, beta, rm, rv});
        }
        return layers;
    }

    private static Tensor forward(List<Tensor[]> layers, Tensor x) {
        for (int i = 0; i < layers.size(); i++) {
            Tensor[] l = layers.get(i);
            int k = l[0].size(2);
            x = Functional.conv2d(x, l[0], l[1], 1, k / 2);
            if (l[2] == null) continue;
            x = Functional.batchNorm(x, l[4], l[5], l[2], l[3], true, 0.1, 1e-5).relu();
            if (i < 3) x = Functional.maxPool2d(x, 2);
        }
        return x;
    }

    /** One step on a batch of n random 96×96 images; returns the summed loss. */
    float step(int n, long seed, double lr) {
        try (Scope scope = Scope.open()) {
            Tensor rgb = io.callosum.tensor.ops.Randoms.uniform(new Generator(seed), device, 0, 1, n, 3, 96, 96);
            Tensor lab = Color.rgbToLab(rgb);
            Tensor l = lab.narrow(1, 0, 1).contiguous(), ab = lab.narrow(1, 1, 2).contiguous();
            Tensor abTarget, lTarget;
            try (Grad.Guard ng = Grad.disabled()) {
                abTarget = Color.quantize(Functional.avgPool2d(ab, 8), new float[]{-110, -110}, new float[]{110, 110}, new int[]{10, 10});
                lTarget = Color.quantize(Functional.avgPool2d(l, 8), new float[]{0}, new float[]{100}, new int[]{100});
            }
            Tensor loss = Functional.crossEntropy(forward(halfA, l.div(50).sub(1)), abTarget)
                    .add(Functional.crossEntropy(forward(halfB, ab.div(110)), lTarget));
            loss.backward();
            try (Grad.Guard ng = Grad.disabled()) {
                for (List<Tensor[]> half : List.of(halfA, halfB)) {
                    for (Tensor[] layer : half) {
                        for (int i = 0; i < 4; i++) {
                            Tensor p = layer[i];
                            if (p == null || p.grad() == null) continue;
                            p.addInPlace(p.grad(), -lr);
                            p.zeroGrad();
                        }
                    }
                }
            }
            return loss.item();
        }
    }

    /** {@code SimpleNetStep [device] [batch] [steps]}: prints each step's loss and the images/s of the timed steps. */
    public static void main(String[] args) {
        Device device = Device.parse(args.length > 0 ? args[0] : "cuda");
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        SimpleNetStep net = new SimpleNetStep(device, 1);
        System.out.println(io.callosum.tensor.Backends.get(device).describe());
        float first = net.step(batch, 100, 0.05);   // warm-up: JIT of the PTX, algorithm choice
        System.out.printf("step 0 (warm-up) loss %.4f%n", first);
        long t0 = System.nanoTime();
        float last = first;
        for (int s = 1; s <= steps; s++) {
            last = net.step(batch, 100 + s, 0.05);
            System.out.printf("step %d loss %.4f%n", s, last);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("SimpleNetStep %s batch %d: %.1f images/s over %d steps (loss %.4f → %.4f; includes one loss read per step)%n",
                device, batch, batch * steps / seconds, steps, first, last);
        if (!Float.isFinite(last)) throw new IllegalStateException("loss is not finite: " + last);
    }
}
