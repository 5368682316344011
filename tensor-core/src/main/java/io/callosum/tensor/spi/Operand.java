package io.callosum.tensor.spi;

import io.callosum.tensor.DType;
import io.callosum.tensor.Device;
import io.callosum.tensor.Shape;

/**
 * What a kernel sees of a tensor: its storage and where the elements lie in it (shape, strides in elements, offset).
 * Kernels take operands rather than tensors so that backends depend on storage and geometry only, never on autodiff
 * or the tensor API; a tensor is an operand, and {@link #contiguous} makes one for a backend's own scratch storage.
 */
public interface Operand {
    /** The buffer holding the elements. */
    Storage storage();

    /** The logical dimensions (a copy). */
    int[] shape();

    /** Per dimension, the distance in elements between neighbours in the storage (a copy; 0 for broadcast dims). */
    int[] strides();

    /** Position of the first element in the storage. */
    int offset();

    /** The element type, the storage's. */
    default DType dtype() {
        return storage().dtype();
    }

    /** The device, the storage's. */
    default Device device() {
        return storage().device();
    }

    /** The number of dimensions. */
    default int dim() {
        return shape().length;
    }

    /** The size of dimension d (negative counts from the end). */
    default int size(int d) {
        int[] s = shape();
        return s[Shape.wrapDim("size", d, s.length)];
    }

    /** The number of elements, the product of the shape. */
    default int numel() {
        return Shape.numel(shape());
    }

    /** Row-major with no gaps (dimensions of size 1 may have any stride). */
    default boolean isContiguous() {
        int[] s = shape(), st = strides();
        int expected = 1;
        for (int i = s.length - 1; i >= 0; i--) {
            if (s[i] != 1 && st[i] != expected) return false;
            expected *= s[i];
        }
        return true;
    }

    /** e.g. "[2, 3] FLOAT32 cpu", for error messages. */
    default String describe() {
        return Shape.str(shape()) + " " + dtype() + " " + device();
    }

    /** A contiguous operand over the first numel(shape) elements of storage; the caller keeps the storage's reference. */
    static Operand contiguous(Storage storage, int... shape) {
        int[] s = shape.clone();
        Shape.validate("operand", s);
        if (Shape.numel(s) > storage.size()) {
            throw new IllegalArgumentException("operand: shape " + Shape.str(s) + " needs " + Shape.numel(s)
                    + " elements but the storage holds " + storage.size());
        }
        return new ContiguousOperand(storage, s, Shape.contiguousStrides(s));
    }
}
