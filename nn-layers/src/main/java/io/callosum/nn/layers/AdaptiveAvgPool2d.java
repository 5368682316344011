package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Tensor;

/** Average pooling to a fixed output size (PyTorch's adaptive windows). */
public final class AdaptiveAvgPool2d extends Module {
    private final int outH, outW;

    /** Averages every input down to an outH×outW output, whatever the input resolution. */
    public AdaptiveAvgPool2d(int outH, int outW) {
        if (outH < 1 || outW < 1) throw new IllegalArgumentException("AdaptiveAvgPool2d: output size must be >= 1, got " + outH + "x" + outW);
        this.outH = outH;
        this.outW = outW;
    }

    /** Averages every input down to a size×size output, whatever the input resolution. */
    public AdaptiveAvgPool2d(int size) {
        this(size, size);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.adaptiveAvgPool2d(x, outH, outW);
    }

    @Override
    protected String describe() {
        return "AdaptiveAvgPool2d(" + outH + ", " + outW + ")";
    }
}
