package io.callosum.tensor.spi;

import io.callosum.tensor.DType;
import io.callosum.tensor.Device;

import java.util.Optional;

/**
 * What a device implements: kernels on storage and geometry ({@link Operand}), no autodiff and no shape logic beyond
 * what each kernel needs. The families extended here are required; optional families (such as {@link ColorKernels})
 * are found through {@link #capability}, and ops fall back to a composite of required kernels where one is missing.
 * A backend may decline a kernel it lacks by throwing {@link UnsupportedOperationException} that names the op and
 * the device (see {@link #unsupported(String)}).
 */
public interface Backend extends MemoryKernels, ElementwiseKernels, ReductionKernels, LinalgKernels, ConvKernels,
        PoolKernels, NormKernels, LossKernels, IndexKernels, RandomKernels {

    /** The device this backend computes on. */
    Device device();

    /** One line saying what this backend is and which paths it uses (e.g. "cpu · Vector API 512-bit · 2 threads"). */
    String describe();

    /**
     * The optional kernel family {@code family} if this backend provides it. By default a backend provides exactly
     * the families it implements; a backend that wraps or proxies another overrides this.
     */
    default <T> Optional<T> capability(Class<T> family) {
        return family.isInstance(this) ? Optional.of(family.cast(this)) : Optional.empty();
    }

    /** Blocks until queued work is done (no-op on synchronous backends). */
    default void synchronize() {
    }

    /**
     * Whether this backend stores and computes tensors of the given dtype. Every backend supports FLOAT32, INT32 and
     * UINT8; FLOAT64 is optional (the CPU backend has it). Tensors of an unsupported dtype are refused at allocation.
     */
    default boolean supports(DType dtype) {
        return dtype != DType.FLOAT64;
    }

    /** The error a kernel this backend lacks throws: it names the op and the device. */
    default UnsupportedOperationException unsupported(String op) {
        return new UnsupportedOperationException(op + " is not supported by the " + device() + " backend");
    }
}
