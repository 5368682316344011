package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.nn.init.Init;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;

import java.util.Arrays;

/**
 * 2-d convolution; weight [out, in/groups, kh, kw], PyTorch's default initialisation. {@code new Conv2d(in, out, k)}
 * is {@code nn.Conv2d(in, out, k)}; the other settings go through {@link #builder}, e.g.
 * {@code Conv2d.builder(1, 32, 3).padding(1).bias(false).generator(g).build()}.
 */
public final class Conv2d extends Module {
    private final int in, out, groups;
    private final int[] kernel, stride, padding, dilation;

    /** A k×k convolution with stride 1, no padding, a bias, and weights from the default generator. */
    public Conv2d(int in, int out, int kernel) {
        this(builder(in, out, kernel));
    }

    private Conv2d(Builder b) {
        this.in = b.in;
        this.out = b.out;
        this.groups = b.groups;
        this.kernel = b.kernel.clone();
        this.stride = b.stride.clone();
        this.padding = b.padding.clone();
        this.dilation = b.dilation.clone();
        Generator g = b.generatorOrDefault();
        Tensor w = registerParameter("weight", Init.defaultWeight(Tensor.empty(out, in / groups, kernel[0], kernel[1]), g));
        if (b.bias) registerParameter("bias", Init.defaultBias(Tensor.empty(out), w, g));
    }

    /** Starts a convolution of in to out channels with a k×k kernel; the rest defaults as in PyTorch. */
    public static Builder builder(int in, int out, int kernel) {
        return new Builder(in, out, kernel);
    }

    /** Named settings for a {@link Conv2d}. */
    public static final class Builder extends ConvBuilder<Builder> {
        private Builder(int in, int out, int kernel) {
            super("Conv2d", in, out, kernel);
        }

        @Override
        Builder self() {
            return this;
        }

        /** The layer, its weights drawn now. */
        public Conv2d build() {
            return new Conv2d(this);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.conv2d(x, parameter("weight"), optionalParameter("bias"), stride, padding, dilation, groups);
    }

    @Override
    protected String describe() {
        return "Conv2d(" + in + ", " + out + ", kernel=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride)
                + ", padding=" + Arrays.toString(padding) + (dilation[0] * dilation[1] != 1 ? ", dilation=" + Arrays.toString(dilation) : "")
                + (groups != 1 ? ", groups=" + groups : "") + ", bias=" + (optionalParameter("bias") != null) + ")";
    }
}
