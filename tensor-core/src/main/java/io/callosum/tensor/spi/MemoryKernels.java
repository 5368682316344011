package io.callosum.tensor.spi;

import io.callosum.tensor.DType;

/** Allocation, host transfer, strided copy and fill. */
public interface MemoryKernels {
    /** A buffer of {@code numel} elements whose contents are unspecified (kernels overwrite it fully). */
    Storage allocate(DType dtype, int numel);

    /** A FLOAT32 storage holding data (the array may be kept rather than copied: the caller hands it over). */
    Storage fromFloats(float[] data);

    /** FLOAT64 storage; a backend without float64 (see {@link Backend#supports}) keeps this default refusal. */
    default Storage fromDoubles(double[] data) {
        throw new UnsupportedOperationException("fromDoubles: float64 storage is not supported by this backend; convert with .to(DType.FLOAT32)");
    }

    /** An INT32 storage holding data (handed over, like fromFloats). */
    Storage fromInts(int[] data);

    /** A UINT8 storage holding data (handed over, like fromFloats). */
    Storage fromBytes(byte[] data);

    /** Reads a tensor (any strides) to a new host array in logical row-major order. Synchronises with the device. */
    float[] toFloatArray(Operand src);

    /** Reads a FLOAT64 operand to a new host array in row-major order, like toFloatArray; refused without float64. */
    default double[] toDoubleArray(Operand src) {
        throw new UnsupportedOperationException("toDoubleArray: float64 storage is not supported by this backend");
    }

    /** Reads an INT32 operand to a new host array in row-major order, like toFloatArray. */
    int[] toIntArray(Operand src);

    /** Reads a UINT8 operand to a new host array in row-major order, like toFloatArray. */
    byte[] toByteArray(Operand src);

    /** dst[i] = (dst dtype) src[i] over the logical index space; same shape, any strides on both, dtype conversion allowed. */
    void copy(Operand src, Operand dst);

    /** Sets every element of dst (any strides) to value, converted to dst's dtype. */
    void fill(Operand dst, double value);
}
