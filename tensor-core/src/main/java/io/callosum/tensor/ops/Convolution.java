package io.callosum.tensor.ops;

import io.callosum.tensor.Autograd;
import io.callosum.tensor.DType;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.spi.Conv2dGeometry;

import static io.callosum.tensor.Autograd.needs;

/**
 * conv2d and convTranspose2d. Three recorded primitives — forward, input-gradient and weight-gradient — are each
 * other's backward rules, so gradients of any order flow through convolutions.
 */
public final class Convolution {
    private Convolution() {
    }

    /**
     * {@link io.callosum.tensor.Functional#conv2d(Tensor, Tensor, Tensor, int[], int[], int[], int)}: checks devices,
     * dtypes and geometry, then runs the forward kernel.
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        Checks.sameDevice("conv2d", x, w, bias);
        Checks.float32("conv2d", "input", x);
        Checks.float32("conv2d", "weight", w);
        Conv2dGeometry g = Conv2dGeometry.of("conv2d", x.shape(), w.shape(), stride, padding, dilation, groups);
        if (bias != null) Checks.shape("conv2d", "bias", bias, g.cout());
        return forward(x, w, bias, g);
    }

    /**
     * Transposed convolution with PyTorch's weight layout [Cin, Cout/groups, KH, KW]: the input-gradient of the
     * convolution whose output has this input's shape.
     */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] outputPadding,
                                         int[] dilation, int groups) {
        Checks.sameDevice("convTranspose2d", x, w, bias);
        Checks.float32("convTranspose2d", "input", x);
        Checks.float32("convTranspose2d", "weight", w);
        if (x.dim() != 4 || w.dim() != 4) {
            throw new IllegalArgumentException("convTranspose2d: input and weight must be 4-D, got " + Shape.str(x.shape()) + " and " + Shape.str(w.shape()));
        }
        if (w.size(0) != x.size(1)) {
            throw new IllegalArgumentException("convTranspose2d: input " + Shape.str(x.shape()) + " has " + x.size(1)
                    + " channels but weight " + Shape.str(w.shape()) + " expects " + w.size(0));
        }
        for (int i = 0; i < 2; i++) {
            if (outputPadding[i] < 0 || (outputPadding[i] >= stride[i] && outputPadding[i] >= dilation[i])) {
                throw new IllegalArgumentException("convTranspose2d: output padding " + Shape.str(outputPadding)
                        + " must be smaller than stride " + Shape.str(stride) + " or dilation " + Shape.str(dilation));
            }
        }
        int cout = w.size(1) * groups;
        int oh = (x.size(2) - 1) * stride[0] - 2 * padding[0] + dilation[0] * (w.size(2) - 1) + outputPadding[0] + 1;
        int ow = (x.size(3) - 1) * stride[1] - 2 * padding[1] + dilation[1] * (w.size(3) - 1) + outputPadding[1] + 1;
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("convTranspose2d: input " + Shape.str(x.shape()) + " gives an empty output " + oh + "×" + ow);
        }
        Conv2dGeometry natural = Conv2dGeometry.of("convTranspose2d", new int[]{x.size(0), cout, oh, ow}, w.shape(), stride, padding, dilation, groups);
        if (natural.outH() < x.size(2) || natural.outW() < x.size(3)) {
            throw new IllegalArgumentException("convTranspose2d: inconsistent geometry for input " + Shape.str(x.shape()));
        }
        // Output padding ≥ stride (allowed below the dilation) adds rows no input reaches: the convolution being
        // transposed then has x's size, a leading part of the output its own size rule would give.
        Conv2dGeometry g = new Conv2dGeometry(natural.n(), natural.cin(), natural.h(), natural.w(), natural.cout(),
                natural.kh(), natural.kw(), natural.strideH(), natural.strideW(), natural.padH(), natural.padW(),
                natural.dilationH(), natural.dilationW(), natural.groups(), x.size(2), x.size(3));
        Tensor out = backwardInput(x, w, g);
        if (bias == null) return out;
        Checks.shape("convTranspose2d", "bias", bias, cout);
        return out.add(bias.reshape(1, cout, 1, 1));
    }

    /** y = conv(x, w). */
    static Tensor forward(Tensor x, Tensor w, Conv2dGeometry g) {
        return forward(x, w, null, g);
    }

    /**
     * y = conv(x, w) + bias (bias nullable, [Cout]): the kernel adds the bias to each finished output, saving the
     * separate broadcast pass; the bias gradient is gy summed over batch and space.
     */
    static Tensor forward(Tensor x, Tensor w, Tensor bias, Conv2dGeometry g) {
        Tensor xc = x.contiguous(), wc = w.contiguous(), bc = bias == null ? null : bias.contiguous();
        Tensor out = Tensor.empty(x.device(), DType.FLOAT32, g.outputShape());
        x.backend().conv2dForward(xc, wc, bc, out, g);
        return Autograd.record("conv2d", out, gy -> new Tensor[]{
                needs(x) ? backwardInput(gy, w, g) : null,
                needs(w) ? backwardWeight(gy, x, g) : null,
                bias != null && needs(bias) ? Reductions.sumTo(gy, new int[]{1, g.cout(), 1, 1}).reshape(g.cout()) : null},
                x, w, bias);
    }

    /** gx = convᵀ(gy, w): the input-gradient of conv, and the forward of convTranspose2d. */
    static Tensor backwardInput(Tensor gy, Tensor w, Conv2dGeometry g) {
        Tensor gyc = gy.contiguous(), wc = w.contiguous();
        Tensor gx = Tensor.empty(gy.device(), DType.FLOAT32, g.inputShape());
        gy.backend().conv2dBackwardInput(gyc, wc, gx, g);
        return Autograd.record("conv2dBackwardInput", gx, ggx -> new Tensor[]{
                needs(gy) ? forward(ggx, w, g) : null,
                needs(w) ? backwardWeight(gy, ggx, g) : null}, gy, w);
    }

    /** gw: the weight-gradient of conv for output gradient gy and input x. */
    static Tensor backwardWeight(Tensor gy, Tensor x, Conv2dGeometry g) {
        Tensor gyc = gy.contiguous(), xc = x.contiguous();
        Tensor gw = Tensor.empty(gy.device(), DType.FLOAT32, g.weightShape());
        gy.backend().conv2dBackwardWeight(gyc, xc, gw, g);
        return Autograd.record("conv2dBackwardWeight", gw, ggw -> new Tensor[]{
                needs(gy) ? forward(x, ggw, g) : null,
                needs(x) ? backwardInput(gy, ggw, g) : null}, gy, x);
    }
}
