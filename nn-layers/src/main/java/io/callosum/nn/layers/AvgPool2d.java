package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Tensor;

/** Average pooling with a square window (padding counted in the divisor, as PyTorch's default). */
public final class AvgPool2d extends Module {
    private final int kernel, stride, padding;

    /** Averages kernel×kernel windows with the given stride and zero padding. */
    public AvgPool2d(int kernel, int stride, int padding) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** Averages k×k windows with stride k and no padding, as {@code nn.AvgPool2d(k)}. */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.avgPool2d(x, kernel, stride, padding);
    }

    @Override
    protected String describe() {
        return "AvgPool2d(kernel=" + kernel + ", stride=" + stride + ", padding=" + padding + ")";
    }
}
