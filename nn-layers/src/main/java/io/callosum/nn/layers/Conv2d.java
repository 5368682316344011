package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.nn.init.Init;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;

import java.util.Arrays;

/** 2-d convolution; weight [out, in/groups, kh, kw], PyTorch's default initialisation. */
public final class Conv2d extends Module {
    private final int in, out, groups;
    private final int[] kernel, stride, padding, dilation;

    public Conv2d(int in, int out, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups, boolean bias, Generator g) {
        if (in < 1 || out < 1 || groups < 1 || in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("Conv2d: channels in=" + in + ", out=" + out + " must be >= 1 and divisible by groups=" + groups);
        }
        this.in = in;
        this.out = out;
        this.groups = groups;
        this.kernel = pair("kernel", kernel, 1);
        this.stride = pair("stride", stride, 1);
        this.padding = pair("padding", padding, 0);
        this.dilation = pair("dilation", dilation, 1);
        Tensor w = registerParameter("weight", Init.defaultWeight(Tensor.empty(out, in / groups, this.kernel[0], this.kernel[1]), g));
        if (bias) registerParameter("bias", Init.defaultBias(Tensor.empty(out), w, g));
    }

    public Conv2d(int in, int out, int kernel, int stride, int padding, boolean bias, Generator g) {
        this(in, out, new int[]{kernel, kernel}, new int[]{stride, stride}, new int[]{padding, padding}, new int[]{1, 1}, 1, bias, g);
    }

    /** Validates a (height, width) pair: two values, each at least min. */
    static int[] pair(String what, int[] v, int min) {
        if (v == null || v.length != 2 || v[0] < min || v[1] < min) {
            throw new IllegalArgumentException("conv layer: " + what + " must be two values >= " + min + ", got " + Arrays.toString(v));
        }
        return v.clone();
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
