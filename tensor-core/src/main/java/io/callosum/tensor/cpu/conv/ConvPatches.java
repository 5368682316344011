package io.callosum.tensor.cpu.conv;

import io.callosum.tensor.spi.Conv2dGeometry;

import java.util.Arrays;

/**
 * The patch matrix of one image and channel group with the taps outermost: row p = oh·OW + ow holds, for each kernel
 * tap t = i·KW + j in turn, the cinG channel values that tap sees at output position p (zeros in the padding), so
 * column t·cinG + c. Built from the image transposed to pixel-major (channels innermost, {@link #toPixelMajor}), every
 * tap of every row is one contiguous copy of cinG floats.
 * <p>
 * This is the operand the weight gradient wants: gW = gy · patches reads it in place as the B of the GEMM, where the
 * channel-major column matrix of {@link ConvIm2col} would have to be transposed into packed panels first — a strided
 * scatter of every element that cost as much as the column matrix itself. The price is that gW comes out with the
 * taps outermost, (co, t, c), and is put back in (co, c, t) order once per call.
 */
final class ConvPatches {
    private ConvPatches() {
    }

    /** Below this many channels per group the per-tap copies are too short to beat im2col plus a packing copy. */
    static final int MIN_CHANNELS = 16;

    /**
     * xt[pixel·channels + c] = x[xOff + c·plane + pixel]: an image (or any channel-major block) to pixel-major.
     */
    static void toPixelMajor(float[] x, int xOff, int channels, int plane, float[] xt) {
        toPixelMajor(x, xOff, channels, 1, plane, 0, 0, 1, plane, xt);
    }

    /**
     * An h × w image placed at (top, left) in an hp × wp pixel-major buffer, zeros around it:
     * xt[((row + top)·wp + col + left)·channels + c] = x[xOff + c·h·w + row·w + col]. Eight channel planes are read
     * side by side so that each pixel's eight values are written together.
     */
    static void toPixelMajor(float[] x, int xOff, int channels, int h, int w, int top, int left, int hp, int wp,
                             float[] xt) {
        int plane = h * w, line = wp * channels;
        Arrays.fill(xt, 0, top * line, 0f);
        Arrays.fill(xt, (top + h) * line, hp * line, 0f);
        for (int row = 0; row < h; row++) {
            int start = (row + top) * line;
            Arrays.fill(xt, start, start + left * channels, 0f);
            Arrays.fill(xt, start + (left + w) * channels, start + line, 0f);
        }
        int c = 0;
        for (; c + 8 <= channels; c += 8) {
            int s0 = xOff + c * plane, s1 = s0 + plane, s2 = s1 + plane, s3 = s2 + plane;
            int s4 = s3 + plane, s5 = s4 + plane, s6 = s5 + plane, s7 = s6 + plane;
            for (int row = 0; row < h; row++) {
                for (int col = 0, p = row * w, o = ((row + top) * wp + left) * channels + c; col < w;
                     col++, p++, o += channels) {
                    xt[o] = x[s0 + p];
                    xt[o + 1] = x[s1 + p];
                    xt[o + 2] = x[s2 + p];
                    xt[o + 3] = x[s3 + p];
                    xt[o + 4] = x[s4 + p];
                    xt[o + 5] = x[s5 + p];
                    xt[o + 6] = x[s6 + p];
                    xt[o + 7] = x[s7 + p];
                }
            }
        }
        for (; c < channels; c++) {
            int s = xOff + c * plane;
            for (int row = 0; row < h; row++) {
                for (int col = 0, p = row * w, o = ((row + top) * wp + left) * channels + c; col < w;
                     col++, p++, o += channels) {
                    xt[o] = x[s + p];
                }
            }
        }
    }

    /**
     * Writes the (OH·OW) × (KH·KW·cinG) tap-major patch matrix of channels [c0, c0 + cinG) of a pixel-major image
     * with {@code channels} channels in all. Every element is written.
     */
    static void patches(float[] xt, int channels, int c0, int cinG, Conv2dGeometry g, float[] rows) {
        int h = g.h(), w = g.w(), ow = g.outW(), kh = g.kh(), kw = g.kw();
        int k = kh * kw * cinG, d = 0;
        for (int r = 0; r < g.outH(); r++) {
            int y0 = r * g.strideH() - g.padH();
            for (int q = 0; q < ow; q++) {
                int x0 = q * g.strideW() - g.padW();
                for (int i = 0; i < kh; i++) {
                    int y = y0 + i * g.dilationH();
                    boolean rowInside = y >= 0 && y < h;
                    for (int j = 0; j < kw; j++, d += cinG) {
                        int xx = x0 + j * g.dilationW();
                        if (rowInside && xx >= 0 && xx < w) {
                            System.arraycopy(xt, (y * w + xx) * channels + c0, rows, d, cinG);
                        } else {
                            Arrays.fill(rows, d, d + cinG, 0f);
                        }
                    }
                }
            }
        }
        assert d == g.outH() * ow * k;
    }

    /**
     * gw[co][c][t] (+)= tapMajor[co][t][c] for one group's coutG rows: the weight-gradient layout restored.
     * {@code accumulate} adds instead of overwriting.
     */
    static void toChannelMajor(float[] tapMajor, int from, float[] gw, int gwOff, int rows, int taps, int cinG,
                               boolean accumulate) {
        int k = taps * cinG;
        for (int co = 0; co < rows; co++) {
            int s = from + co * k, o = gwOff + co * k;
            for (int t = 0; t < taps; t++) {
                for (int c = 0, si = s + t * cinG, oi = o + t; c < cinG; c++, si++, oi += taps) {
                    if (accumulate) gw[oi] += tapMajor[si];
                    else gw[oi] = tapMajor[si];
                }
            }
        }
    }
}
