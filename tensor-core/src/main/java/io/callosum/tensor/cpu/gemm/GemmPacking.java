package io.callosum.tensor.cpu.gemm;

import java.util.Arrays;

/**
 * Copies a block of an operand into the layout the micro-kernel streams through: consecutive panels of {@code width}
 * lines, each panel stored p-major ({@code dst[panel·width·kc + p·width + x]}), so the kernel reads one contiguous
 * run per step of the inner dimension. Lines past the operand's edge are zero-filled: the kernel always computes a
 * full tile, discards the rows and columns past C's edge, and zeros keep that wasted arithmetic cheap and finite.
 *
 * <p>Both operands go through the same routine. Element (x, p) of the block — x the line (a row of op(A) or a column
 * of op(B)), p the inner index — lives at {@code src[off + x·sx + p·sp]}; the four transpose cases differ only in
 * which of sx, sp is 1.
 */
final class GemmPacking {
    private GemmPacking() {
    }

    /**
     * Packs panels [firstPanel, endPanel) of the block at {@code off} — its lines [firstPanel·width,
     * min(endPanel·width, lines)) × inner [0, kc) — to their places in the block's panels at {@code dst[dstOff…]},
     * multiplying by {@code scale} (alpha folded into one operand costs nothing here). Disjoint panel ranges may
     * be packed concurrently.
     */
    static void pack(float[] src, int off, int sx, int sp, int lines, int kc, int width, float scale, float[] dst,
                     int dstOff, int firstPanel, int endPanel) {
        int x0 = firstPanel * width, count = Math.min(endPanel * width, lines) - x0, at = dstOff + x0 * kc;
        if (sx == 1) packAlongLines(src, off + x0, sp, count, kc, width, scale, dst, at);
        else packAlongInner(src, off + x0 * sx, sx, sp, count, kc, width, scale, dst, at);
    }

    /**
     * Lines are adjacent in memory: each inner index p is one contiguous run across all lines, read once from start
     * to end and dealt out to the panels {@code width} at a time.
     */
    private static void packAlongLines(float[] src, int off, int sp, int lines, int kc, int width, float scale,
                                       float[] dst, int at) {
        int fullPanels = lines / width, rest = lines - fullPanels * width, panelSize = width * kc;
        for (int p = 0; p < kc; p++) {
            int s = off + p * sp, d = at + p * width;
            for (int q = 0; q < fullPanels; q++, s += width, d += panelSize) copy(src, s, dst, d, width, scale);
            if (rest > 0) {
                copy(src, s, dst, d, rest, scale);
                Arrays.fill(dst, d + rest, d + width, 0f);
            }
        }
    }

    /** Each line is its own run in memory (stride sp, usually 1): read it along p, scatter with stride width. */
    private static void packAlongInner(float[] src, int off, int sx, int sp, int lines, int kc, int width,
                                       float scale, float[] dst, int at) {
        for (int x0 = 0, d = at; x0 < lines; x0 += width, d += width * kc) {
            int valid = Math.min(width, lines - x0);
            for (int x = 0; x < width; x++) {
                if (x < valid) {
                    int s = off + (x0 + x) * sx;
                    for (int p = 0, o = d + x; p < kc; p++, o += width) dst[o] = scale * src[s + p * sp];
                } else {
                    for (int p = 0, o = d + x; p < kc; p++, o += width) dst[o] = 0f;
                }
            }
        }
    }

    private static void copy(float[] src, int s, float[] dst, int d, int n, float scale) {
        if (scale == 1f) System.arraycopy(src, s, dst, d, n);
        else for (int i = 0; i < n; i++) dst[d + i] = scale * src[s + i];
    }
}
