package io.callosum.benchmarks.gpu;

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
 * A SplitBrain training step with TrainStepBenchmark's recipe (and torch_ref.py's): N(0, 1) 3×96×96 inputs, channel 0
 * to half A and 1–2 to half B, random 100-class targets on the 12×12 grid, loss CE(A) + CE(B), SGD lr 0.01 momentum
 * 0.9. The model and batch come from one seed on the CPU and are then copied to the target, so two targets given the
 * same seed start from bit-identical weights and inputs.
 */
public final class TrainingStep implements AutoCloseable {
    public static final int SIDE = 96, CLASSES = 100, GRID = 12;

    private final Target target;
    private final SplitBrainNet net;
    private final SGD opt;
    private final Tensor a, b, ta, tb;

    public TrainingStep(Architecture arch, int batch, long seed, Target target) {
        if (batch < 1) throw new IllegalArgumentException("TrainingStep: batch must be >= 1, got " + batch);
        this.target = target;
        Generator g = new Generator(seed);
        this.net = new SplitBrainNet(arch, ChannelSplit.of(ColorSpace.LAB, false), g);
        net.to(target.device());
        net.train();
        this.opt = SGD.builder(net.parameters()).lr(0.01).momentum(0.9).build();
        try (Tensor x = Tensor.randn(g, batch, 3, SIDE, SIDE)) {
            this.a = onTarget(x.narrow(1, 0, 1).contiguous());
            this.b = onTarget(x.narrow(1, 1, 2).contiguous());
        }
        this.ta = onTarget(Tensor.randint(g, CLASSES, batch, GRID, GRID).to(DType.INT32));
        this.tb = onTarget(Tensor.randint(g, CLASSES, batch, GRID, GRID).to(DType.INT32));
    }

    private Tensor onTarget(Tensor cpu) {
        if (cpu.device().equals(target.device())) return cpu;
        Tensor moved = cpu.to(target.device());
        cpu.close();
        return moved;
    }

    public SplitBrainNet net() {
        return net;
    }

    public Target target() {
        return target;
    }

    /**
     * Clears the gradients, runs forward and backward and leaves the gradients in the parameters; the loss is
     * returned inside the caller's scope.
     */
    public Tensor forwardBackward() {
        try (Target.Activation on = target.activate()) {
            opt.zeroGrad();
            SplitBrainNet.Logits l = net.predict(a, b);
            Tensor loss = Functional.crossEntropy(l.a(), ta).add(Functional.crossEntropy(l.b(), tb));
            loss.backward();
            return loss;
        }
    }

    /** One full step (forward, backward, SGD update) without reading anything back from the device. */
    public void run() {
        try (Scope s = Scope.open(); Target.Activation on = target.activate()) {
            forwardBackward();
            opt.step();
        }
    }

    @Override
    public void close() {
        for (Tensor t : new Tensor[]{a, b, ta, tb}) t.close();
    }
}
