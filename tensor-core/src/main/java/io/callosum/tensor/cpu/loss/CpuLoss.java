package io.callosum.tensor.cpu.loss;

import io.callosum.tensor.cpu.memory.CpuMemory;
import io.callosum.tensor.cpu.runtime.CpuFeatures;
import io.callosum.tensor.cpu.runtime.Parallel;
import io.callosum.tensor.spi.Operand;

import java.util.Arrays;

import static io.callosum.tensor.cpu.memory.CpuMemory.f;
import static io.callosum.tensor.cpu.memory.CpuMemory.i;

/**
 * Softmax family over one dim of a contiguous tensor viewed as [outer, dim, inner], and negative log-likelihood over
 * [N, C, S]. Softmax work units are (outer index, block of inner positions): each reads the dim values of a block of
 * up to {@link #BLOCK} columns at once, so inner = 1 (the last dim) and inner &gt; 1 share one loop shape. On the
 * vector path {@link SoftmaxVector} takes a block's whole vectors of columns (inner ≥ 16: a segmentation map's pixels)
 * and the scalar loops, in double, the rest.
 */
public final class CpuLoss {
    private CpuLoss() {
    }

    private static final int BLOCK = 256;

    /** [outer, dim, inner] with the work split into outer × ceil(inner / BLOCK) units. */
    private record Lines(int outer, int dim, int inner) {
        static Lines of(Operand t, int d) {
            int[] shape = t.shape();
            int outer = 1, inner = 1;
            for (int k = 0; k < d; k++) outer *= shape[k];
            for (int k = d + 1; k < shape.length; k++) inner *= shape[k];
            return new Lines(outer, shape[d], inner);
        }

        int blocksPerOuter() {
            return (inner + BLOCK - 1) / BLOCK;
        }

        int units() {
            return dim == 0 ? 0 : outer * blocksPerOuter();
        }

        int grain() {
            return Math.max(1, CpuMemory.GRAIN / Math.max(1, dim * Math.min(inner, BLOCK)));
        }

        /** Runs body(base, len) for each unit in [u0, u1): base is the flat index of (o, 0, i0), len the block width. */
        void forUnits(int u0, int u1, UnitBody body) {
            int bpo = blocksPerOuter();
            for (int u = u0; u < u1; u++) {
                int o = u / bpo, i0 = (u - o * bpo) * BLOCK;
                body.run(o * dim * inner + i0, Math.min(BLOCK, inner - i0));
            }
        }
    }

    @FunctionalInterface
    private interface UnitBody {
        void run(int base, int len);
    }

    /** Softmax, or log-softmax when log is set, along dim, computed with the line maximum subtracted. */
    public static void softmaxForward(Operand x, Operand out, int dim, boolean log) {
        Lines l = Lines.of(x, dim);
        float[] xs = f(x), os = f(out);
        int xo = x.offset(), oo = out.offset(), in = l.inner(), n = l.dim();
        boolean vector = CpuFeatures.vectorized();
        Parallel.range(l.units(), l.grain(), (u0, u1) -> {
            double[] max = new double[BLOCK], sum = new double[BLOCK];
            l.forUnits(u0, u1, (base, len) -> {
                int from = vector ? SoftmaxVector.forward(xs, xo + base, os, oo + base, n, in, len, log) : 0;
                if (from < len) scalarForward(xs, xo + base, os, oo + base, n, in, from, len, log, max, sum);
            });
        });
    }

    /** Columns [from, len) of one block, in double: softmax or logSoftmax over the n rows (in apart). */
    private static void scalarForward(float[] xs, int x0, float[] os, int o0, int n, int in, int from, int len,
                                      boolean log, double[] max, double[] sum) {
        Arrays.fill(max, from, len, Double.NEGATIVE_INFINITY);
        Arrays.fill(sum, from, len, 0);
        for (int d = 0; d < n; d++) {
            int at = x0 + d * in;
            for (int j = from; j < len; j++) max[j] = Math.max(max[j], xs[at + j]);
        }
        // Pass 2 stores exp(x − max) for softmax (pass 3 rescales it); logSoftmax only needs the sums.
        for (int d = 0; d < n; d++) {
            int at = x0 + d * in, to = o0 + d * in;
            for (int j = from; j < len; j++) {
                double e = Math.exp(xs[at + j] - max[j]);
                sum[j] += e;
                if (!log) os[to + j] = (float) e;
            }
        }
        if (log) {
            for (int j = from; j < len; j++) max[j] += Math.log(sum[j]); // log-sum-exp
            for (int d = 0; d < n; d++) {
                int at = x0 + d * in, to = o0 + d * in;
                for (int j = from; j < len; j++) os[to + j] = (float) (xs[at + j] - max[j]);
            }
        } else {
            for (int j = from; j < len; j++) sum[j] = 1 / sum[j];
            for (int d = 0; d < n; d++) {
                int to = o0 + d * in;
                for (int j = from; j < len; j++) os[to + j] = (float) (os[to + j] * sum[j]);
            }
        }
    }

    /** The input gradient of (log-)softmax from its output y, overwriting gx. */
    public static void softmaxBackward(Operand gy, Operand y, Operand gx, int dim, boolean log) {
        Lines l = Lines.of(y, dim);
        float[] gs = f(gy), ys = f(y), gxs = f(gx);
        int go = gy.offset(), yo = y.offset(), gxo = gx.offset(), in = l.inner(), n = l.dim();
        boolean vector = CpuFeatures.vectorized();
        Parallel.range(l.units(), l.grain(), (u0, u1) -> {
            double[] dot = new double[BLOCK];
            l.forUnits(u0, u1, (base, len) -> {
                int from = vector ? SoftmaxVector.backward(gs, go + base, ys, yo + base, gxs, gxo + base, n, in, len, log) : 0;
                if (from < len) scalarBackward(gs, go + base, ys, yo + base, gxs, gxo + base, n, in, from, len, log, dot);
            });
        });
    }

    /** Columns [from, len) of one block: softmax's gx = y·(gy − Σ gy·y), logSoftmax's gx = gy − exp(y)·Σ gy. */
    private static void scalarBackward(float[] gs, int g0, float[] ys, int y0, float[] gxs, int gx0, int n, int in,
                                       int from, int len, boolean log, double[] dot) {
        Arrays.fill(dot, from, len, 0);
        for (int d = 0; d < n; d++) {
            int off = d * in;
            if (log) for (int j = from; j < len; j++) dot[j] += gs[g0 + off + j];
            else for (int j = from; j < len; j++) dot[j] += (double) gs[g0 + off + j] * ys[y0 + off + j];
        }
        for (int d = 0; d < n; d++) {
            int off = d * in;
            if (log) {
                for (int j = from; j < len; j++) gxs[gx0 + off + j] = (float) (gs[g0 + off + j] - Math.exp(ys[y0 + off + j]) * dot[j]);
            } else {
                for (int j = from; j < len; j++) gxs[gx0 + off + j] = (float) (ys[y0 + off + j] * (gs[g0 + off + j] - dot[j]));
            }
        }
    }

    /** Per-element −weight[t]·logp[t] at each target t, and that weight (0 where the target is ignoreIndex). */
    public static void nllForward(Operand logp, Operand target, Operand weight, int ignoreIndex, Operand loss, Operand lossWeight) {
        int n = logp.size(0), c = logp.size(1), s = logp.size(2);
        float[] lp = f(logp), ls = f(loss), lws = f(lossWeight);
        int[] ts = i(target);
        float[] ws = weight == null ? null : f(weight);
        int lpo = logp.offset(), to = target.offset(), lo = loss.offset(), lwo = lossWeight.offset(), wo = weight == null ? 0 : weight.offset();
        Parallel.range(n * s, CpuMemory.GRAIN, (p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                int t = ts[to + p];
                if (t == ignoreIndex) {
                    ls[lo + p] = 0;
                    lws[lwo + p] = 0;
                    continue;
                }
                int row = p / s, col = p - row * s;
                float w = ws == null ? 1f : ws[wo + t];
                ls[lo + p] = -w * lp[lpo + (row * c + t) * s + col];
                lws[lwo + p] = w;
            }
        });
    }

    /** The gradient of nllForward: −weight[t]·gloss at each target class, zero elsewhere, overwriting glogp. */
    public static void nllBackward(Operand gloss, Operand target, Operand weight, int ignoreIndex, Operand glogp) {
        int n = glogp.size(0), c = glogp.size(1), s = glogp.size(2);
        float[] gl = f(gloss), out = f(glogp);
        int[] ts = i(target);
        float[] ws = weight == null ? null : f(weight);
        int glo = gloss.offset(), to = target.offset(), oo = glogp.offset(), wo = weight == null ? 0 : weight.offset();
        Parallel.range(n, Math.max(1, CpuMemory.GRAIN / Math.max(1, c * s)), (r0, r1) -> {
            for (int row = r0; row < r1; row++) {
                int plane = oo + row * c * s;
                Arrays.fill(out, plane, plane + c * s, 0f);
                for (int col = 0; col < s; col++) {
                    int t = ts[to + row * s + col];
                    if (t == ignoreIndex) continue;
                    float w = ws == null ? 1f : ws[wo + t];
                    out[plane + t * s + col] = -w * gl[glo + row * s + col];
                }
            }
        });
    }
}
