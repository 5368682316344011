package io.callosum.tensor.spi;

import io.callosum.tensor.DType;
import io.callosum.tensor.Tensor;

/** Allocation, host transfer, strided copy and fill. */
public interface MemoryKernels {
    /** A buffer of {@code numel} elements whose contents are unspecified (kernels overwrite it fully). */
    Storage allocate(DType dtype, int numel);

    Storage fromFloats(float[] data);

    Storage fromInts(int[] data);

    Storage fromBytes(byte[] data);

    /** Reads a tensor (any strides) to a new host array in logical row-major order. Synchronises with the device. */
    float[] toFloatArray(Tensor src);

    int[] toIntArray(Tensor src);

    byte[] toByteArray(Tensor src);

    /** dst[i] = (dst dtype) src[i] over the logical index space; same shape, any strides on both, dtype conversion allowed. */
    void copy(Tensor src, Tensor dst);

    /** Sets every element of dst (any strides) to value, converted to dst's dtype. */
    void fill(Tensor dst, double value);
}
