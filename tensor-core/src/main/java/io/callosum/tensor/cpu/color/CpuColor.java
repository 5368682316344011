package io.callosum.tensor.cpu.color;

import io.callosum.tensor.cpu.runtime.CpuFeatures;
import io.callosum.tensor.cpu.runtime.Parallel;
import io.callosum.tensor.spi.Operand;

import static io.callosum.tensor.cpu.memory.CpuMemory.f;
import static io.callosum.tensor.cpu.memory.CpuMemory.i;

/**
 * Colour conversion and quantization over contiguous N×C×H×W tensors, in parallel over pixels. A pixel q of the
 * flattened N·H·W positions has its channel k at {@code (q / plane)·C·plane + q % plane + k·plane}. The per-pixel
 * maths is in {@link ColorMath}, in double, results stored as float; rgbToLab runs vectorised in float
 * ({@link ColorVector}) unless the scalar path is in effect.
 */
public final class CpuColor {
    private CpuColor() {
    }

    static final int PIXEL_GRAIN = 1 << 12;

    /** The per-thread inner loops of colour conversion; one implementation per CPU path. */
    interface LabRun {
        /** Converts n contiguous pixels from the r, g, b planes of src to the L, a, b planes of dst. */
        public void rgbToLab(float[] src, int r, int g, int b, float[] dst, int l, int a, int bb, int n);

        /** columns[k] = Σ_{i < rows} src[at + i·w + k] for k < w. */
        void sumRows(float[] src, int at, int w, int rows, float[] columns);
    }

    /** The inner loops of the CPU path in effect, for one thread (the vectorised ones own scratch buffers). */
    static LabRun labRun() {
        return CpuFeatures.vectorized() ? new ColorVector() : new ScalarRun();
    }

    /** The double reference, pixel by pixel. */
    private static final class ScalarRun implements LabRun {
        private final double[] lab = new double[3];

        @Override
        public void rgbToLab(float[] src, int r, int g, int b, float[] dst, int l, int a, int bb, int n) {
            for (int i = 0; i < n; i++) {
                ColorMath.rgbToLab(src[r + i], src[g + i], src[b + i], lab);
                dst[l + i] = (float) lab[0];
                dst[a + i] = (float) lab[1];
                dst[bb + i] = (float) lab[2];
            }
        }

        @Override
        public void sumRows(float[] src, int at, int w, int rows, float[] columns) {
            for (int k = 0; k < w; k++) {
                float sum = 0;
                for (int i = 0; i < rows; i++) sum += src[at + i * w + k];
                columns[k] = sum;
            }
        }
    }

    /** Per-pixel body: reads three channels at {@code in} (and of gy at {@code gyAt}), writes three into out. */
    @FunctionalInterface
    private interface PixelMap {
        void apply(double c0, double c1, double c2, double g0, double g1, double g2, double[] out);
    }

    /** ColorKernels.rgbToLab on the CPU: contiguous sRGB [N, 3, H, W] to Lab, pixel runs split over threads. */
    public static void rgbToLab(Operand x, Operand out) {
        int plane = x.size(2) * x.size(3), pixels = x.size(0) * plane;
        float[] xs = f(x), os = f(out);
        int xo = x.offset(), oo = out.offset();
        Parallel.range(pixels, PIXEL_GRAIN, (q0, q1) -> {
            LabRun run = labRun();
            for (int q = q0; q < q1; ) { // one run per image the range touches
                int n = q / plane, p = q - n * plane, len = Math.min(q1 - q, plane - p), at = n * 3 * plane + p;
                run.rgbToLab(xs, xo + at, xo + at + plane, xo + at + 2 * plane, os, oo + at, oo + at + plane, oo + at + 2 * plane, len);
                q += len;
            }
        });
    }

    /** The input gradient of rgbToLab: per pixel, gy times the conversion's Jacobian at x. */
    public static void rgbToLabBackward(Operand gy, Operand x, Operand gx) {
        mapPixels(x, gy, gx, false, ColorMath::rgbToLabVjp);
    }

    /** ColorKernels.labToRgb on the CPU: Lab [N, 3, H, W] to sRGB, clipped to [0, 1]. */
    public static void labToRgb(Operand x, Operand out) {
        mapPixels(x, null, out, true, (l, a, b, u0, u1, u2, o) -> ColorMath.labToRgbUnclipped(l, a, b, o));
    }

    /** The input gradient of labToRgb: per pixel, gy times the conversion's Jacobian at x. */
    public static void labToRgbBackward(Operand gy, Operand x, Operand gx) {
        mapPixels(x, gy, gx, false, ColorMath::labToRgbVjp);
    }

    /** Applies fn to every pixel of the 3-channel x (with gy's pixel when gy is non-null), optionally clipping to [0, 1]. */
    private static void mapPixels(Operand x, Operand gy, Operand out, boolean clip, PixelMap fn) {
        int plane = x.size(2) * x.size(3), pixels = x.size(0) * plane;
        float[] xs = f(x), os = f(out), gs = gy == null ? null : f(gy);
        int xo = x.offset(), oo = out.offset(), go = gy == null ? 0 : gy.offset();
        Parallel.range(pixels, PIXEL_GRAIN, (q0, q1) -> {
            double[] res = new double[3];
            for (int q = q0; q < q1; q++) {
                int n = q / plane, at = n * 3 * plane + (q - n * plane);
                int a1 = at + plane, a2 = at + 2 * plane;
                if (gs == null) fn.apply(xs[xo + at], xs[xo + a1], xs[xo + a2], 0, 0, 0, res);
                else fn.apply(xs[xo + at], xs[xo + a1], xs[xo + a2], gs[go + at], gs[go + a1], gs[go + a2], res);
                if (clip) for (int k = 0; k < 3; k++) res[k] = Math.min(1, Math.max(0, res[k]));
                os[oo + at] = (float) res[0];
                os[oo + a1] = (float) res[1];
                os[oo + a2] = (float) res[2];
            }
        });
    }

    /**
     * Joint bin index per pixel, row-major over channels; bin edges computed as (x − lo)·bins / (hi − lo) so that a
     * value on an edge lands exactly in the upper bin. Out-of-range values (and ±∞) go to the edge bins; NaN to bin 0.
     */
    public static void quantize(Operand x, float[] lo, float[] hi, int[] bins, Operand out) {
        int channels = x.size(1), plane = x.size(2) * x.size(3), pixels = x.size(0) * plane;
        float[] xs = f(x);
        int[] os = i(out);
        int xo = x.offset(), oo = out.offset();
        Parallel.range(pixels, PIXEL_GRAIN, (q0, q1) -> {
            for (int q = q0; q < q1; q++) {
                int n = q / plane, at = xo + n * channels * plane + (q - n * plane);
                int joint = 0;
                for (int c = 0; c < channels; c++) {
                    double pos = ((double) xs[at + c * plane] - lo[c]) * bins[c] / ((double) hi[c] - lo[c]);
                    int idx = pos >= bins[c] ? bins[c] - 1 : pos > 0 ? (int) pos : 0; // (int) truncates = floor for pos > 0
                    joint = joint * bins[c] + idx;
                }
                os[oo + q] = joint;
            }
        });
    }
}
