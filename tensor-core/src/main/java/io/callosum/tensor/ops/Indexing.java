package io.callosum.tensor.ops;

import io.callosum.tensor.Autograd;
import io.callosum.tensor.DType;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;

/** gather / indexSelect and their scatter-add backwards (each differentiable, so gradients of any order flow). */
public final class Indexing {
    private Indexing() {
    }

    /** {@link Tensor#gather}: checks the INT32 index's rank, sizes and range; the backward is a scatter-add. */
    public static Tensor gather(Tensor x, int dim, Tensor index) {
        Checks.sameDevice("gather", x, index);
        Checks.dtype("gather", "index", index, DType.INT32);
        int d = Shape.wrapDim("gather", dim, x.dim());
        if (index.dim() != x.dim()) {
            throw new IllegalArgumentException("gather: index " + Shape.str(index.shape()) + " must have the rank of input " + Shape.str(x.shape()));
        }
        for (int i = 0; i < x.dim(); i++) {
            if (i != d && index.size(i) > x.size(i)) {
                throw new IllegalArgumentException("gather: index " + Shape.str(index.shape()) + " is larger than input "
                        + Shape.str(x.shape()) + " in dimension " + i);
            }
        }
        Checks.indexRange("gather", "index", index, x.size(d), Integer.MIN_VALUE);
        Tensor xc = x.contiguous();
        Tensor ic = index.contiguous();
        Tensor out = Tensor.empty(x.device(), x.dtype(), index.shape());
        try (Grad.Guard ng = Grad.disabled()) {
            x.backend().gather(xc, d, ic, out);
        }
        int[] xs = x.shape();
        return Autograd.record("gather", out, g -> new Tensor[]{scatterAddInto(g, xs, d, ic), null}, xc, index);
    }

    /** Zeros of shape with src added at index along dim; its backward is a gather. */
    static Tensor scatterAddInto(Tensor src, int[] shape, int d, Tensor index) {
        Tensor out = Tensor.zeros(src.device(), src.dtype(), shape);
        Tensor sc = src.contiguous();
        src.backend().scatterAdd(sc, d, index, out);
        return Autograd.record("scatterAdd", out, g -> new Tensor[]{g.gather(d, index)}, src);
    }

    /** {@link Tensor#indexSelect}: checks the 1-D INT32 index's range; the backward is an index-add. */
    public static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        Checks.sameDevice("indexSelect", x, index);
        Checks.dtype("indexSelect", "index", index, DType.INT32);
        if (index.dim() != 1) throw new IllegalArgumentException("indexSelect: index must be 1-D, got " + Shape.str(index.shape()));
        int d = Shape.wrapDim("indexSelect", dim, x.dim());
        Checks.indexRange("indexSelect", "index", index, x.size(d), Integer.MIN_VALUE);
        int[] shape = x.shape();
        shape[d] = index.size(0);
        Tensor xc = x.contiguous();
        Tensor ic = index.contiguous();
        Tensor out = Tensor.empty(x.device(), x.dtype(), shape);
        x.backend().indexSelect(xc, d, ic, out);
        int[] xs = x.shape();
        return Autograd.record("indexSelect", out, g -> new Tensor[]{indexAddInto(g, xs, d, ic), null}, xc, index);
    }

    static Tensor indexAddInto(Tensor src, int[] shape, int d, Tensor index) {
        Tensor out = Tensor.zeros(src.device(), src.dtype(), shape);
        src.backend().indexAdd(src.contiguous(), d, index, out);
        return Autograd.record("indexAdd", out, g -> new Tensor[]{g.indexSelect(d, index)}, src);
    }
}
