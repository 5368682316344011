package io.callosum.tensor.ops;

import io.callosum.tensor.Autograd;
import io.callosum.tensor.DType;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.spi.Pool2dGeometry;

/**
 * Max / average / adaptive-average pooling and nearest / bilinear upsampling. All but max pooling are linear maps,
 * so each backward is a recorded op whose own backward is the forward again (higher-order gradients for free).
 */
public final class Pooling {
    private Pooling() {
    }

    private static Tensor input4d(String op, Tensor x) {
        x.checkOpen(op);
        Checks.float32(op, "input", x);
        Checks.rank(op, "input", x, 4);
        return x.contiguous();
    }

    // ------------------------------------------------------------------ max

    /**
     * {@link io.callosum.tensor.Functional#maxPool2d(Tensor, int[], int[], int[], int[], boolean)}: the kernel also
     * returns each maximum's position for the backward.
     */
    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        Tensor xc = input4d("maxPool2d", x);
        Pool2dGeometry g = Pool2dGeometry.of("maxPool2d", x.shape(), kernel, stride, padding, dilation, ceilMode, false);
        Tensor out = Tensor.empty(x.device(), DType.FLOAT32, g.outputShape());
        Tensor idx = Tensor.empty(x.device(), DType.INT32, g.outputShape());
        x.backend().maxPool2dForward(xc, out, idx, g);
        return Autograd.record("maxPool2d", out, gy -> new Tensor[]{maxPoolBackward(gy, idx, g)}, x);
    }

    /** Routes gy to the argmax positions; its backward gathers from those positions again. */
    static Tensor maxPoolBackward(Tensor gy, Tensor idx, Pool2dGeometry g) {
        Tensor gx = Tensor.empty(gy.device(), DType.FLOAT32, g.inputShape());
        gy.backend().maxPool2dBackward(gy.contiguous(), idx, gx, g);
        return Autograd.record("maxPool2dBackward", gx, ggx -> new Tensor[]{
                ggx.reshape(g.n(), g.c(), g.h() * g.w()).gather(2, idx.reshape(g.n(), g.c(), g.outH() * g.outW()))
                        .reshape(g.outputShape())}, gy);
    }

    // ------------------------------------------------------------------ average

    /** {@link io.callosum.tensor.Functional#avgPool2d(Tensor, int[], int[], int[], boolean, boolean)}. */
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        input4d("avgPool2d", x);
        Pool2dGeometry g = Pool2dGeometry.of("avgPool2d", x.shape(), kernel, stride, padding, new int[]{1, 1}, ceilMode, countIncludePad);
        return avgForward(x, g);
    }

    private static Tensor avgForward(Tensor x, Pool2dGeometry g) {
        Tensor out = Tensor.empty(x.device(), DType.FLOAT32, g.outputShape());
        x.backend().avgPool2dForward(x.contiguous(), out, g);
        return Autograd.record("avgPool2d", out, gy -> new Tensor[]{avgBackward(gy, g)}, x);
    }

    private static Tensor avgBackward(Tensor gy, Pool2dGeometry g) {
        Tensor gx = Tensor.empty(gy.device(), DType.FLOAT32, g.inputShape());
        gy.backend().avgPool2dBackward(gy.contiguous(), gx, g);
        return Autograd.record("avgPool2dBackward", gx, ggx -> new Tensor[]{avgForward(ggx, g)}, gy);
    }

    /** {@link io.callosum.tensor.Functional#adaptiveAvgPool2d}: average pooling to a fixed output size. */
    public static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        input4d("adaptiveAvgPool2d", x);
        if (outH < 1 || outW < 1) throw new IllegalArgumentException("adaptiveAvgPool2d: output size must be >= 1, got " + outH + "×" + outW);
        return adaptiveForward(x, outH, outW);
    }

    private static Tensor adaptiveForward(Tensor x, int outH, int outW) {
        Tensor out = Tensor.empty(x.device(), DType.FLOAT32, x.size(0), x.size(1), outH, outW);
        x.backend().adaptiveAvgPool2dForward(x.contiguous(), out);
        int[] in = x.shape();
        return Autograd.record("adaptiveAvgPool2d", out, gy -> new Tensor[]{adaptiveBackward(gy, in)}, x);
    }

    private static Tensor adaptiveBackward(Tensor gy, int[] in) {
        Tensor gx = Tensor.empty(gy.device(), DType.FLOAT32, in);
        gy.backend().adaptiveAvgPool2dBackward(gy.contiguous(), gx);
        return Autograd.record("adaptiveAvgPool2dBackward", gx, ggx -> new Tensor[]{adaptiveForward(ggx, gy.size(2), gy.size(3))}, gy);
    }

    // ------------------------------------------------------------------ upsampling

    /** {@link io.callosum.tensor.Functional#upsampleNearest}: nearest-neighbour resize of [N, C, H, W]. */
    public static Tensor upsampleNearest(Tensor x, int outH, int outW) {
        input4d("upsampleNearest", x);
        checkOut("upsampleNearest", outH, outW);
        return resample(x, outH, outW, false, false);
    }

    /** {@link io.callosum.tensor.Functional#upsampleBilinear}: bilinear resize of [N, C, H, W]. */
    public static Tensor upsampleBilinear(Tensor x, int outH, int outW, boolean alignCorners) {
        input4d("upsampleBilinear", x);
        checkOut("upsampleBilinear", outH, outW);
        return resample(x, outH, outW, true, alignCorners);
    }

    private static void checkOut(String op, int h, int w) {
        if (h < 1 || w < 1) throw new IllegalArgumentException(op + ": output size must be >= 1, got " + h + "×" + w);
    }

    private static Tensor resample(Tensor x, int outH, int outW, boolean bilinear, boolean alignCorners) {
        Tensor out = Tensor.empty(x.device(), DType.FLOAT32, x.size(0), x.size(1), outH, outW);
        if (bilinear) x.backend().upsampleBilinearForward(x.contiguous(), out, alignCorners);
        else x.backend().upsampleNearestForward(x.contiguous(), out);
        int[] in = x.shape();
        return Autograd.record(bilinear ? "upsampleBilinear" : "upsampleNearest", out,
                gy -> new Tensor[]{resampleBackward(gy, in, bilinear, alignCorners)}, x);
    }

    private static Tensor resampleBackward(Tensor gy, int[] in, boolean bilinear, boolean alignCorners) {
        Tensor gx = Tensor.empty(gy.device(), DType.FLOAT32, in);
        if (bilinear) gy.backend().upsampleBilinearBackward(gy.contiguous(), gx, alignCorners);
        else gy.backend().upsampleNearestBackward(gy.contiguous(), gx);
        return Autograd.record(bilinear ? "upsampleBilinearBackward" : "upsampleNearestBackward", gx,
                ggx -> new Tensor[]{resample(ggx, gy.size(2), gy.size(3), bilinear, alignCorners)}, gy);
    }
}
