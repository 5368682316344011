package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.nn.init.Generators;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;

/**
 * ResNet's basic residual block: conv3×3(stride)–BN–ReLU–conv3×3–BN, plus the input (through a 1×1 conv + BN
 * "downsample" when the stride or width changes), then ReLU. Names match torchvision's {@code BasicBlock}.
 */
public final class BasicBlock extends Module {
    private final Module conv1, bn1, conv2, bn2, downsample;

    /** A block whose convolutions draw from a split of the default generator ({@link Generators#next()}). */
    public BasicBlock(int in, int out, int stride) {
        this(in, out, stride, Generators.next());
    }

    /** A block from in to out channels; stride 2 halves the resolution. Weights are drawn from g. */
    public BasicBlock(int in, int out, int stride, Generator g) {
        conv1 = registerModule("conv1", Conv2d.builder(in, out, 3).stride(stride).padding(1).bias(false).generator(g).build());
        bn1 = registerModule("bn1", new BatchNorm2d(out));
        conv2 = registerModule("conv2", Conv2d.builder(out, out, 3).padding(1).bias(false).generator(g).build());
        bn2 = registerModule("bn2", new BatchNorm2d(out));
        downsample = stride != 1 || in != out
                ? registerModule("downsample", new Sequential(Conv2d.builder(in, out, 1).stride(stride).bias(false).generator(g).build(),
                        new BatchNorm2d(out)))
                : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = bn1.forward(conv1.forward(x)).relu();
        h = bn2.forward(conv2.forward(h));
        Tensor identity = downsample == null ? x : downsample.forward(x);
        return h.add(identity).relu();
    }
}
