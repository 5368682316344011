package io.callosum.tensor;

import io.callosum.tensor.ops.ColorOps;

/**
 * Colour ops on N×3×H×W (or 3×H×W) tensors: sRGB in [0,1] (D65, 2° observer) ↔ CIE Lab, and bin quantization.
 * The conversion uses the constants of {@link io.callosum.tensor.spi.LabConstants} and agrees with scikit-image's
 * rgb2lab.
 */
public final class Color {
    private Color() {
    }

    /** Lab range conventions used for targets: L in [0, 100], a and b in [−110, 110]. */
    public static final float L_MIN = 0f, L_MAX = 100f, AB_MIN = -110f, AB_MAX = 110f;

    /**
     * sRGB in [0, 1] to CIE Lab (L in [0, 100]), like skimage.color.rgb2lab; differentiable.
     *
     * @param rgb FLOAT32 [N, 3, H, W] or [3, H, W], channels R, G, B
     * @return a new tensor of rgb's shape, channels L, a, b
     */
    public static Tensor rgbToLab(Tensor rgb) {
        return ColorOps.rgbToLab(rgb);
    }

    /**
     * Lab at full resolution and its pool×pool block means, from {@link #rgbToLabPooled}.
     *
     * @param lab the Lab image, of the input's shape
     * @param pooled its pool×pool block means [N, 3, H/pool, W/pool] (or [3, H/pool, W/pool])
     */
    public record LabPooled(Tensor lab, Tensor pooled) {
    }

    /**
     * rgbToLab(rgb) and its means over non-overlapping pool×pool blocks (avgPool2d with kernel = stride = pool) in one
     * pass: rgb [N,3,H,W] or [3,H,W] with H and W multiples of pool; pooled is [N,3,H/pool,W/pool].
     *
     * @param rgb FLOAT32 sRGB in [0, 1], [N, 3, H, W] or [3, H, W]
     * @param pool the block size, dividing H and W
     * @return both results, differentiable
     */
    public static LabPooled rgbToLabPooled(Tensor rgb, int pool) {
        return ColorOps.rgbToLabPooled(rgb, pool);
    }

    /**
     * Inverse of rgbToLab, clipped to [0, 1].
     *
     * @param lab FLOAT32 [N, 3, H, W] or [3, H, W], channels L, a, b
     * @return sRGB in [0, 1], of lab's shape
     */
    public static Tensor labToRgb(Tensor lab) {
        return ColorOps.labToRgb(lab);
    }

    /**
     * Joint bin index per pixel, see {@link ColorOps#quantize}.
     *
     * @param x FLOAT32 [N, C, H, W]
     * @param lo per channel, the lower edge of the first bin
     * @param hi per channel, the upper edge of the last bin (above lo)
     * @param bins per channel, the number of equal-width bins (at least 1)
     * @return INT32 [N, H, W]: channel 0's bin is the most significant digit of the joint index
     */
    public static Tensor quantize(Tensor x, float[] lo, float[] hi, int[] bins) {
        return ColorOps.quantize(x, lo, hi, bins);
    }
}
