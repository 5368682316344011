package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.nn.init.Init;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;

import java.util.Arrays;

/**
 * Transposed 2-d convolution; weight [in, out/groups, kh, kw]. PyTorch's default initialisation, whose fan-in is read
 * from the weight's dim 1 (out/groups × kh × kw), reproduced as is.
 */
public final class ConvTranspose2d extends Module {
    private final int in, out, groups;
    private final int[] kernel, stride, padding, outputPadding, dilation;

    public ConvTranspose2d(int in, int out, int[] kernel, int[] stride, int[] padding, int[] outputPadding, int[] dilation,
                           int groups, boolean bias, Generator g) {
        if (in < 1 || out < 1 || groups < 1 || in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("ConvTranspose2d: channels in=" + in + ", out=" + out + " must be >= 1 and divisible by groups=" + groups);
        }
        this.in = in;
        this.out = out;
        this.groups = groups;
        this.kernel = Conv2d.pair("kernel", kernel, 1);
        this.stride = Conv2d.pair("stride", stride, 1);
        this.padding = Conv2d.pair("padding", padding, 0);
        this.outputPadding = Conv2d.pair("outputPadding", outputPadding, 0);
        this.dilation = Conv2d.pair("dilation", dilation, 1);
        Tensor w = registerParameter("weight", Init.defaultWeight(Tensor.empty(in, out / groups, this.kernel[0], this.kernel[1]), g));
        if (bias) registerParameter("bias", Init.defaultBias(Tensor.empty(out), w, g));
    }

    public ConvTranspose2d(int in, int out, int kernel, int stride, int padding, int outputPadding, boolean bias, Generator g) {
        this(in, out, new int[]{kernel, kernel}, new int[]{stride, stride}, new int[]{padding, padding},
                new int[]{outputPadding, outputPadding}, new int[]{1, 1}, 1, bias, g);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.convTranspose2d(x, parameter("weight"), optionalParameter("bias"), stride, padding, outputPadding, dilation, groups);
    }

    @Override
    protected String describe() {
        return "ConvTranspose2d(" + in + ", " + out + ", kernel=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride)
                + ", padding=" + Arrays.toString(padding) + ", outputPadding=" + Arrays.toString(outputPadding)
                + (groups != 1 ? ", groups=" + groups : "") + ", bias=" + (optionalParameter("bias") != null) + ")";
    }
}
