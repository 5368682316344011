package io.callosum.tensor.spi;

import io.callosum.tensor.DType;
import io.callosum.tensor.Device;
import io.callosum.tensor.Shape;

/**
 * What a kernel sees of a tensor: its storage and where the elements lie in it (shape, strides in elements, offset).
 * Kernels take operands rather than tensors so that backends depend on storage and geometry only, never on autodiff
 * or the tensor API; a tensor is an operand, and {@link #contiguous} makes one for a backend's own scratch storage.
 *
 * <p>The storage is reached through {@link #storageOf}, not a public method, so that it stays off the tensor's user
 * API: users never hold a raw buffer whose lifetime the tensor manages.
 */
public abstract class Operand {
    /** For subclasses only: {@link io.callosum.tensor.Tensor} and the backends' scratch operands. */
    protected Operand() {
    }

    /** The buffer holding the elements (kernels call {@link #storageOf}). */
    protected abstract Storage storage();

    /** The size of each dimension, outermost first ({@code []} for a scalar). */
    public abstract int[] shape();

    /** Per dimension, how many elements of the storage one step along it skips (0 where broadcast). */
    public abstract int[] strides();

    /** Where the first element lies in the storage, in elements. */
    public abstract int offset();

    /** The storage of an operand, for kernels. */
    public static Storage storageOf(Operand operand) {
        return operand.storage();
    }

    /** The element type, which is the storage's. */
    public DType dtype() {
        return storage().dtype();
    }

    /** Where the storage lives, which picks the backend whose kernels may read it. */
    public Device device() {
        return storage().device();
    }

    /** The number of dimensions (0 for a scalar). */
    public int dim() {
        return shape().length;
    }

    /** The size of dimension d (negative counts from the end); an out-of-range d is an error naming the rank. */
    public int size(int d) {
        int[] s = shape();
        return s[Shape.wrapDim("size", d, s.length)];
    }

    /** The number of elements, the product of the shape (1 for a scalar). */
    public int numel() {
        return Shape.numel(shape());
    }

    /** Row-major with no gaps (dimensions of size 1 may have any stride). */
    public boolean isContiguous() {
        int[] s = shape(), st = strides();
        int expected = 1;
        for (int i = s.length - 1; i >= 0; i--) {
            if (s[i] != 1 && st[i] != expected) return false;
            expected *= s[i];
        }
        return true;
    }

    /** e.g. "[2, 3] FLOAT32 cpu", for error messages. */
    public String describe() {
        return Shape.str(shape()) + " " + dtype() + " " + device();
    }

    /** A contiguous operand over the first numel(shape) elements of storage; the caller keeps the storage's reference. */
    public static Operand contiguous(Storage storage, int... shape) {
        int[] s = shape.clone();
        Shape.validate("operand", s);
        if (Shape.numel(s) > storage.size()) {
            throw new IllegalArgumentException("operand: shape " + Shape.str(s) + " needs " + Shape.numel(s)
                    + " elements but the storage holds " + storage.size());
        }
        return new ContiguousOperand(storage, s, Shape.contiguousStrides(s));
    }
}
