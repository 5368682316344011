package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Tensor;

/** Max pooling with a square window. */
public final class MaxPool2d extends Module {
    private final int kernel, stride, padding;

    /** Maximum over kernel×kernel windows with the given stride and padding (padding never wins the max). */
    public MaxPool2d(int kernel, int stride, int padding) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** Maximum over k×k windows with stride k and no padding, as {@code nn.MaxPool2d(k)}. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.maxPool2d(x, kernel, stride, padding);
    }

    @Override
    protected String describe() {
        return "MaxPool2d(kernel=" + kernel + ", stride=" + stride + ", padding=" + padding + ")";
    }
}
