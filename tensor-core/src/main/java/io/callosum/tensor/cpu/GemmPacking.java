package io.callosum.tensor.cpu;

import java.util.Arrays;

/**
 * Copies a block of an operand into the layout the micro-kernel streams through: consecutive panels of {@code width}
 * lines, each panel stored p-major ({@code dst[panel·width·kc + p·width + x]}), so the kernel reads one contiguous
 * run per step of the inner dimension. Lines past the operand's edge are zero-filled: the kernel always computes a
 * full tile and the zeros contribute nothing.
 *
 * <p>Both operands go through the same routine. Element (x, p) of the block — x the line (a row of op(A) or a column
 * of op(B)), p the inner index — lives at {@code src[off + x·sx + p·sp]}; the four transpose cases differ only in
 * which of sx, sp is 1.
 */
final class GemmPacking {
    private GemmPacking() {
    }

    /**
     * Packs lines [0, lines) × inner [0, kc) of the block at {@code off} into {@code ceil(lines / width)} panels at
     * {@code dst[0…]}, multiplying by {@code scale} (alpha folded into one operand costs nothing here).
     */
    static void pack(float[] src, int off, int sx, int sp, int lines, int kc, int width, float scale, float[] dst) {
        for (int x0 = 0, d = 0; x0 < lines; x0 += width, d += width * kc) {
            int valid = Math.min(width, lines - x0);
            int base = off + x0 * sx;
            if (sx == 1) packAlongLines(src, base, sp, valid, kc, width, scale, dst, d);
            else packAlongInner(src, base, sx, sp, valid, kc, width, scale, dst, d);
        }
    }

    /** Lines are adjacent in memory: each inner step is one contiguous run of {@code valid} elements. */
    private static void packAlongLines(float[] src, int base, int sp, int valid, int kc, int width, float scale,
                                       float[] dst, int d) {
        for (int p = 0; p < kc; p++, d += width) {
            int s = base + p * sp;
            if (scale == 1f) System.arraycopy(src, s, dst, d, valid);
            else for (int x = 0; x < valid; x++) dst[d + x] = scale * src[s + x];
            if (valid < width) Arrays.fill(dst, d + valid, d + width, 0f);
        }
    }

    /** Each line is its own run in memory (stride sp, usually 1): read it along p, scatter with stride width. */
    private static void packAlongInner(float[] src, int base, int sx, int sp, int valid, int kc, int width,
                                       float scale, float[] dst, int d) {
        for (int x = 0; x < valid; x++) {
            int s = base + x * sx;
            for (int p = 0, o = d + x; p < kc; p++, o += width) dst[o] = scale * src[s + p * sp];
        }
        for (int x = valid; x < width; x++) {
            for (int p = 0, o = d + x; p < kc; p++, o += width) dst[o] = 0f;
        }
    }
}
