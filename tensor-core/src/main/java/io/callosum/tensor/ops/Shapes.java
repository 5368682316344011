package io.callosum.tensor.ops;

import io.callosum.tensor.Autograd;
import io.callosum.tensor.Backends;
import io.callosum.tensor.DType;
import io.callosum.tensor.Device;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.internal.TensorInternals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.callosum.tensor.Autograd.needs;

/** Views (reshape, transpose, permute, narrow, expand, squeeze…), copies (contiguous, cat, stack, pad, flip) and moves. */
public final class Shapes {
    private Shapes() {
    }

    // ------------------------------------------------------------------ raw helpers

    /** A broadcast view of t with the given shape (no autodiff); t itself when the shape already matches. */
    public static Tensor expandRaw(Tensor t, int[] shape) {
        int[] ts = t.shape();
        if (Arrays.equals(ts, shape)) return t;
        int lead = shape.length - ts.length;
        if (lead < 0) throw new IllegalArgumentException("expand: cannot expand " + Shape.str(ts) + " to fewer dimensions " + Shape.str(shape));
        int[] st = new int[shape.length];
        int[] tst = t.strides();
        for (int i = 0; i < shape.length; i++) {
            if (i < lead) {
                st[i] = 0;
                continue;
            }
            int d = ts[i - lead];
            if (d == shape[i]) st[i] = tst[i - lead];
            else if (d == 1) st[i] = 0;
            else throw new IllegalArgumentException("expand: dimension " + i + " of " + Shape.str(ts) + " is " + d
                        + ", not 1, so it cannot be expanded to " + Shape.str(shape));
        }
        return TensorInternals.view(t, shape, st, t.offset());
    }

    /** A contiguous copy converted to another dtype (no autodiff). */
    public static Tensor castRaw(Tensor t, DType type) {
        Tensor out = Tensor.empty(t.device(), type, t.shape());
        t.backend().copy(t, out);
        return out;
    }

    private static Tensor contiguousRaw(Tensor t) {
        if (t.isContiguous()) return t;
        return castRaw(t, t.dtype());
    }

    // ------------------------------------------------------------------ copies and moves

    /** t if contiguous, else a recorded copy. */
    public static Tensor contiguous(Tensor t) {
        t.checkOpen("contiguous");
        if (t.isContiguous()) return t;
        return copy(t);
    }

    /** A contiguous copy; the gradient passes through unchanged. */
    public static Tensor copy(Tensor t) {
        t.checkOpen("copy");
        Tensor out = castRaw(t, t.dtype());
        return Autograd.record("copy", out, g -> new Tensor[]{g}, t);
    }

    /** t converted to type (t itself if already); only float-to-float conversions are recorded. */
    public static Tensor toDType(Tensor t, DType type) {
        t.checkOpen("to");
        if (t.dtype() == type) return t;
        Backends.forDType("to", t.device(), type);
        Tensor out = castRaw(t, type);
        if (type.isFloating() && t.dtype().isFloating()) return Autograd.record("to", out, g -> new Tensor[]{g.to(t.dtype())}, t);
        return out;
    }

    /** t copied to another device through host arrays (t itself if already there); the gradient moves back. */
    public static Tensor toDevice(Tensor t, Device target) {
        t.checkOpen("to");
        if (t.device().equals(target)) return t;
        Backends.forDType("to", target, t.dtype());
        Tensor src = contiguousRaw(t);
        Tensor out = switch (t.dtype()) {
            case FLOAT32 -> TensorInternals.wrap(Backends.get(target).fromFloats(src.backend().toFloatArray(src)), t.shape());
            case FLOAT64 -> TensorInternals.wrap(Backends.get(target).fromDoubles(src.backend().toDoubleArray(src)), t.shape());
            case INT32 -> TensorInternals.wrap(Backends.get(target).fromInts(src.backend().toIntArray(src)), t.shape());
            case UINT8 -> TensorInternals.wrap(Backends.get(target).fromBytes(src.backend().toByteArray(src)), t.shape());
        };
        Device from = t.device();
        return Autograd.record("to", out, g -> new Tensor[]{g.to(from)}, t);
    }

    // ------------------------------------------------------------------ views

    static int[] inferShape(String op, int[] shape, int numel) {
        int[] s = shape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException(op + ": only one dimension can be -1, got " + Shape.str(shape));
                infer = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException(op + ": invalid dimension " + s[i] + " in " + Shape.str(shape));
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException(op + ": cannot infer -1 in " + Shape.str(shape) + " for " + numel + " elements");
            }
            s[infer] = (int) (numel / known);
        } else if (known != numel) {
            throw new IllegalArgumentException(op + ": shape " + Shape.str(shape) + " (" + known + " elements) does not match " + numel + " elements");
        }
        return s;
    }

    /** {@link Tensor#reshape}: a view of t, or of a contiguous copy when t is strided; one -1 is inferred. */
    public static Tensor reshape(Tensor t, int[] shape) {
        t.checkOpen("reshape");
        int[] s = inferShape("reshape", shape, t.numel());
        if (Arrays.equals(s, t.shape())) return t;
        Tensor src = t.isContiguous() ? t : contiguous(t);
        Tensor out = TensorInternals.view(src, s, Shape.contiguousStrides(s), src.offset());
        int[] old = t.shape();
        return Autograd.record("reshape", out, g -> new Tensor[]{g.reshape(old)}, src);
    }

    /** {@link Tensor#view}: reshape that refuses a non-contiguous t rather than copy. */
    public static Tensor view(Tensor t, int[] shape) {
        t.checkOpen("view");
        if (!t.isContiguous()) {
            throw new IllegalStateException("view: tensor " + Shape.str(t.shape()) + " with strides " + Shape.str(t.strides())
                    + " is not contiguous; use reshape() (which copies) or contiguous() first");
        }
        return reshape(t, shape);
    }

    /** Merges dims start..end (inclusive) into one; a scalar becomes [1]. */
    public static Tensor flatten(Tensor t, int start, int end) {
        int r = t.dim();
        if (r == 0) return t.reshape(1);
        int s = Shape.wrapDim("flatten", start, r), e = Shape.wrapDim("flatten", end, r);
        if (s > e) throw new IllegalArgumentException("flatten: start dim " + start + " comes after end dim " + end);
        int[] shape = t.shape();
        int[] out = new int[r - (e - s)];
        int k = 0;
        for (int i = 0; i < s; i++) out[k++] = shape[i];
        int prod = 1;
        for (int i = s; i <= e; i++) prod *= shape[i];
        out[k++] = prod;
        for (int i = e + 1; i < r; i++) out[k++] = shape[i];
        return t.reshape(out);
    }

    /** Swaps two dims, as a permute. */
    public static Tensor transpose(Tensor t, int d0, int d1) {
        int r = t.dim();
        int a = Shape.wrapDim("transpose", d0, r), b = Shape.wrapDim("transpose", d1, r);
        int[] order = new int[r];
        for (int i = 0; i < r; i++) order[i] = i;
        order[a] = b;
        order[b] = a;
        return permute(t, order);
    }

    /** Reorders dims as a view; the gradient is permuted back by the inverse order. */
    public static Tensor permute(Tensor t, int[] order) {
        t.checkOpen("permute");
        int r = t.dim();
        if (order.length != r) throw new IllegalArgumentException("permute: order " + Shape.str(order) + " has " + order.length + " entries for a tensor of rank " + r);
        int[] shape = t.shape(), st = t.strides();
        int[] ns = new int[r], nst = new int[r], inverse = new int[r];
        boolean[] seen = new boolean[r];
        for (int i = 0; i < r; i++) {
            int d = Shape.wrapDim("permute", order[i], r);
            if (seen[d]) throw new IllegalArgumentException("permute: dimension " + d + " repeated in " + Shape.str(order));
            seen[d] = true;
            ns[i] = shape[d];
            nst[i] = st[d];
            inverse[d] = i;
        }
        Tensor out = TensorInternals.view(t, ns, nst, t.offset());
        return Autograd.record("permute", out, g -> new Tensor[]{g.permute(inverse)}, t);
    }

    /** length elements from start along dim, as a slice with step 1. */
    public static Tensor narrow(Tensor t, int dim, int start, int length) {
        return slice(t, dim, start, start + length, 1);
    }

    /** {@link Tensor#slice}: a strided view; the gradient is written into zeros of t's shape. */
    public static Tensor slice(Tensor t, int dim, int start, int end, int step) {
        t.checkOpen("slice");
        int d = Shape.wrapDim("slice", dim, t.dim());
        int size = t.size(d);
        if (step < 1) throw new IllegalArgumentException("slice: step must be >= 1, got " + step);
        if (start < 0 || end > size || start > end) {
            throw new IllegalArgumentException("slice: range [" + start + ", " + end + ") is outside dimension " + d + " of size " + size
                    + " in " + Shape.str(t.shape()));
        }
        int[] shape = t.shape(), st = t.strides();
        shape[d] = (end - start + step - 1) / step;
        int offset = t.offset() + (shape[d] == 0 ? 0 : start * st[d]);
        st[d] *= step;
        Tensor out = TensorInternals.view(t, shape, st, offset);
        int[] full = t.shape();
        return Autograd.record("slice", out, g -> new Tensor[]{sliceBackward(g, full, d, start, step)}, t);
    }

    /** Zeros of the full shape with g written into the sliced positions; differentiable (its backward slices again). */
    private static Tensor sliceBackward(Tensor g, int[] full, int d, int start, int step) {
        Tensor out = Tensor.zeros(g.device(), g.dtype(), full);
        int end = start + (g.size(d) - 1) * step + 1;
        try (Grad.Guard ng = Grad.disabled(); Tensor region = out.slice(d, start, Math.max(end, start), step)) {
            g.backend().copy(g, region);
        }
        return Autograd.record("sliceBackward", out, gg -> new Tensor[]{gg.slice(d, start, Math.max(end, start), step)}, g);
    }

    /** {@link Tensor#select}: narrow to one element along dim, then squeeze it. */
    public static Tensor select(Tensor t, int dim, int index) {
        int d = Shape.wrapDim("select", dim, t.dim());
        int size = t.size(d);
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IllegalArgumentException("select: index " + index + " out of range for dimension " + d + " of size " + size);
        }
        return t.narrow(d, i, 1).squeeze(d);
    }

    /** {@link Tensor#expand}: a stride-0 view; the gradient is summed back to t's shape. */
    public static Tensor expand(Tensor t, int[] sizes) {
        t.checkOpen("expand");
        int[] ts = t.shape();
        int[] target = sizes.clone();
        int lead = target.length - ts.length;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1) {
                if (i < lead) throw new IllegalArgumentException("expand: -1 is not allowed for new leading dimension " + i);
                target[i] = ts[i - lead];
            }
        }
        Tensor out = expandRaw(t, target);
        if (out == t) return t;
        return Autograd.record("expand", out, g -> new Tensor[]{Reductions.sumTo(g, ts)}, t);
    }

    /** Removes size-1 dims: all of them when dim is null, else dim if its size is 1. */
    public static Tensor squeeze(Tensor t, Integer dim) {
        int[] s = t.shape();
        List<Integer> keep = new ArrayList<>();
        if (dim == null) {
            for (int i = 0; i < s.length; i++) if (s[i] != 1) keep.add(i);
        } else {
            int d = Shape.wrapDim("squeeze", dim, s.length);
            for (int i = 0; i < s.length; i++) if (i != d || s[i] != 1) keep.add(i);
        }
        if (keep.size() == s.length) return t;
        int[] ns = new int[keep.size()], nst = new int[keep.size()];
        int[] st = t.strides();
        for (int i = 0; i < ns.length; i++) {
            ns[i] = s[keep.get(i)];
            nst[i] = st[keep.get(i)];
        }
        Tensor out = TensorInternals.view(t, ns, nst, t.offset());
        return Autograd.record("squeeze", out, g -> new Tensor[]{g.reshape(s)}, t);
    }

    /** Inserts a size-1 dim at position dim of the result. */
    public static Tensor unsqueeze(Tensor t, int dim) {
        int r = t.dim();
        if (dim < -(r + 1) || dim > r) throw new IllegalArgumentException("unsqueeze: dimension " + dim + " out of range for rank " + r);
        int d = dim < 0 ? dim + r + 1 : dim;
        int[] s = t.shape(), st = t.strides();
        int[] ns = new int[r + 1], nst = new int[r + 1];
        for (int i = 0, j = 0; i <= r; i++) {
            if (i == d) {
                ns[i] = 1;
                nst[i] = j < r ? st[j] * s[j] : 1;
            } else {
                ns[i] = s[j];
                nst[i] = st[j];
                j++;
            }
        }
        Tensor out = TensorInternals.view(t, ns, nst, t.offset());
        return Autograd.record("unsqueeze", out, g -> new Tensor[]{g.reshape(s)}, t);
    }

    /** Views of size elements along dim (the last may be shorter). */
    public static List<Tensor> split(Tensor t, int size, int dim) {
        if (size < 1) throw new IllegalArgumentException("split: size must be >= 1, got " + size);
        int d = Shape.wrapDim("split", dim, t.dim());
        List<Tensor> parts = new ArrayList<>();
        for (int start = 0; start < t.size(d); start += size) parts.add(t.narrow(d, start, Math.min(size, t.size(d) - start)));
        return parts;
    }

    /** At most chunks views of ceil(size / chunks) elements along dim, as torch.chunk. */
    public static List<Tensor> chunk(Tensor t, int chunks, int dim) {
        if (chunks < 1) throw new IllegalArgumentException("chunk: chunks must be >= 1, got " + chunks);
        int d = Shape.wrapDim("chunk", dim, t.dim());
        return split(t, Math.max(1, (t.size(d) + chunks - 1) / chunks), d);
    }

    // ------------------------------------------------------------------ building new tensors

    /** {@link Tensor#cat(List, int)}: copies into one new tensor; each input's gradient is its narrow of the output's. */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("cat: needs at least one tensor");
        Tensor first = tensors.get(0);
        int r = first.dim();
        if (r == 0) throw new IllegalArgumentException("cat: zero-dimensional tensors cannot be concatenated; use stack");
        int d = Shape.wrapDim("cat", dim, r);
        int[] shape = first.shape();
        int total = 0;
        DType type = first.dtype();
        for (Tensor t : tensors) {
            t.checkOpen("cat");
            Checks.sameDevice("cat", first, t);
            int[] s = t.shape();
            if (s.length != r) throw new IllegalArgumentException("cat: tensors must have the same rank, got " + Shape.str(shape) + " and " + Shape.str(s));
            for (int i = 0; i < r; i++) {
                if (i != d && s[i] != shape[i]) {
                    throw new IllegalArgumentException("cat: shapes " + Shape.str(shape) + " and " + Shape.str(s)
                            + " differ in dimension " + i + " (only dimension " + d + " may differ)");
                }
            }
            if (t.dtype() != type) type = DType.promote(type, t.dtype()); // mixed dtypes concatenate in the promoted type, as in PyTorch
            total += s[d];
        }
        shape[d] = total;
        Tensor out = Tensor.empty(first.device(), type, shape);
        int[] sizes = new int[tensors.size()];
        try (Grad.Guard ng = Grad.disabled()) {
            int at = 0;
            for (int i = 0; i < sizes.length; i++) {
                Tensor t = tensors.get(i);
                sizes[i] = t.size(d);
                try (Tensor region = out.narrow(d, at, sizes[i])) {
                    out.backend().copy(t, region);
                }
                at += sizes[i];
            }
        }
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        return Autograd.record("cat", out, g -> {
            Tensor[] gs = new Tensor[inputs.length];
            int at = 0;
            for (int i = 0; i < inputs.length; i++) {
                if (needs(inputs[i])) gs[i] = g.narrow(d, at, sizes[i]);
                at += sizes[i];
            }
            return gs;
        }, inputs);
    }

    /** {@link Tensor#stack(List, int)}: unsqueeze each at dim, then cat. */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("stack: needs at least one tensor");
        int r = tensors.get(0).dim();
        int d = dim < 0 ? dim + r + 1 : dim;
        if (d < 0 || d > r) throw new IllegalArgumentException("stack: dimension " + dim + " out of range for rank " + r);
        for (Tensor t : tensors) {
            if (!Arrays.equals(t.shape(), tensors.get(0).shape())) {
                throw new IllegalArgumentException("stack: all tensors must have the same shape, got " + Shape.str(tensors.get(0).shape())
                        + " and " + Shape.str(t.shape()));
            }
        }
        List<Tensor> parts = new ArrayList<>();
        for (Tensor t : tensors) parts.add(t.unsqueeze(d));
        return cat(parts, d);
    }

    /** {@link Tensor#pad}: constant padding of the trailing dims; the gradient is the unpadded region. */
    public static Tensor pad(Tensor t, int[] pads, double value) {
        t.checkOpen("pad");
        if (pads.length % 2 != 0 || pads.length / 2 > t.dim()) {
            throw new IllegalArgumentException("pad: expects pairs (before, after) for up to " + t.dim() + " trailing dimensions, got "
                    + Shape.str(pads));
        }
        int[] shape = t.shape();
        int r = shape.length;
        for (int i = 0; i < pads.length / 2; i++) {
            int d = r - 1 - i;
            if (pads[2 * i] < 0 || pads[2 * i + 1] < 0) throw new IllegalArgumentException("pad: negative padding " + Shape.str(pads) + " is not supported");
            shape[d] += pads[2 * i] + pads[2 * i + 1];
        }
        Tensor out = Tensor.full(t.device(), t.dtype(), value, shape);
        int[] orig = t.shape();
        try (Grad.Guard ng = Grad.disabled()) {
            Tensor region = out;
            for (int i = 0; i < pads.length / 2; i++) region = region.narrow(r - 1 - i, pads[2 * i], orig[r - 1 - i]);
            out.backend().copy(t, region);
        }
        return Autograd.record("pad", out, g -> {
            Tensor region = g;
            for (int i = 0; i < pads.length / 2; i++) region = region.narrow(r - 1 - i, pads[2 * i], orig[r - 1 - i]);
            return new Tensor[]{region};
        }, t);
    }

    /** Reverses each given dim by indexSelect with reversed indices (a copy, differentiable). */
    public static Tensor flip(Tensor t, int[] dims) {
        Tensor out = t;
        for (int dim : dims) {
            int d = Shape.wrapDim("flip", dim, t.dim());
            int n = t.size(d);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) idx[i] = n - 1 - i;
            out = out.indexSelect(d, Tensor.of(idx, n).to(t.device()));
        }
        return out;
    }
}
