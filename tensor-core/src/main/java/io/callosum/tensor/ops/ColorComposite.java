package io.callosum.tensor.ops;

import io.callosum.tensor.DType;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.spi.LabConstants;

/**
 * sRGB ↔ Lab and quantization written with elementwise ops, for backends without {@link
 * io.callosum.tensor.spi.ColorKernels}: slower (a dozen passes instead of one) and in float, but it runs on any
 * backend and its gradient comes from autograd through the composition. The piecewise curves select with where;
 * each power is taken of an input clamped into its own branch so that the branch not selected never makes a NaN
 * whose zero gradient would still poison the sum.
 */
final class ColorComposite {
    private ColorComposite() {
    }

    /** x [N,3,H,W] sRGB → Lab, as ColorKernels#rgbToLab. */
    static Tensor rgbToLab(Tensor x) {
        Tensor[] lin = new Tensor[3];
        for (int c = 0; c < 3; c++) lin[c] = toLinear(x.narrow(1, c, 1));
        Tensor[] t = mix(LabConstants.rgbToT(), lin);
        Tensor fx = f(t[0]), fy = f(t[1]), fz = f(t[2]);
        Tensor l = fy.mul(116).sub(16);
        Tensor a = fx.sub(fy).mul(500);
        Tensor b = fy.sub(fz).mul(200);
        return Tensor.cat(1, l, a, b);
    }

    /** x [N,3,H,W] Lab → sRGB clipped to [0,1], as ColorKernels#labToRgb (negative f(Z) set to 0). */
    static Tensor labToRgb(Tensor x) {
        Tensor fy = x.narrow(1, 0, 1).add(16).div(116);
        Tensor fx = fy.add(x.narrow(1, 1, 1).div(500));
        Tensor fz = fy.sub(x.narrow(1, 2, 1).div(200)).relu();
        Tensor[] lin = mix(LabConstants.tToRgb(), fInverse(fx), fInverse(fy), fInverse(fz));
        return Tensor.cat(1, fromLinear(lin[0]), fromLinear(lin[1]), fromLinear(lin[2])).clamp(0, 1);
    }

    /** x [N,C,H,W] → INT32 [N,H,W] joint bin index, as ColorKernels#quantize (arguments already validated). */
    static Tensor quantize(Tensor x, float[] lo, float[] hi, int[] bins) {
        Tensor joint = null;
        for (int c = 0; c < lo.length; c++) {
            Tensor scaled = x.select(1, c).sub(lo[c]).mul(bins[c] / ((double) hi[c] - lo[c]));
            Tensor idx = scaled.floor().clamp(0, bins[c] - 1);
            joint = joint == null ? idx : joint.mul(bins[c]).add(idx);
        }
        return joint.to(DType.INT32);
    }

    /** out[i] = Σ_j m[i][j] · v[j]. */
    private static Tensor[] mix(double[][] m, Tensor... v) {
        Tensor[] out = new Tensor[3];
        for (int i = 0; i < 3; i++) {
            out[i] = v[0].mul(m[i][0]).add(v[1].mul(m[i][1])).add(v[2].mul(m[i][2]));
        }
        return out;
    }

    private static Tensor toLinear(Tensor c) {
        Tensor power = c.clampMin(LabConstants.SRGB_KNEE).add(0.055).div(1.055).pow(2.4);
        return Tensor.where(c.gt(LabConstants.SRGB_KNEE), power, c.div(12.92));
    }

    private static Tensor fromLinear(Tensor v) {
        Tensor power = v.clampMin(LabConstants.LINEAR_KNEE).pow(1 / 2.4).mul(1.055).sub(0.055);
        return Tensor.where(v.gt(LabConstants.LINEAR_KNEE), power, v.mul(12.92));
    }

    private static Tensor f(Tensor t) {
        Tensor root = t.clampMin(LabConstants.T_KNEE).pow(1 / 3.0);
        return Tensor.where(t.gt(LabConstants.T_KNEE), root, t.mul(LabConstants.SLOPE).add(LabConstants.F_OFFSET));
    }

    private static Tensor fInverse(Tensor f) {
        Tensor cube = f.mul(f).mul(f);
        return Tensor.where(f.gt(LabConstants.F_KNEE), cube, f.sub(LabConstants.F_OFFSET).div(LabConstants.SLOPE));
    }
}
