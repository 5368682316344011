package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Tensor;

/** Resizes [N, C, H, W] by an integer scale factor, nearest or bilinear (align_corners=false, as PyTorch's default). */
public final class Upsample extends Module {
    /** How upsampled pixels are interpolated. */
    public enum Mode {
        /** Copies the nearest input pixel. */
        NEAREST,
        /** Interpolates the four nearest input pixels. */
        BILINEAR
    }

    private final int scale;
    private final Mode mode;

    /** Upsamples by an integer scale with the given interpolation. */
    public Upsample(int scale, Mode mode) {
        if (scale < 1) throw new IllegalArgumentException("Upsample: scale factor must be >= 1, got " + scale);
        this.scale = scale;
        this.mode = mode;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() != 4) throw new IllegalArgumentException("Upsample: expected [N, C, H, W], got " + io.callosum.tensor.Shape.str(x.shape()));
        int h = x.size(2) * scale, w = x.size(3) * scale;
        return mode == Mode.NEAREST ? Functional.upsampleNearest(x, h, w) : Functional.upsampleBilinear(x, h, w, false);
    }

    @Override
    protected String describe() {
        return "Upsample(scale=" + scale + ", mode=" + mode.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
