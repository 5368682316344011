package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.nn.init.Init;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;


/**
 * 2-d convolution; weight [out, in/groups, kh, kw], PyTorch's default initialisation. {@code new Conv2d(in, out, k)}
 * is {@code nn.Conv2d(in, out, k)}; the other settings go through {@link #builder}, e.g.
 * {@code Conv2d.builder(1, 32, 3).padding(1).bias(false).generator(g).build()}.
 */
public final class Conv2d extends Module {
    private final ConvShape shape;

    /** A k×k convolution with stride 1, no padding, a bias, and weights from the default generator. */
    public Conv2d(int in, int out, int kernel) {
        this(builder(in, out, kernel));
    }

    private Conv2d(Builder b) {
        ConvShape s = shape = b.shape();
        Generator g = b.generatorOrDefault();
        Tensor w = registerParameter("weight", Init.defaultWeight(Tensor.empty(s.out(), s.in() / s.groups(), s.kernel()[0], s.kernel()[1]), g));
        if (b.bias) registerParameter("bias", Init.defaultBias(Tensor.empty(s.out()), w, g));
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
        return Functional.conv2d(x, parameter("weight"), optionalParameter("bias"), shape.stride(), shape.padding(), shape.dilation(), shape.groups());
    }

    @Override
    protected String describe() {
        return shape.describe("Conv2d", "", optionalParameter("bias") != null);
    }
}
