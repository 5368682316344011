package io.callosum.tensor.ops;

import io.callosum.tensor.Autograd;
import io.callosum.tensor.DType;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.spi.BinaryOp;
import io.callosum.tensor.spi.ReduceOp;

import java.util.Arrays;

/** Reductions over dimensions (with keepdim), arg-extremes and top-k. */
public final class Reductions {
    private Reductions() {
    }

    /** Sorted distinct dims; null or empty means all. */
    static int[] normalizeDims(String op, int[] dims, int rank) {
        if (dims == null || dims.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) all[i] = i;
            return all;
        }
        int[] d = new int[dims.length];
        for (int i = 0; i < dims.length; i++) d[i] = Shape.wrapDim(op, dims[i], rank);
        Arrays.sort(d);
        for (int i = 1; i < d.length; i++) {
            if (d[i] == d[i - 1]) throw new IllegalArgumentException(op + ": dimension " + d[i] + " listed twice in " + Shape.str(dims));
        }
        return d;
    }

    static int[] keptShape(int[] shape, int[] dims) {
        int[] k = shape.clone();
        for (int d : dims) k[d] = 1;
        return k;
    }

    static int[] squeezedShape(int[] shape, int[] dims) {
        int[] out = new int[shape.length - dims.length];
        int j = 0;
        outer:
        for (int i = 0; i < shape.length; i++) {
            for (int d : dims) if (d == i) continue outer;
            out[j++] = shape[i];
        }
        return out;
    }

    /** Raw reduction (no autodiff) producing the keepdim shape. */
    public static Tensor reduceRaw(String op, ReduceOp kind, Tensor x, int[] dims) {
        x.checkOpen(op);
        if (x.dim() == 0) {
            Tensor r = x.reshape(1);
            Tensor out = reduceRaw(op, kind, r, new int[]{0});
            return out.reshape();
        }
        boolean arg = kind == ReduceOp.ARGMAX || kind == ReduceOp.ARGMIN;
        // Integers compute in INT32; a mean is floating (FLOAT32 for integers); arg-extremes write INT32 indices.
        DType srcType = kind == ReduceOp.MEAN ? x.dtype().floating() : (x.dtype() == DType.UINT8 ? DType.INT32 : x.dtype());
        Tensor src = x.dtype() == srcType ? x : Shapes.castRaw(x, srcType);
        for (int d : dims) {
            if (x.size(d) == 0 && kind != ReduceOp.SUM && kind != ReduceOp.MEAN) {
                throw new IllegalArgumentException(op + ": cannot reduce over empty dimension " + d + " of " + Shape.str(x.shape()));
            }
        }
        Tensor out = Tensor.empty(x.device(), arg ? DType.INT32 : srcType, keptShape(x.shape(), dims));
        x.backend().reduce(kind, src, dims, out);
        if (src != x) src.close();
        return out;
    }

    private static Tensor finish(Tensor kept, int[] shape, int[] dims, boolean keepdim) {
        return keepdim ? kept : kept.reshape(squeezedShape(shape, dims));
    }

    /** Sum over dims (null or empty: all); integers sum in INT32; the gradient expands back. */
    public static Tensor sum(Tensor x, int[] dimsIn, boolean keepdim) {
        int[] dims = normalizeDims("sum", dimsIn, x.dim());
        int[] shape = x.shape();
        Tensor kept = reduceRaw("sum", ReduceOp.SUM, x, dims);
        Autograd.record("sum", kept, g -> new Tensor[]{g.expand(shape)}, x);
        return finish(kept, shape, dims, keepdim);
    }

    /** Mean over dims (null or empty: all) in x's floating dtype (FLOAT32 for integers). */
    public static Tensor mean(Tensor x, int[] dimsIn, boolean keepdim) {
        int[] dims = normalizeDims("mean", dimsIn, x.dim());
        int[] shape = x.shape();
        long count = 1;
        for (int d : dims) count *= shape.length == 0 ? 1 : shape[d];
        double inv = 1.0 / Math.max(count, 1);
        Tensor kept = reduceRaw("mean", ReduceOp.MEAN, x, dims);
        Autograd.record("mean", kept, g -> new Tensor[]{g.mul(inv).expand(shape)}, x);
        return finish(kept, shape, dims, keepdim);
    }

    /** Maximum over dims; the gradient is shared among the positions that attain it. */
    public static Tensor max(Tensor x, int[] dimsIn, boolean keepdim) {
        return extreme("max", ReduceOp.MAX, x, dimsIn, keepdim);
    }

    /** Minimum over dims; the gradient is shared among the positions that attain it. */
    public static Tensor min(Tensor x, int[] dimsIn, boolean keepdim) {
        return extreme("min", ReduceOp.MIN, x, dimsIn, keepdim);
    }

    /** The gradient is shared evenly among the positions that attain the extreme (PyTorch's amax/amin rule). */
    private static Tensor extreme(String name, ReduceOp kind, Tensor x, int[] dimsIn, boolean keepdim) {
        int[] dims = normalizeDims(name, dimsIn, x.dim());
        int[] shape = x.shape();
        Tensor kept = reduceRaw(name, kind, x, dims);
        Autograd.record(name, kept, g -> {
            Tensor mask = Elementwise.compare(BinaryOp.EQ, x, kept).to(g.dtype());
            Tensor count = sum(mask, dims, true);
            return new Tensor[]{g.div(count).mul(mask)};
        }, x);
        return finish(kept, shape, dims, keepdim);
    }

    /** Variance over dims, composed of mean, sub, square and sum (so autodiff gives its gradient). */
    public static Tensor var(Tensor x, int[] dimsIn, boolean unbiased, boolean keepdim) {
        int[] dims = normalizeDims("var", dimsIn, x.dim());
        long count = 1;
        for (int d : dims) count *= x.dim() == 0 ? 1 : x.size(d);
        long dof = unbiased ? count - 1 : count;
        if (dof <= 0) throw new IllegalArgumentException("var: needs more than " + (unbiased ? 1 : 0) + " element(s) per reduction, got " + count);
        Tensor centered = x.sub(mean(x, dims, true));
        return sum(centered.square(), dims, keepdim).div(dof);
    }

    /** INT32 index of the first maximum (max) or minimum along dim; not differentiable. */
    public static Tensor argExtreme(Tensor x, int dim, boolean keepdim, boolean max) {
        int d = Shape.wrapDim(max ? "argmax" : "argmin", dim, x.dim());
        Tensor kept = reduceRaw(max ? "argmax" : "argmin", max ? ReduceOp.ARGMAX : ReduceOp.ARGMIN, x, new int[]{d});
        return finish(kept, x.shape(), new int[]{d}, keepdim);
    }

    /** Values and first indices of the extremes along dim; the values are a gather at the indices, so gradients go there. */
    public static Tensor.ValuesIndices extremeWithIndices(Tensor x, int dim, boolean keepdim, boolean max) {
        int d = Shape.wrapDim(max ? "maxWithIndices" : "minWithIndices", dim, x.dim());
        Tensor indices = argExtreme(x, d, true, max);
        Tensor values = Indexing.gather(x, d, indices);
        if (keepdim) return new Tensor.ValuesIndices(values, indices);
        return new Tensor.ValuesIndices(values.squeeze(d), indices.squeeze(d));
    }

    /** {@link Tensor#topk}: k from 0 to the size of dim; the values are a gather, so gradients go to the selected positions. */
    public static Tensor.TopK topk(Tensor x, int k, int dim, boolean largest) {
        int d = Shape.wrapDim("topk", dim, x.dim());
        int n = x.dim() == 0 ? 1 : x.size(d);
        if (k < 0 || k > n) throw new IllegalArgumentException("topk: k=" + k + " is out of range for dimension " + d + " of size " + n);
        Tensor idx;
        try (Grad.Guard ng = Grad.disabled()) {
            Tensor moved = x.dim() == 0 ? x.reshape(1) : x.transpose(d, -1).contiguous();
            int[] ms = moved.shape();
            int rows = moved.numel() / Math.max(n, 1);
            DType type = x.dtype().floating();
            Tensor flat = Shapes.castRaw(moved.reshape(rows, n), type);
            Tensor values = Tensor.empty(x.device(), type, rows, k);
            Tensor indices = Tensor.empty(x.device(), DType.INT32, rows, k);
            x.backend().topk(flat, k, largest, values, indices);
            ms[ms.length - 1] = k;
            idx = indices.reshape(ms);
            if (x.dim() > 0) idx = idx.transpose(d, -1).contiguous();
            else idx = idx.reshape();
        }
        // Values through gather, so they carry gradients back to the selected positions.
        Tensor vals = x.dim() == 0 ? x : x.gather(d, idx);
        return new Tensor.TopK(vals, idx);
    }

    /** Sums g down to shape (the inverse of broadcasting): used by every broadcasting op's backward. */
    public static Tensor sumTo(Tensor g, int[] shape) {
        int[] gs = g.shape();
        if (Arrays.equals(gs, shape)) return g;
        int lead = gs.length - shape.length;
        if (lead < 0) throw new IllegalArgumentException("sumTo: cannot reduce " + Shape.str(gs) + " to a larger rank " + Shape.str(shape));
        int count = 0;
        int[] dims = new int[gs.length];
        for (int i = 0; i < gs.length; i++) {
            if (i < lead || (shape[i - lead] == 1 && gs[i] != 1)) dims[count++] = i;
            else if (shape[i - lead] != gs[i]) {
                throw new IllegalArgumentException("sumTo: " + Shape.str(gs) + " is not a broadcast of " + Shape.str(shape));
            }
        }
        Tensor s = count == 0 ? g : sum(g, Arrays.copyOf(dims, count), true);
        return s.reshape(shape);
    }
}
