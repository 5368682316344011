package io.callosum.tensor.cpu.conv;

import io.callosum.tensor.cpu.conv.WinogradTransform.Coefficients;
import io.callosum.tensor.cpu.runtime.CpuFeatures;

/**
 * The one shape every Winograd transform has: out[i][j] = Σ_r Σ_s L[i][r]·L[j][s]·in[r][s] (out = L·in·Lᵀ), where
 * each in[r][s] and out[i][j] is a run of {@code len} contiguous floats — the channels of a pixel-major tile, or a
 * whole weight slice. Input tiles (L = Bᵀ), output tiles (Aᵀ), the filter (G) and the backward pass's adjoints
 * (A, Gᵀ) differ only in L and in the strides of in and out. Done as two one-sided passes through {@code tmp}
 * (L.rows × L.cols runs): each output run is a sum of the few non-zero terms of one row of L, summed in registers and
 * stored once.
 */
final class WinogradTiles {
    private WinogradTiles() {
    }

    /**
     * out[outOff + i·outRow + j·outCol + c] = Σ_r Σ_s L[i][r]·L[j][s]·in[inOff + r·inRow + s·inCol + c] for
     * i, j &lt; L.rows, r, s &lt; L.cols, c &lt; len; tmp holds at least L.rows·L.cols·len floats.
     */
    static void transform(Coefficients l, float[] in, int inOff, int inRow, int inCol, float[] out, int outOff,
                          int outRow, int outCol, int len, float[] tmp) {
        int rows = l.rows, cols = l.cols;
        for (int i = 0; i < rows; i++) {
            if (inCol == len) {
                // The runs of one input row are adjacent (a pixel-major tile row): one pass over all of them.
                combine(l.index[i], l.value[i], in, inOff, inRow, tmp, i * cols * len, cols * len);
                continue;
            }
            for (int s = 0; s < cols; s++) {
                combine(l.index[i], l.value[i], in, inOff + s * inCol, inRow, tmp, (i * cols + s) * len, len);
            }
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                combine(l.index[j], l.value[j], tmp, i * cols * len, len, out, outOff + i * outRow + j * outCol, len);
            }
        }
    }


    /** dst[d + c] = Σ_q val[q]·src[s0 + idx[q]·step + c] for c &lt; len (zero for an all-zero row). */
    static void combine(int[] idx, float[] val, float[] src, int s0, int step, float[] dst, int d, int len) {
        if (idx.length == 0) {
            java.util.Arrays.fill(dst, d, d + len, 0f);
            return;
        }
        int done = CpuFeatures.vectorized() ? WinogradVector.combine(idx, val, src, s0, step, dst, d, len) : 0;
        int terms = idx.length;
        for (int c = done; c < len; c++) {
            float acc = src[s0 + idx[0] * step + c] * val[0];
            for (int q = 1; q < terms; q++) acc += src[s0 + idx[q] * step + c] * val[q];
            dst[d + c] = acc;
        }
    }

    /**
     * y[yOff + ch·h·w + row·w + col] = buf[(row·wp + col)·channels + ch] (+ bias[bOff + ch]) for the h × w corner
     * of a pixel-major buffer wp pixels wide: an output image back to channel-major, cropped, with its bias. Eight
     * channels are read side by side, as {@link ConvPatches#toPixelMajor} writes them: one channel at a time read
     * each pixel from another cache line and ran 3× slower.
     */
    static void toChannelMajor(float[] buf, int wp, int channels, int h, int w, float[] bias, int bOff, float[] y,
                               int yOff) {
        int plane = h * w, ch = 0;
        for (; ch + 8 <= channels; ch += 8) {
            float b0 = biasOf(bias, bOff + ch), b1 = biasOf(bias, bOff + ch + 1), b2 = biasOf(bias, bOff + ch + 2);
            float b3 = biasOf(bias, bOff + ch + 3), b4 = biasOf(bias, bOff + ch + 4), b5 = biasOf(bias, bOff + ch + 5);
            float b6 = biasOf(bias, bOff + ch + 6), b7 = biasOf(bias, bOff + ch + 7);
            int d0 = yOff + ch * plane, d1 = d0 + plane, d2 = d1 + plane, d3 = d2 + plane;
            int d4 = d3 + plane, d5 = d4 + plane, d6 = d5 + plane, d7 = d6 + plane;
            for (int row = 0; row < h; row++) {
                for (int col = 0, s = row * wp * channels + ch, o = row * w; col < w; col++, s += channels, o++) {
                    y[d0 + o] = buf[s] + b0;
                    y[d1 + o] = buf[s + 1] + b1;
                    y[d2 + o] = buf[s + 2] + b2;
                    y[d3 + o] = buf[s + 3] + b3;
                    y[d4 + o] = buf[s + 4] + b4;
                    y[d5 + o] = buf[s + 5] + b5;
                    y[d6 + o] = buf[s + 6] + b6;
                    y[d7 + o] = buf[s + 7] + b7;
                }
            }
        }
        for (; ch < channels; ch++) {
            float b = biasOf(bias, bOff + ch);
            int dst = yOff + ch * plane;
            for (int row = 0; row < h; row++) {
                for (int col = 0, s = row * wp * channels + ch, o = dst + row * w; col < w; col++, s += channels) {
                    y[o + col] = buf[s] + b;
                }
            }
        }
    }

    private static float biasOf(float[] bias, int i) {
        return bias == null ? 0f : bias[i];
    }
}
