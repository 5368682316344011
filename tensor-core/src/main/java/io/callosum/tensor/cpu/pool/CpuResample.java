package io.callosum.tensor.cpu.pool;

import io.callosum.tensor.spi.Operand;

import java.util.Arrays;

import static io.callosum.tensor.cpu.memory.CpuMemory.f;

/**
 * Nearest and bilinear resampling with PyTorch's source-index rules. Both are separable: each output row and column
 * reads from source indices computed once per axis, and each backward scatters gy back along the same indices
 * into zeroed gx planes.
 */
final class CpuResample {
    private CpuResample() {
    }

    /**
     * PyTorch's 'nearest' (nearest_idx): source index min(floor(o · scale), in − 1) with scale = in / out and the
     * product rounded in float, as PyTorch computes it; exact integer arithmetic picks other rows at some sizes (6 → 74).
     */
    private static int[] nearestIndices(int in, int out) {
        float scale = (float) in / out;
        int[] src = new int[out];
        for (int o = 0; o < out; o++) src[o] = (int) Math.min(in - 1, (long) Math.floor((float) o * scale));
        return src;
    }

    static void nearestForward(Operand x, Operand out) {
        float[] X = f(x), Y = f(out);
        int h = x.size(2), w = x.size(3), oh = out.size(2), ow = out.size(3);
        int[] rows = nearestIndices(h, oh), cols = nearestIndices(w, ow);
        CpuPool.planes(x.size(0) * x.size(1), oh * ow, (s, e) -> {
            for (int pl = s; pl < e; pl++) {
                int xp = x.offset() + pl * h * w, yp = out.offset() + pl * oh * ow;
                for (int r = 0; r < oh; r++) {
                    int src = xp + rows[r] * w, dst = yp + r * ow;
                    for (int q = 0; q < ow; q++) Y[dst + q] = X[src + cols[q]];
                }
            }
        });
    }

    static void nearestBackward(Operand gy, Operand gx) {
        float[] GY = f(gy), GX = f(gx);
        int h = gx.size(2), w = gx.size(3), oh = gy.size(2), ow = gy.size(3);
        int[] rows = nearestIndices(h, oh), cols = nearestIndices(w, ow);
        CpuPool.planes(gx.size(0) * gx.size(1), oh * ow + h * w, (s, e) -> {
            for (int pl = s; pl < e; pl++) {
                int xp = gx.offset() + pl * h * w, yp = gy.offset() + pl * oh * ow;
                Arrays.fill(GX, xp, xp + h * w, 0f);
                for (int r = 0; r < oh; r++) {
                    int dst = xp + rows[r] * w, src = yp + r * ow;
                    for (int q = 0; q < ow; q++) GX[dst + cols[q]] += GY[src + q];
                }
            }
        });
    }

    /** Per output index along one axis: the two source indices and their weights (w0 + w1 = 1). */
    private record Linear(int[] i0, int[] i1, float[] w0, float[] w1) {
        /**
         * PyTorch's area_pixel_compute_source_index: align_corners maps the corner pixel centres onto each other
         * (scale (in−1)/(out−1), 0 for a single output); otherwise pixel areas are aligned (scale in/out, half-pixel
         * offsets) and negative source coordinates are clamped to 0.
         */
        static Linear of(int in, int out, boolean alignCorners) {
            int[] i0 = new int[out], i1 = new int[out];
            float[] w0 = new float[out], w1 = new float[out];
            double scale = alignCorners ? (out > 1 ? (in - 1.0) / (out - 1.0) : 0.0) : (double) in / out;
            for (int o = 0; o < out; o++) {
                double src = alignCorners ? scale * o : Math.max(0.0, scale * (o + 0.5) - 0.5);
                int lo = Math.min((int) src, in - 1);
                float frac = (float) Math.min(1.0, Math.max(0.0, src - lo));
                i0[o] = lo;
                i1[o] = lo < in - 1 ? lo + 1 : lo;
                w1[o] = frac;
                w0[o] = 1f - frac;
            }
            return new Linear(i0, i1, w0, w1);
        }
    }

    static void bilinearForward(Operand x, Operand out, boolean alignCorners) {
        float[] X = f(x), Y = f(out);
        int h = x.size(2), w = x.size(3), oh = out.size(2), ow = out.size(3);
        Linear rows = Linear.of(h, oh, alignCorners), cols = Linear.of(w, ow, alignCorners);
        CpuPool.planes(x.size(0) * x.size(1), 4 * oh * ow, (s, e) -> {
            for (int pl = s; pl < e; pl++) {
                int xp = x.offset() + pl * h * w, yp = out.offset() + pl * oh * ow;
                for (int r = 0; r < oh; r++) {
                    int top = xp + rows.i0[r] * w, bottom = xp + rows.i1[r] * w, dst = yp + r * ow;
                    float wt = rows.w0[r], wb = rows.w1[r];
                    for (int q = 0; q < ow; q++) {
                        int c0 = cols.i0[q], c1 = cols.i1[q];
                        float wl = cols.w0[q], wr = cols.w1[q];
                        Y[dst + q] = wt * (wl * X[top + c0] + wr * X[top + c1]) + wb * (wl * X[bottom + c0] + wr * X[bottom + c1]);
                    }
                }
            }
        });
    }

    static void bilinearBackward(Operand gy, Operand gx, boolean alignCorners) {
        float[] GY = f(gy), GX = f(gx);
        int h = gx.size(2), w = gx.size(3), oh = gy.size(2), ow = gy.size(3);
        Linear rows = Linear.of(h, oh, alignCorners), cols = Linear.of(w, ow, alignCorners);
        CpuPool.planes(gx.size(0) * gx.size(1), 4 * oh * ow + h * w, (s, e) -> {
            for (int pl = s; pl < e; pl++) {
                int xp = gx.offset() + pl * h * w, yp = gy.offset() + pl * oh * ow;
                Arrays.fill(GX, xp, xp + h * w, 0f);
                for (int r = 0; r < oh; r++) {
                    int top = xp + rows.i0[r] * w, bottom = xp + rows.i1[r] * w, src = yp + r * ow;
                    float wt = rows.w0[r], wb = rows.w1[r];
                    for (int q = 0; q < ow; q++) {
                        int c0 = cols.i0[q], c1 = cols.i1[q];
                        float wl = cols.w0[q], wr = cols.w1[q], g = GY[src + q];
                        GX[top + c0] += wt * wl * g;
                        GX[top + c1] += wt * wr * g;
                        GX[bottom + c0] += wb * wl * g;
                        GX[bottom + c1] += wb * wr * g;
                    }
                }
            }
        });
    }
}
