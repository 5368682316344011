package io.callosum.tensor.spi;


/**
 * CIE Lab colour conversion (sRGB, D65, 2° observer, the constants of {@link LabConstants}) and bin quantization on
 * contiguous N×C×H×W operands. An optional capability ({@link Backend#capability}): a backend without it runs the
 * elementwise composite of the colour ops instead.
 */
public interface ColorKernels {
    /** x [N,3,H,W] sRGB in [0,1] → out [N,3,H,W] Lab (L in [0,100]). */
    void rgbToLab(Operand x, Operand out);

    /**
     * x [N,3,H,W] sRGB → lab [N,3,H,W] as {@link #rgbToLab}, and pooled [N,3,H/pool,W/pool], the means of lab over
     * non-overlapping pool×pool blocks (H and W are multiples of pool). This default runs rgbToLab and then the
     * backend's average pool; a backend overrides it to do both in one pass over the image.
     */
    default void rgbToLabPooled(Operand x, int pool, Operand lab, Operand pooled) {
        if (!(this instanceof PoolKernels pools)) {
            throw new UnsupportedOperationException("rgbToLabPooled: " + getClass().getName()
                    + " has no PoolKernels for the default; override rgbToLabPooled");
        }
        rgbToLab(x, lab);
        int[] window = {pool, pool};
        pools.avgPool2dForward(lab, pooled, Pool2dGeometry.of("rgbToLabPooled", lab.shape(), window, window,
                new int[]{0, 0}, new int[]{1, 1}, false, true));
    }

    /** Vector-Jacobian product of rgbToLab at x. */
    void rgbToLabBackward(Operand gy, Operand x, Operand gx);

    /**
     * Lab → sRGB, clipped to [0,1]: the exact inverse of rgbToLab as in scikit-image's lab2rgb, which also sets a
     * negative f(Z) = (L + 16)/116 − b/200 (out-of-gamut Lab) to 0 before inverting f.
     */
    void labToRgb(Operand x, Operand out);

    /** Vector-Jacobian product of labToRgb at x (zero where the output was clipped, and through a zeroed f(Z)). */
    void labToRgbBackward(Operand gy, Operand x, Operand gx);

    /**
     * x [N,C,H,W] → out INT32 [N,H,W]: per channel c, idx_c = clamp(floor((x − lo[c]) / (hi[c] − lo[c]) · bins[c]), 0, bins[c] − 1);
     * the joint index is row-major over channels (idx_0 · bins[1] + idx_1 for two channels).
     */
    void quantize(Operand x, float[] lo, float[] hi, int[] bins, Operand out);
}
