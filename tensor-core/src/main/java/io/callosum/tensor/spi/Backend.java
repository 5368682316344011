package io.callosum.tensor.spi;

import io.callosum.tensor.Device;

/**
 * What a device implements: kernels on raw storage, no autodiff and no shape logic beyond what each kernel needs.
 * A backend may decline a kernel it lacks by throwing {@link UnsupportedOperationException} that names the op and
 * the device (see {@link #unsupported(String)}).
 */
public interface Backend extends MemoryKernels, ElementwiseKernels, ReductionKernels, LinalgKernels, ConvKernels,
        PoolKernels, NormKernels, LossKernels, ColorKernels, IndexKernels, RandomKernels {

    Device device();

    /** One line saying what this backend is and which paths it uses (e.g. "cpu · Vector API 512-bit · 2 threads"). */
    String describe();

    /** Blocks until queued work is done (no-op on synchronous backends). */
    default void synchronize() {
    }

    default UnsupportedOperationException unsupported(String op) {
        return new UnsupportedOperationException(op + " is not supported by the " + device() + " backend");
    }
}
