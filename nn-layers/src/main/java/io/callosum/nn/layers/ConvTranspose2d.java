package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.nn.init.Init;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;

import java.util.Arrays;

/**
 * Transposed 2-d convolution; weight [in, out/groups, kh, kw]. PyTorch's default initialisation, whose fan-in is read
 * from the weight's dim 1 (out/groups × kh × kw), reproduced as is. Settings beyond the kernel go through
 * {@link #builder}, e.g. {@code ConvTranspose2d.builder(64, 32, 3).stride(2).padding(1).outputPadding(1).build()}.
 */
public final class ConvTranspose2d extends Module {
    private final ConvShape shape;
    private final int[] outputPadding;

    /** A k×k transposed convolution with stride 1, no padding, a bias, and weights from the default generator. */
    public ConvTranspose2d(int in, int out, int kernel) {
        this(builder(in, out, kernel));
    }

    private ConvTranspose2d(Builder b) {
        ConvShape s = shape = b.shape();
        this.outputPadding = b.outputPadding.clone();
        Generator g = b.generatorOrDefault();
        Tensor w = registerParameter("weight", Init.defaultWeight(Tensor.empty(s.in(), s.out() / s.groups(), s.kernel()[0], s.kernel()[1]), g));
        if (b.bias) registerParameter("bias", Init.defaultBias(Tensor.empty(s.out()), w, g));
    }

    /** Starts a transposed convolution of in to out channels with a k×k kernel; the rest defaults as in PyTorch. */
    public static Builder builder(int in, int out, int kernel) {
        return new Builder(in, out, kernel);
    }

    /** Named settings for a {@link ConvTranspose2d}: the convolution's, plus the output padding. */
    public static final class Builder extends ConvBuilder<Builder> {
        private int[] outputPadding = {0, 0};

        private Builder(int in, int out, int kernel) {
            super("ConvTranspose2d", in, out, kernel);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Extra rows and columns added to one side of the output (default 0), to pick among the output sizes a stride allows. */
        public Builder outputPadding(int p) {
            return outputPadding(p, p);
        }

        /** Output padding along height and width. */
        public Builder outputPadding(int ph, int pw) {
            outputPadding = pair("outputPadding", new int[]{ph, pw}, 0);
            return this;
        }

        /** The layer, its weights drawn now; output padding must be smaller than the stride or the dilation, as PyTorch. */
        public ConvTranspose2d build() {
            for (int d = 0; d < 2; d++) {
                if (outputPadding[d] >= Math.max(stride[d], dilation[d])) {
                    throw new IllegalArgumentException("ConvTranspose2d: outputPadding " + Arrays.toString(outputPadding)
                            + " must be smaller than the stride " + Arrays.toString(stride) + " or the dilation " + Arrays.toString(dilation));
                }
            }
            return new ConvTranspose2d(this);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.convTranspose2d(x, parameter("weight"), optionalParameter("bias"), shape.stride(), shape.padding(), outputPadding,
                shape.dilation(), shape.groups());
    }

    @Override
    protected String describe() {
        return shape.describe("ConvTranspose2d", ", outputPadding=" + Arrays.toString(outputPadding), optionalParameter("bias") != null);
    }
}
