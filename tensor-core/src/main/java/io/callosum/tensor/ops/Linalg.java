package io.callosum.tensor.ops;

import io.callosum.tensor.Autograd;
import io.callosum.tensor.DType;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;

import java.util.Arrays;

import static io.callosum.tensor.Autograd.needs;

/** Matrix products: dot, matrix-matrix and broadcast-batched, mapped onto one strided batched GEMM kernel. */
public final class Linalg {
    private Linalg() {
    }

    /**
     * {@link Tensor#matmul}: two FLOAT32 or two FLOAT64 operands (no promotion, as in PyTorch) of at least one
     * dimension, 1-D operands promoted as in NumPy, batch dimensions broadcast.
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        Checks.sameDevice("matmul", a, b);
        if (a.dim() == 0 || b.dim() == 0) {
            throw new IllegalArgumentException("matmul: both operands need at least one dimension, got " + Shape.str(a.shape())
                    + " @ " + Shape.str(b.shape()) + " (use mul for scalars)");
        }
        if (!a.dtype().isFloating() || a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("matmul: expects two float32 or two float64 operands (as PyTorch, no promotion), got "
                    + a.describe() + " @ " + b.describe() + "; convert one with .to(DType." + DType.promote(a.dtype(), b.dtype()).floating().name() + ")");
        }
        if (a.dim() == 1 && b.dim() == 1) return matmul(a.unsqueeze(0), b.unsqueeze(1)).reshape();
        if (a.dim() == 1) return matmul(a.unsqueeze(0), b).squeeze(-2);
        if (b.dim() == 1) return matmul(a, b.unsqueeze(1)).squeeze(-1);
        int[] as = a.shape(), bs = b.shape();
        int m = as[as.length - 2], k = as[as.length - 1], k2 = bs[bs.length - 2], n = bs[bs.length - 1];
        if (k != k2) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + Shape.str(as) + " @ " + Shape.str(bs));
        }
        int[] batch = Shape.broadcast("matmul", Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        Tensor out = Tensor.empty(a.device(), a.dtype(), outShape);
        gemmInto(a, b, out, batch, m, n, k);
        return Autograd.record("matmul", out, g -> new Tensor[]{
                needs(a) ? Reductions.sumTo(g.matmul(b.transpose(-1, -2)), as) : null,
                needs(b) ? Reductions.sumTo(a.transpose(-1, -2).matmul(g), bs) : null}, a, b);
    }

    /** How one operand is handed to the GEMM kernel: base tensor, transpose flag, leading dimension, batch stride. */
    private record Operand(Tensor t, boolean trans, int ld, long batchStride) {
    }

    private static void gemmInto(Tensor a, Tensor b, Tensor out, int[] batch, int m, int n, int k) {
        int batchCount = Shape.numel(batch);
        Operand oa = operand(a, batch, m, k);
        Operand ob = operand(b, batch, k, n);
        if (batchCount == 0 || m == 0 || n == 0) return;
        if (k == 0) {
            out.backend().fill(out, 0);
            return;
        }
        out.backend().gemm(oa.trans, ob.trans, m, n, k, 1f, oa.t, oa.ld, oa.batchStride, ob.t, ob.ld, ob.batchStride,
                0f, out, n, (long) m * n, batchCount);
    }

    /** Expands t to batch + [rows, cols] and finds a layout the kernel takes without copying, copying only if none exists. */
    private static Operand operand(Tensor t, int[] batch, int rows, int cols) {
        int[] target = Arrays.copyOf(batch, batch.length + 2);
        target[batch.length] = rows;
        target[batch.length + 1] = cols;
        Tensor e = Shapes.expandRaw(t, target);
        Operand o = layout(e, batch.length, rows, cols);
        if (o != null) return o;
        Tensor c = Shapes.castRaw(e, e.dtype());
        return layout(c, batch.length, rows, cols);
    }

    private static Operand layout(Tensor e, int nb, int rows, int cols) {
        int[] s = e.shape(), st = e.strides();
        long batchStride = 0;
        int prevSize = 1;
        long prevStride = 0;
        boolean first = true;
        for (int i = nb - 1; i >= 0; i--) {
            if (s[i] == 1) continue;
            if (first) {
                batchStride = st[i];
                first = false;
            } else if (st[i] != prevStride * prevSize) {
                return null;
            }
            prevSize = s[i];
            prevStride = st[i];
        }
        // The kernel walks op(X)[i][p] at i·ld + p (or p·ld + i transposed) with ld ≥ the row length, so a stride of 0
        // (an expanded dimension) or any other stride below that cannot be passed as ld: such operands are copied.
        int rs = st[nb], cs = st[nb + 1];
        if ((cs == 1 || cols <= 1) && (rows <= 1 || rs >= Math.max(cols, 1))) {
            return new Operand(e, false, rows <= 1 ? Math.max(cols, 1) : rs, batchStride);
        }
        if ((rs == 1 || rows <= 1) && (cols <= 1 || cs >= Math.max(rows, 1))) {
            return new Operand(e, true, cols <= 1 ? Math.max(rows, 1) : cs, batchStride);
        }
        return null;
    }
}
