package io.callosum.tensor.cpu.generic;

import io.callosum.tensor.cpu.memory.CpuStorage;
import io.callosum.tensor.cpu.runtime.StridedLoop;
import io.callosum.tensor.spi.Operand;
import io.callosum.tensor.spi.ReduceOp;

import java.util.Arrays;

import static io.callosum.tensor.cpu.memory.CpuMemory.cs;

/** Reductions, arg-extremes and top-k over any dtype, accumulating in double in one serial pass. */
public final class GenericReductions {
    private GenericReductions() {
    }

    /** {@link io.callosum.tensor.spi.ReductionKernels#reduce} for FLOAT64, accumulating in double. */
    public static void reduce(ReduceOp op, Operand x, int[] dims, Operand out) {
        if (op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN) {
            argExtreme(op == ReduceOp.ARGMAX, x, dims[0], out);
            return;
        }
        int[] shape = x.shape();
        int[] outStrides = out.strides();
        long count = 1;
        for (int d : dims) {
            outStrides[d] = 0;
            count *= shape[d];
        }
        double[] acc = new double[out.numel()];
        if (op == ReduceOp.MAX) Arrays.fill(acc, Double.NEGATIVE_INFINITY);
        if (op == ReduceOp.MIN) Arrays.fill(acc, Double.POSITIVE_INFINITY);
        CpuStorage src = cs(x);
        StridedLoop loop = StridedLoop.of(shape, x.strides(), outStrides);
        int sx = loop.innerStride(0), so = loop.innerStride(1);
        loop.forRange(0, loop.numel, new int[]{x.offset(), 0}, (offs, len) -> {
            for (int j = 0; j < len; j++) {
                double v = src.get(offs[0] + j * sx);
                int at = offs[1] + j * so;
                acc[at] = switch (op) {
                    case SUM, MEAN -> acc[at] + v;
                    case MAX -> acc[at] != acc[at] || v != v ? Double.NaN : Math.max(acc[at], v);
                    case MIN -> acc[at] != acc[at] || v != v ? Double.NaN : Math.min(acc[at], v);
                    default -> throw new IllegalStateException(op.name());
                };
            }
        });
        CpuStorage o = cs(out);
        int oo = out.offset();
        double inv = op == ReduceOp.MEAN ? 1.0 / count : 1.0;
        for (int j = 0; j < acc.length; j++) o.set(oo + j, op == ReduceOp.MEAN ? acc[j] * inv : acc[j]);
    }

    /** First index of the extreme along d; a NaN counts as the extreme (as in PyTorch). */
    private static void argExtreme(boolean max, Operand x, int d, Operand out) {
        int[] shape = x.shape();
        int n = shape[d];
        int sd = x.strides()[d];
        int[] kept = shape.clone();
        kept[d] = 1;
        int[] xs = x.strides();
        xs[d] = 0;
        CpuStorage a = cs(x), o = cs(out);
        StridedLoop loop = StridedLoop.of(kept, xs, out.strides());
        int sx = loop.innerStride(0), so = loop.innerStride(1);
        loop.forAll(new int[]{x.offset(), out.offset()}, 256, (offs, len) -> {
            for (int j = 0; j < len; j++) {
                int base = offs[0] + j * sx;
                int best = 0;
                double bv = a.get(base);
                for (int t = 1; t < n && bv == bv; t++) {
                    double v = a.get(base + t * sd);
                    if (v != v || (max ? v > bv : v < bv)) {
                        best = t;
                        bv = v;
                    }
                }
                o.set(offs[1] + j * so, best);
            }
        });
    }

    /** Per row of a contiguous [rows, n] x: the k largest (or smallest) values, sorted, ties by lower index; NaN is largest. */
    public static void topk(Operand x, int k, boolean largest, Operand values, Operand indices) {
        int rows = x.size(0), n = x.size(1);
        CpuStorage a = cs(x), v = cs(values), ix = cs(indices);
        int xo = x.offset(), vo = values.offset(), io = indices.offset();
        Integer[] order = new Integer[n];
        for (int r = 0; r < rows; r++) {
            int row = xo + r * n;
            for (int j = 0; j < n; j++) order[j] = j;
            Arrays.sort(order, (p, q) -> {
                int c = Double.compare(a.get(row + p) == 0 ? 0.0 : a.get(row + p), a.get(row + q) == 0 ? 0.0 : a.get(row + q));
                return largest ? -c : c; // Arrays.sort is stable: equal values keep the lower index first
            });
            for (int j = 0; j < k; j++) {
                ix.set(io + r * k + j, order[j]);
                v.set(vo + r * k + j, a.get(row + order[j]));
            }
        }
    }
}
