package io.callosum.tensor.ops;

import io.callosum.tensor.DType;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;

/** Argument checks shared by ops; every message names the op and the shapes, dtypes or devices involved. */
public final class Checks {
    private Checks() {
    }

    /** Fails unless every non-null tensor is open and on the first one's device (ops never move data implicitly). */
    public static void sameDevice(String op, Tensor... ts) {
        Tensor first = null;
        for (Tensor t : ts) {
            if (t == null) continue;
            t.checkOpen(op);
            if (first == null) {
                first = t;
            } else if (!t.device().equals(first.device())) {
                throw new IllegalArgumentException(op + ": tensors are on different devices: " + first.describe() + " and "
                        + t.describe() + "; move one with .to(device)");
            }
        }
    }

    /** Fails unless t has the expected dtype; what names the argument, e.g. "weight". */
    public static void dtype(String op, String what, Tensor t, DType expected) {
        if (t.dtype() != expected) {
            throw new IllegalArgumentException(op + ": " + what + " must be " + expected + ", got " + t.describe());
        }
    }

    /**
     * For ops whose kernels exist in float32 only: a float64 tensor is refused up front with the way out, rather than
     * failing inside a kernel; any other dtype is a plain mismatch.
     */
    public static void float32(String op, String what, Tensor t) {
        if (t.dtype() == DType.FLOAT64) {
            throw new UnsupportedOperationException(op + ": " + what + " is " + t.describe() + ", but " + op
                    + " is implemented for float32 only; convert with .to(DType.FLOAT32)");
        }
        dtype(op, what, t, DType.FLOAT32);
    }

    /** Fails unless t has exactly rank dimensions. */
    public static void rank(String op, String what, Tensor t, int rank) {
        if (t.dim() != rank) {
            throw new IllegalArgumentException(op + ": " + what + " must be " + rank + "-D, got shape " + Shape.str(t.shape()));
        }
    }

    /** Fails unless t has exactly the expected shape (no broadcasting). */
    public static void shape(String op, String what, Tensor t, int... expected) {
        if (!Shape.equal(t.shape(), expected)) {
            throw new IllegalArgumentException(op + ": " + what + " must have shape " + Shape.str(expected) + ", got " + Shape.str(t.shape()));
        }
    }

    /** Validates every value of an INT32 index tensor lies in [0, bound); reads two numbers back from the device. */
    public static void indexRange(String op, String what, Tensor index, int bound, int ignore) {
        if (index.numel() == 0) return;
        try (io.callosum.tensor.Grad.Guard ng = io.callosum.tensor.Grad.disabled()) {
            Tensor valid = index;
            int lo = (int) index.min().item();
            int hi = (int) index.max().item();
            if (ignore != Integer.MIN_VALUE && (lo == ignore || hi == ignore)) {
                // Ignored entries excluded: recompute bounds with them replaced by a valid value.
                valid = Tensor.where(index.eq(ignore), Tensor.scalar(index.device(), DType.INT32, 0), index);
                lo = (int) valid.min().item();
                hi = (int) valid.max().item();
            }
            if (lo < 0 || hi >= bound) {
                int bad = lo < 0 ? lo : hi;
                int[] vals = valid.toIntArray();
                int at = 0;
                while (at < vals.length && vals[at] != bad) at++;
                throw new IllegalArgumentException(op + ": " + what + " value " + bad + " at flat position " + at + " of "
                        + Shape.str(index.shape()) + " is out of range [0, " + bound + ")"
                        + (ignore != Integer.MIN_VALUE ? " (ignore index " + ignore + ")" : ""));
            }
        }
    }
}
