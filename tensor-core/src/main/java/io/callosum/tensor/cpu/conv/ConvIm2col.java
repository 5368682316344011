package io.callosum.tensor.cpu.conv;

import io.callosum.tensor.spi.Conv2dGeometry;

import java.util.Arrays;

/**
 * The column matrix of one image and one channel group: row (c·KH + i)·KW + j, column oh·OW + ow holds the input
 * pixel that kernel tap (i, j) of channel c sees at output position (oh, ow), or 0 where that tap lies in the padding.
 * With it a convolution is one GEMM; {@link #col2im} is its transpose (the input-gradient side).
 * <p>
 * For each tap the output positions whose input lies inside the image form one contiguous range per axis
 * ({@link #firstValid}/{@link #endValid}), so the inner loops copy spans without per-pixel bounds tests.
 */
final class ConvIm2col {
    private ConvIm2col() {
    }

    /** First output index o with 0 ≤ o·stride + offset, clamped to [0, out]. */
    static int firstValid(int offset, int stride, int out) {
        return offset >= 0 ? 0 : Math.min(out, (-offset + stride - 1) / stride);
    }

    /** One past the last output index o with o·stride + offset < in, clamped to [0, out]. */
    static int endValid(int offset, int stride, int in, int out) {
        int last = in - 1 - offset;
        return last < 0 ? 0 : Math.min(out, last / stride + 1);
    }

    /**
     * Writes the (channels·KH·KW) × (OH·OW) column matrix of {@code channels} consecutive input planes starting at
     * x[xOff] into col[0 ..]. Every element is written (padding taps as 0), so col may hold stale data.
     */
    static void im2col(float[] x, int xOff, int channels, Conv2dGeometry g, float[] col) {
        int h = g.h(), w = g.w(), oh = g.outH(), ow = g.outW(), sh = g.strideH(), sw = g.strideW();
        int plane = oh * ow, row = 0;
        for (int c = 0; c < channels; c++) {
            int xc = xOff + c * h * w;
            for (int i = 0; i < g.kh(); i++) {
                int offH = i * g.dilationH() - g.padH();
                int ohLo = firstValid(offH, sh, oh), ohHi = Math.max(ohLo, endValid(offH, sh, h, oh));
                for (int j = 0; j < g.kw(); j++, row++) {
                    int offW = j * g.dilationW() - g.padW();
                    int owLo = firstValid(offW, sw, ow), owHi = Math.max(owLo, endValid(offW, sw, w, ow));
                    int dst = row * plane;
                    if (sh == 1 && sw == 1 && ow == w) {
                        shiftedPlane(x, xc + offH * w + offW, col, dst, ohLo, ohHi, owLo, owHi, ow, plane);
                        continue;
                    }
                    Arrays.fill(col, dst, dst + ohLo * ow, 0f);
                    for (int r = ohLo; r < ohHi; r++) {
                        int d = dst + r * ow;
                        int src = xc + (r * sh + offH) * w + offW;
                        Arrays.fill(col, d, d + owLo, 0f);
                        if (sw == 1) {
                            System.arraycopy(x, src + owLo, col, d + owLo, owHi - owLo);
                        } else {
                            for (int q = owLo; q < owHi; q++) col[d + q] = x[src + q * sw];
                        }
                        Arrays.fill(col, d + owHi, d + ow, 0f);
                    }
                    Arrays.fill(col, dst + ohHi * ow, dst + plane, 0f);
                }
            }
        }
    }

    /**
     * One row of a stride-1 column matrix whose output rows are as wide as the input's ("same" padding): the tap's
     * valid pixels, rows [ohLo, ohHi) × columns [owLo, owHi), lie at the same distances in x as in col, so they go over
     * in one copy from the first valid pixel to the last — at 12×12 that replaces a dozen 10-element copies and two
     * dozen fills per row — and the few border columns the copy carried over from neighbouring rows are then
     * zeroed. {@code src} is where pixel (0, 0) of the tap would be, which may lie outside x; only valid pixels are
     * read.
     */
    private static void shiftedPlane(float[] x, int src, float[] col, int dst, int ohLo, int ohHi, int owLo,
                                     int owHi, int ow, int plane) {
        if (ohLo >= ohHi || owLo >= owHi) {
            Arrays.fill(col, dst, dst + plane, 0f);
            return;
        }
        int lo = ohLo * ow + owLo, hi = (ohHi - 1) * ow + owHi;
        Arrays.fill(col, dst, dst + lo, 0f);
        System.arraycopy(x, src + lo, col, dst + lo, hi - lo);
        Arrays.fill(col, dst + hi, dst + plane, 0f);
        for (int r = ohLo; r < ohHi; r++) {
            int at = dst + r * ow;
            if (r > ohLo) for (int q = 0; q < owLo; q++) col[at + q] = 0f;
            if (r < ohHi - 1) for (int q = owHi; q < ow; q++) col[at + q] = 0f;
        }
    }

    /**
     * The transpose of {@link #im2col}: adds each column-matrix element into the input pixel it was read from
     * (padding taps are dropped). Accumulates into gx, so the caller zeroes the planes first.
     */
    static void col2im(float[] col, int channels, Conv2dGeometry g, float[] gx, int gxOff) {
        int h = g.h(), w = g.w(), oh = g.outH(), ow = g.outW(), sh = g.strideH(), sw = g.strideW();
        int plane = oh * ow, row = 0;
        for (int c = 0; c < channels; c++) {
            int xc = gxOff + c * h * w;
            for (int i = 0; i < g.kh(); i++) {
                int offH = i * g.dilationH() - g.padH();
                int ohLo = firstValid(offH, sh, oh), ohHi = endValid(offH, sh, h, oh);
                for (int j = 0; j < g.kw(); j++, row++) {
                    int offW = j * g.dilationW() - g.padW();
                    int owLo = firstValid(offW, sw, ow), owHi = endValid(offW, sw, w, ow);
                    int src = row * plane;
                    for (int r = ohLo; r < ohHi; r++) {
                        int s = src + r * ow;
                        int dst = xc + (r * sh + offH) * w + offW;
                        if (sw == 1) {
                            for (int q = owLo; q < owHi; q++) gx[dst + q] += col[s + q];
                        } else {
                            for (int q = owLo; q < owHi; q++) gx[dst + q * sw] += col[s + q];
                        }
                    }
                }
            }
        }
    }
}
