package io.callosum.tensor.cpu.reduce;

import io.callosum.tensor.DType;
import io.callosum.tensor.cpu.memory.CpuMemory;
import io.callosum.tensor.cpu.runtime.CpuFeatures;
import io.callosum.tensor.cpu.runtime.Parallel;
import io.callosum.tensor.cpu.runtime.StridedLoop;
import io.callosum.tensor.spi.Operand;
import io.callosum.tensor.spi.ReduceOp;

import java.util.Arrays;

import static io.callosum.tensor.cpu.memory.CpuMemory.f;
import static io.callosum.tensor.cpu.memory.CpuMemory.i;

/**
 * Reductions by one pass over the input in its own order, accumulating into the output addressed with stride 0 on the
 * reduced dims (sums in double). Work is split over threads along output positions when there are enough of them.
 */
public final class CpuReductions {
    private CpuReductions() {
    }

    /** ReductionKernels.reduce on the CPU: op over dims of x into out, which has x's rank with the reduced dims of size 1. */
    public static void reduce(ReduceOp op, Operand x, int[] dims, Operand out) {
        if (op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN) {
            argExtreme(op == ReduceOp.ARGMAX, x, dims[0], out);
            return;
        }
        int[] shape = x.shape();
        int[] outStrides = out.strides();
        for (int d : dims) outStrides[d] = 0;
        int outN = out.numel();
        int count = 1;
        for (int d : dims) count *= shape[d];
        // Reorder so kept dims come first: threads then own disjoint output ranges.
        int r = shape.length;
        int[] order = new int[r];
        int k = 0;
        boolean[] red = new boolean[r];
        for (int d : dims) red[d] = true;
        for (int d = 0; d < r; d++) if (!red[d]) order[k++] = d;
        for (int d = 0; d < r; d++) if (red[d]) order[k++] = d;
        int[] ps = new int[r], pxs = new int[r], pos = new int[r];
        int[] xs = x.strides();
        for (int d = 0; d < r; d++) {
            ps[d] = shape[order[d]];
            pxs[d] = xs[order[d]];
            pos[d] = outStrides[order[d]];
        }
        int reducedCount = count;
        // When the reduced block is large and the kept positions few, scanning x in memory order is faster.
        boolean memoryOrder = outN < Parallel.threads() * 2 && reducedCount > 1;
        if (x.dtype() == DType.FLOAT32) {
            double[] acc = new double[outN];
            float[] src = f(x);
            boolean vector = CpuFeatures.vectorized();
            if (op == ReduceOp.MAX) Arrays.fill(acc, Double.NEGATIVE_INFINITY);
            if (op == ReduceOp.MIN) Arrays.fill(acc, Double.POSITIVE_INFINITY);
            if (memoryOrder) {
                StridedLoop loop = StridedLoop.of(shape, xs, outStrides);
                int sx = loop.innerStride(0), so = loop.innerStride(1);
                loop.forRange(0, loop.numel, new int[]{x.offset(), 0}, (offs, len) -> accumulate(op, vector, src, offs[0], sx, acc, offs[1], so, len));
            } else {
                StridedLoop loop = StridedLoop.of(ps, pxs, pos);
                int sx = loop.innerStride(0), so = loop.innerStride(1);
                Parallel.range(outN, Math.max(1, CpuMemory.GRAIN / Math.max(1, reducedCount)), (s, e) ->
                        loop.forRange(s * reducedCount, e * reducedCount, new int[]{x.offset(), 0},
                                (offs, len) -> accumulate(op, vector, src, offs[0], sx, acc, offs[1], so, len)));
            }
            float[] o = f(out);
            int oo = out.offset();
            double inv = op == ReduceOp.MEAN ? 1.0 / count : 1.0;
            for (int j = 0; j < outN; j++) o[oo + j] = (float) (acc[j] * inv);
        } else if (x.dtype() == DType.INT32) {
            long[] acc = new long[outN];
            int[] src = i(x);
            if (op == ReduceOp.MAX) Arrays.fill(acc, Long.MIN_VALUE);
            if (op == ReduceOp.MIN) Arrays.fill(acc, Long.MAX_VALUE);
            StridedLoop loop = StridedLoop.of(shape, xs, outStrides);
            int sx = loop.innerStride(0), so = loop.innerStride(1);
            loop.forRange(0, loop.numel, new int[]{x.offset(), 0}, (offs, len) -> {
                for (int j = 0; j < len; j++) {
                    long v = src[offs[0] + j * sx];
                    int at = offs[1] + j * so;
                    acc[at] = switch (op) {
                        case SUM, MEAN -> acc[at] + v;
                        case MAX -> Math.max(acc[at], v);
                        case MIN -> Math.min(acc[at], v);
                        default -> throw new IllegalStateException();
                    };
                }
            });
            int[] o = i(out);
            int oo = out.offset();
            for (int j = 0; j < outN; j++) o[oo + j] = (int) acc[j];
        } else {
            throw new IllegalArgumentException(op + ": reduces float32 or int32, got " + x.dtype());
        }
    }

    /** Folds one row of x into acc; a contiguous row summed into one output goes through the Vector API sum. */
    private static void accumulate(ReduceOp op, boolean vector, float[] src, int xo, int sx, double[] acc, int ao, int sa, int len) {
        switch (op) {
            case SUM, MEAN -> {
                if (sa == 0 && sx == 1 && vector) {
                    acc[ao] += ReduceVector.sum(src, xo, len);
                } else if (sa == 0) {
                    double s = 0;
                    for (int j = 0; j < len; j++) s += src[xo + j * sx];
                    acc[ao] += s;
                } else {
                    for (int j = 0; j < len; j++) acc[ao + j * sa] += src[xo + j * sx];
                }
            }
            case MAX -> {
                for (int j = 0; j < len; j++) {
                    float v = src[xo + j * sx];
                    int at = ao + j * sa;
                    if (v > acc[at] || v != v) acc[at] = v;
                    else if (acc[at] != acc[at]) acc[at] = Double.NaN;
                }
            }
            case MIN -> {
                for (int j = 0; j < len; j++) {
                    float v = src[xo + j * sx];
                    int at = ao + j * sa;
                    if (v < acc[at] || v != v) acc[at] = v;
                    else if (acc[at] != acc[at]) acc[at] = Double.NaN;
                }
            }
            default -> throw new IllegalStateException(op.name());
        }
    }

    private static void argExtreme(boolean max, Operand x, int d, Operand out) {
        int[] shape = x.shape();
        int n = shape[d];
        int sd = x.strides()[d];
        int[] kept = shape.clone();
        kept[d] = 1;
        int[] xs = x.strides();
        xs[d] = 0;
        int[] o = i(out);
        StridedLoop loop = StridedLoop.of(kept, xs, out.strides());
        int sx = loop.innerStride(0);
        if (x.dtype() == DType.FLOAT32) {
            float[] a = f(x);
            loop.forAll(new int[]{x.offset(), out.offset()}, 256, (offs, len) -> {
                for (int j = 0; j < len; j++) {
                    int base = offs[0] + j * sx;
                    int best = 0;
                    float bv = a[base];
                    for (int t = 1; t < n && bv == bv; t++) {
                        float v = a[base + t * sd];
                        if (v != v || (max ? v > bv : v < bv)) {
                            best = t;
                            bv = v;
                        }
                    }
                    o[offs[1] + j] = best;
                }
            });
        } else {
            int[] a = i(x);
            loop.forAll(new int[]{x.offset(), out.offset()}, 256, (offs, len) -> {
                for (int j = 0; j < len; j++) {
                    int base = offs[0] + j * sx;
                    int best = 0;
                    int bv = a[base];
                    for (int t = 1; t < n; t++) {
                        int v = a[base + t * sd];
                        if (max ? v > bv : v < bv) {
                            best = t;
                            bv = v;
                        }
                    }
                    o[offs[1] + j] = best;
                }
            });
        }
    }

    /** Sorts (value, index) pairs packed into longs: order-preserving float bits above, index below. */
    public static void topk(Operand x, int k, boolean largest, Operand values, Operand indices) {
        int rows = x.size(0), n = x.size(1);
        float[] a = f(x);
        float[] v = f(values);
        int[] ix = i(indices);
        int xo = x.offset(), vo = values.offset(), io = indices.offset();
        Parallel.range(rows, Math.max(1, 4096 / Math.max(n, 1)), (s, e) -> {
            long[] keys = new long[n];
            for (int r = s; r < e; r++) {
                for (int j = 0; j < n; j++) {
                    float val = a[xo + r * n + j];
                    int bits = Float.isNaN(val) ? 0x7fc00000 : Float.floatToIntBits(val == 0f ? 0f : val);
                    int key = bits ^ ((bits >> 31) & 0x7fffffff); // signed-int order == float order
                    if (largest) key = ~key;
                    keys[j] = ((long) key << 32) | j;
                }
                Arrays.sort(keys);
                for (int j = 0; j < k; j++) {
                    int idx = (int) (keys[j] & 0xffffffffL);
                    ix[io + r * k + j] = idx;
                    v[vo + r * k + j] = a[xo + r * n + idx];
                }
            }
        });
    }
}
