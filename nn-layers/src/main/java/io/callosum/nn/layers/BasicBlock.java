package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;

/**
 * ResNet's basic residual block: conv3×3(stride)–BN–ReLU–conv3×3–BN, plus the input (through a 1×1 conv + BN
 * "downsample" when the stride or width changes), then ReLU. Names match torchvision's {@code BasicBlock}.
 */
public final class BasicBlock extends Module {
    private final Module conv1, bn1, conv2, bn2, downsample;

    public BasicBlock(int in, int out, int stride, Generator g) {
        conv1 = registerModule("conv1", new Conv2d(in, out, 3, stride, 1, false, g));
        bn1 = registerModule("bn1", new BatchNorm2d(out));
        conv2 = registerModule("conv2", new Conv2d(out, out, 3, 1, 1, false, g));
        bn2 = registerModule("bn2", new BatchNorm2d(out));
        downsample = stride != 1 || in != out
                ? registerModule("downsample", new Sequential(new Conv2d(in, out, 1, stride, 0, false, g), new BatchNorm2d(out)))
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
