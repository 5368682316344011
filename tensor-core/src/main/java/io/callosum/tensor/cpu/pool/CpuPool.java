package io.callosum.tensor.cpu.pool;

import io.callosum.tensor.cpu.memory.CpuMemory;
import io.callosum.tensor.cpu.runtime.CpuFeatures;
import io.callosum.tensor.cpu.runtime.Parallel;
import io.callosum.tensor.spi.Operand;
import io.callosum.tensor.spi.Pool2dGeometry;

import java.util.Arrays;

import static io.callosum.tensor.cpu.memory.CpuMemory.f;
import static io.callosum.tensor.cpu.memory.CpuMemory.i;

/**
 * Window pooling (max, average, adaptive average) with PyTorch's semantics, planes of N·C split over threads. Every
 * backward first zeroes its gx planes and then scatters into them, so overlapping windows add up. Resampling
 * (nearest, bilinear) lives in {@link CpuResample}.
 */
public final class CpuPool {
    private CpuPool() {
    }

    /** Runs body over the planes [start, end) of an N×C stack, with enough planes per task to be worth a hand-off. */
    static void planes(int planes, int workPerPlane, Parallel.Range body) {
        Parallel.range(planes, Math.max(1, CpuMemory.GRAIN / Math.max(1, workPerPlane)), body);
    }

    // ------------------------------------------------------------------ max

    /**
     * Padding counts as −∞; NaN wins over any number (a later NaN over an earlier one), and the index starts at the
     * window's first in-bounds element, as in PyTorch. A window lying wholly in the padding (possible only with
     * dilation) gives −∞ and index −1, which the backward skips. On the Vector API path {@link PoolVector} does the
     * columns whose windows lie inside the input horizontally (column strides 1 and 2), or whole planes when output
     * rows are narrower than a vector and no window needs padding; the scalar cells do the rest.
     */
    public static void maxForward(Operand x, Operand out, Operand indices, Pool2dGeometry g) {
        float[] X = f(x), Y = f(out);
        int[] I = i(indices);
        int h = g.h(), w = g.w(), oh = g.outH(), ow = g.outW(), dh = g.dilationH();
        // Columns q whose window [q·sw − pw, … + (kw−1)·dw] lies inside [0, w).
        int qLo = Math.min(ow, (g.padW() + g.strideW() - 1) / g.strideW());
        int qHi = Math.max(qLo, Math.min(ow, Math.floorDiv(w - 1 - (g.kw() - 1) * g.dilationW() + g.padW(), g.strideW()) + 1));
        PoolVector.Columns cols = CpuFeatures.vectorized() ? PoolVector.Columns.of(g.strideW()) : null; // null: all scalar
        int[][] taps = cols == null ? null : windowTaps(g);
        PoolVector.Plane flat = CpuFeatures.vectorized() && ow < PoolVector.lanes() ? PoolVector.Plane.of(g) : null;
        planes(g.n() * g.c(), oh * ow * g.kh() * g.kw(), (s, e) -> {
            for (int pl = s; pl < e; pl++) {
                int xp = x.offset() + pl * h * w, yp = out.offset() + pl * oh * ow, ip = indices.offset() + pl * oh * ow;
                if (flat != null) {
                    PoolVector.maxPlane(X, xp, flat, Y, yp, I, ip);
                    continue;
                }
                for (int r = 0; r < oh; r++) {
                    int h0 = r * g.strideH() - g.padH(), hEnd = Math.min(h0 + (g.kh() - 1) * dh + 1, h);
                    while (h0 < 0) h0 += dh;
                    int yRow = yp + r * ow, iRow = ip + r * ow;
                    int done = taps == null || taps[r].length == 0 ? qLo
                            : PoolVector.maxRow(X, xp, taps[r], g.padW(), cols, qLo, qHi, Y, yRow, I, iRow);
                    maxCells(X, xp, g, h0, hEnd, 0, qLo, Y, yRow, I, iRow);
                    maxCells(X, xp, g, h0, hEnd, done, ow, Y, yRow, I, iRow);
                }
            }
        });
    }

    /**
     * Per output row, the offsets (from the window's first column) of the window's elements in rows inside the
     * input, row-major: the same for every plane and every column whose window lies inside horizontally.
     */
    private static int[][] windowTaps(Pool2dGeometry g) {
        int[][] taps = new int[g.outH()][];
        for (int r = 0; r < g.outH(); r++) {
            int h0 = r * g.strideH() - g.padH(), hEnd = Math.min(h0 + (g.kh() - 1) * g.dilationH() + 1, g.h());
            while (h0 < 0) h0 += g.dilationH();
            int rows = h0 < hEnd ? (hEnd - 1 - h0) / g.dilationH() + 1 : 0;
            taps[r] = new int[rows * g.kw()];
            for (int i = 0, t = 0; i < rows; i++) {
                for (int kx = 0; kx < g.kw(); kx++) taps[r][t++] = (h0 + i * g.dilationH()) * g.w() + kx * g.dilationW();
            }
        }
        return taps;
    }

    /** Output cells [q0, q1) of one row, window rows [h0, hEnd): a plain loop per window. */
    private static void maxCells(float[] X, int xp, Pool2dGeometry g, int h0, int hEnd, int q0, int q1,
                                 float[] Y, int yRow, int[] I, int iRow) {
        int w = g.w(), dh = g.dilationH(), dw = g.dilationW();
        for (int q = q0; q < q1; q++) {
            int w0 = q * g.strideW() - g.padW(), wEnd = Math.min(w0 + (g.kw() - 1) * dw + 1, w);
            while (w0 < 0) w0 += dw;
            float max = Float.NEGATIVE_INFINITY;
            int arg = h0 < hEnd && w0 < wEnd ? h0 * w + w0 : -1;
            for (int ih = h0; ih < hEnd; ih += dh) {
                for (int iw = w0; iw < wEnd; iw += dw) {
                    float v = X[xp + ih * w + iw];
                    if (v > max || v != v) {
                        max = v;
                        arg = ih * w + iw;
                    }
                }
            }
            Y[yRow + q] = max;
            I[iRow + q] = arg;
        }
    }

    /** Adds each output gradient to the input position recorded in indices, overwriting gx first. */
    public static void maxBackward(Operand gy, Operand indices, Operand gx, Pool2dGeometry g) {
        float[] GY = f(gy), GX = f(gx);
        int[] I = i(indices);
        int in = g.h() * g.w(), outPlane = g.outH() * g.outW();
        planes(g.n() * g.c(), in + outPlane, (s, e) -> {
            for (int pl = s; pl < e; pl++) {
                int xp = gx.offset() + pl * in, yp = gy.offset() + pl * outPlane, ip = indices.offset() + pl * outPlane;
                Arrays.fill(GX, xp, xp + in, 0f);
                for (int o = 0; o < outPlane; o++) {
                    int at = I[ip + o];
                    if (at >= 0) GX[xp + at] += GY[yp + o];
                }
            }
        });
    }

    // ------------------------------------------------------------------ average and adaptive average

    /**
     * Average pooling over rectangular windows: output (r, q) = scale[r·OW + q] · Σ x over rows [rowLo[r], rowHi[r])
     * × columns [colLo[q], colHi[q]) (bounds already clipped to the input). Both average poolings are this shape.
     */
    private record Boxes(int h, int w, int[] rowLo, int[] rowHi, int[] colLo, int[] colHi, float[] scale) {

        /**
         * PyTorch's avg_pool2d: a window is first clipped to the padded input (which matters in ceil mode); that
         * area is the divisor when padding counts, otherwise the area clipped to the input itself. A window
         * without input gives 0.
         */
        static Boxes avgPool(Pool2dGeometry g) {
            int oh = g.outH(), ow = g.outW();
            int[][] rows = avgWindows(oh, g.h(), g.kh(), g.strideH(), g.padH());
            int[][] cols = avgWindows(ow, g.w(), g.kw(), g.strideW(), g.padW());
            float[] scale = new float[oh * ow];
            for (int r = 0; r < oh; r++) {
                for (int q = 0; q < ow; q++) {
                    int inside = (rows[1][r] - rows[0][r]) * (cols[1][q] - cols[0][q]);
                    int divisor = g.countIncludePad() ? rows[2][r] * cols[2][q] : inside;
                    scale[r * ow + q] = rows[1][r] <= rows[0][r] || cols[1][q] <= cols[0][q] ? 0f : 1f / divisor;
                }
            }
            return new Boxes(g.h(), g.w(), rows[0], rows[1], cols[0], cols[1], scale);
        }

        /** {lo, hi} clipped to the input and the span clipped to input + padding, per output along one axis. */
        private static int[][] avgWindows(int out, int in, int k, int stride, int pad) {
            int[] lo = new int[out], hi = new int[out], span = new int[out];
            for (int o = 0; o < out; o++) {
                int start = o * stride - pad, end = Math.min(start + k, in + pad);
                span[o] = end - start;
                lo[o] = Math.max(start, 0);
                hi[o] = Math.min(end, in);
            }
            return new int[][]{lo, hi, span};
        }

        /** PyTorch's adaptive windows [floor(o·in/out), ceil((o+1)·in/out)), divided by their area. */
        static Boxes adaptive(int h, int w, int oh, int ow) {
            int[][] rows = adaptiveWindows(h, oh), cols = adaptiveWindows(w, ow);
            float[] scale = new float[oh * ow];
            for (int r = 0; r < oh; r++) {
                for (int q = 0; q < ow; q++) scale[r * ow + q] = 1f / ((rows[1][r] - rows[0][r]) * (cols[1][q] - cols[0][q]));
            }
            return new Boxes(h, w, rows[0], rows[1], cols[0], cols[1], scale);
        }

        private static int[][] adaptiveWindows(int in, int out) {
            int[] lo = new int[out], hi = new int[out];
            for (int o = 0; o < out; o++) {
                lo[o] = (int) ((long) o * in / out);
                hi[o] = (int) (((long) (o + 1) * in + out - 1) / out);
            }
            return new int[][]{lo, hi};
        }

        int outH() {
            return rowLo.length;
        }

        int outW() {
            return colLo.length;
        }

        /** Elements touched per plane (window reads plus the plane itself), for the parallel grain. */
        int work() {
            long rows = 0, cols = 0;
            for (int r = 0; r < outH(); r++) rows += rowHi[r] - rowLo[r];
            for (int q = 0; q < outW(); q++) cols += colHi[q] - colLo[q];
            return (int) Math.min(Integer.MAX_VALUE, rows * cols + (long) h * w);
        }

        void forward(Operand x, Operand out, int planes) {
            float[] X = f(x), Y = f(out);
            int oh = outH(), ow = outW();
            planes(planes, work(), (s, e) -> {
                for (int pl = s; pl < e; pl++) {
                    int xp = x.offset() + pl * h * w, yp = out.offset() + pl * oh * ow;
                    for (int r = 0; r < oh; r++) {
                        for (int q = 0; q < ow; q++) {
                            float sum = 0f;
                            for (int ih = rowLo[r]; ih < rowHi[r]; ih++) {
                                for (int iw = colLo[q], at = xp + ih * w; iw < colHi[q]; iw++) sum += X[at + iw];
                            }
                            Y[yp + r * ow + q] = sum * scale[r * ow + q];
                        }
                    }
                }
            });
        }

        void backward(Operand gy, Operand gx, int planes) {
            float[] GY = f(gy), GX = f(gx);
            int oh = outH(), ow = outW();
            planes(planes, work(), (s, e) -> {
                for (int pl = s; pl < e; pl++) {
                    int xp = gx.offset() + pl * h * w, yp = gy.offset() + pl * oh * ow;
                    Arrays.fill(GX, xp, xp + h * w, 0f);
                    for (int r = 0; r < oh; r++) {
                        for (int q = 0; q < ow; q++) {
                            float v = GY[yp + r * ow + q] * scale[r * ow + q];
                            for (int ih = rowLo[r]; ih < rowHi[r]; ih++) {
                                for (int iw = colLo[q], at = xp + ih * w; iw < colHi[q]; iw++) GX[at + iw] += v;
                            }
                        }
                    }
                }
            });
        }
    }

    /** Average pooling of contiguous [N, C, H, W], with the geometry's divisor rule. */
    public static void avgForward(Operand x, Operand out, Pool2dGeometry g) {
        Boxes.avgPool(g).forward(x, out, g.n() * g.c());
    }

    /** The input gradient of average pooling, overwriting gx. */
    public static void avgBackward(Operand gy, Operand gx, Pool2dGeometry g) {
        Boxes.avgPool(g).backward(gy, gx, g.n() * g.c());
    }

    /** Adaptive average pooling to out's height and width. */
    public static void adaptiveForward(Operand x, Operand out) {
        Boxes.adaptive(x.size(2), x.size(3), out.size(2), out.size(3)).forward(x, out, x.size(0) * x.size(1));
    }

    /** The input gradient of adaptive average pooling, overwriting gx. */
    public static void adaptiveBackward(Operand gy, Operand gx) {
        Boxes.adaptive(gx.size(2), gx.size(3), gy.size(2), gy.size(3)).backward(gy, gx, gx.size(0) * gx.size(1));
    }

    // ------------------------------------------------------------------ resampling (routed from the backend)

    /** Nearest-neighbour resize to out's size (see CpuResample). */
    public static void nearestForward(Operand x, Operand out) {
        CpuResample.nearestForward(x, out);
    }

    /** The input gradient of the nearest resize. */
    public static void nearestBackward(Operand gy, Operand gx) {
        CpuResample.nearestBackward(gy, gx);
    }

    /** Bilinear resize to out's size (see CpuResample). */
    public static void bilinearForward(Operand x, Operand out, boolean alignCorners) {
        CpuResample.bilinearForward(x, out, alignCorners);
    }

    /** The input gradient of the bilinear resize. */
    public static void bilinearBackward(Operand gy, Operand gx, boolean alignCorners) {
        CpuResample.bilinearBackward(gy, gx, alignCorners);
    }
}
