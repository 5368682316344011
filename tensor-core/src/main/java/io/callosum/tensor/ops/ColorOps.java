package io.callosum.tensor.ops;

import io.callosum.tensor.Autograd;
import io.callosum.tensor.Color;
import io.callosum.tensor.DType;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.spi.ColorKernels;

import java.util.Optional;

/**
 * sRGB ↔ CIE Lab and bin quantization: the backend's {@link ColorKernels} when it has them, else the elementwise
 * composite {@link ColorComposite}.
 */
public final class ColorOps {
    private ColorOps() {
    }

    private static Tensor image3(String op, Tensor x) {
        Checks.float32(op, "input", x);
        if (x.dim() != 4 || x.size(1) != 3) {
            throw new IllegalArgumentException(op + ": expects N×3×H×W (three colour channels in dimension 1), got " + Shape.str(x.shape()));
        }
        return x.contiguous();
    }

    /**
     * The gradient g·∂y/∂x of the same conversion composed of ops, recorded: the fused kernels' backward is not itself
     * differentiable, so a backward that is being recorded (createGraph) takes this path for higher-order gradients.
     */
    private static Tensor recordedVjp(Tensor composed, Tensor g, Tensor x) {
        return Grad.grad(composed, g, true, x)[0];
    }

    /** {@link io.callosum.tensor.Color#rgbToLab}: the backend's fused kernel where it has {@link ColorKernels}, else the composite. */
    public static Tensor rgbToLab(Tensor x) {
        if (x.dim() == 3) return rgbToLab(x.unsqueeze(0)).squeeze(0);
        Tensor xc = image3("rgbToLab", x);
        Optional<ColorKernels> kernels = x.backend().capability(ColorKernels.class);
        if (kernels.isEmpty()) return ColorComposite.rgbToLab(xc);
        ColorKernels k = kernels.get();
        Tensor out = Tensor.empty(x.device(), DType.FLOAT32, x.shape());
        k.rgbToLab(xc, out);
        return Autograd.record("rgbToLab", out, g -> {
            if (Grad.isEnabled()) return new Tensor[]{recordedVjp(ColorComposite.rgbToLab(xc), g, xc)};
            Tensor gx = Tensor.empty(g.device(), DType.FLOAT32, xc.shape());
            k.rgbToLabBackward(g.contiguous(), xc, gx);
            return new Tensor[]{gx};
        }, x);
    }

    /**
     * rgbToLab of x [N,3,H,W] (or [3,H,W]) and the means of the result over non-overlapping pool×pool blocks
     * [N,3,H/pool,W/pool], in one pass where the backend fuses them. Both outputs are differentiable: when a gradient
     * is being recorded for x they come from {@link #rgbToLab} and {@link Pooling#avgPool2d} instead.
     */
    public static Color.LabPooled rgbToLabPooled(Tensor x, int pool) {
        if (x.dim() == 3) {
            Color.LabPooled batched = rgbToLabPooled(x.unsqueeze(0), pool);
            return new Color.LabPooled(batched.lab().squeeze(0), batched.pooled().squeeze(0));
        }
        Tensor xc = image3("rgbToLabPooled", x);
        if (pool < 1) throw new IllegalArgumentException("rgbToLabPooled: pool must be >= 1, got " + pool);
        int h = x.size(2), w = x.size(3);
        if (h % pool != 0 || w % pool != 0) {
            throw new IllegalArgumentException("rgbToLabPooled: image size " + h + "×" + w + " of " + Shape.str(x.shape())
                    + " is not a multiple of the pool " + pool);
        }
        Optional<ColorKernels> kernels = x.backend().capability(ColorKernels.class);
        if (kernels.isEmpty() || Grad.isEnabled() && x.requiresGrad()) {
            Tensor lab = rgbToLab(x);
            int[] window = {pool, pool};
            return new Color.LabPooled(lab, Pooling.avgPool2d(lab, window, window, new int[]{0, 0}, false, true));
        }
        Tensor lab = Tensor.empty(x.device(), DType.FLOAT32, x.shape());
        Tensor pooled = Tensor.empty(x.device(), DType.FLOAT32, x.size(0), 3, h / pool, w / pool);
        kernels.get().rgbToLabPooled(xc, pool, lab, pooled);
        return new Color.LabPooled(lab, pooled);
    }

    /** {@link io.callosum.tensor.Color#labToRgb}: the backend's fused kernel where it has {@link ColorKernels}, else the composite. */
    public static Tensor labToRgb(Tensor x) {
        if (x.dim() == 3) return labToRgb(x.unsqueeze(0)).squeeze(0);
        Tensor xc = image3("labToRgb", x);
        Optional<ColorKernels> kernels = x.backend().capability(ColorKernels.class);
        if (kernels.isEmpty()) return ColorComposite.labToRgb(xc);
        ColorKernels k = kernels.get();
        Tensor out = Tensor.empty(x.device(), DType.FLOAT32, x.shape());
        k.labToRgb(xc, out);
        return Autograd.record("labToRgb", out, g -> {
            if (Grad.isEnabled()) return new Tensor[]{recordedVjp(ColorComposite.labToRgb(xc), g, xc)};
            Tensor gx = Tensor.empty(g.device(), DType.FLOAT32, xc.shape());
            k.labToRgbBackward(g.contiguous(), xc, gx);
            return new Tensor[]{gx};
        }, x);
    }

    /**
     * Per-pixel joint bin index of the channels of x [N, C, H, W] (C = lo.length): INT32 [N, H, W]. Values outside
     * [lo, hi] fall into the edge bins. Not differentiable.
     */
    public static Tensor quantize(Tensor x, float[] lo, float[] hi, int[] bins) {
        Checks.float32("quantize", "input", x);
        if (x.dim() != 4) throw new IllegalArgumentException("quantize: expects N×C×H×W, got " + Shape.str(x.shape()));
        int c = x.size(1);
        if (lo.length != c || hi.length != c || bins.length != c) {
            throw new IllegalArgumentException("quantize: input " + Shape.str(x.shape()) + " has " + c + " channels but " + lo.length
                    + " lower bounds, " + hi.length + " upper bounds and " + bins.length + " bin counts were given");
        }
        long total = 1;
        for (int i = 0; i < c; i++) {
            if (!(hi[i] > lo[i]) || bins[i] < 1) {
                throw new IllegalArgumentException("quantize: channel " + i + " needs lo < hi and bins >= 1, got [" + lo[i] + ", " + hi[i] + "] with " + bins[i] + " bins");
            }
            total *= bins[i];
        }
        if (total > Integer.MAX_VALUE) throw new IllegalArgumentException("quantize: " + total + " joint bins overflow an int");
        Optional<ColorKernels> kernels = x.backend().capability(ColorKernels.class);
        if (kernels.isEmpty()) return ColorComposite.quantize(x, lo, hi, bins);
        Tensor out = Tensor.empty(x.device(), DType.INT32, x.size(0), x.size(2), x.size(3));
        kernels.get().quantize(x.contiguous(), lo.clone(), hi.clone(), bins.clone(), out);
        return out;
    }
}
