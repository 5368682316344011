package io.callosum.tensor.cpu;

import io.callosum.tensor.Tensor;
import io.callosum.tensor.spi.Conv2dGeometry;

/** Convolution kernels (to be written). */
final class CpuConv {
    private CpuConv() {
    }

    static void forward(Tensor x, Tensor w, Tensor bias, Tensor out, Conv2dGeometry g) {
        throw new UnsupportedOperationException("conv2dForward: not yet implemented on cpu");
    }

    static void backwardInput(Tensor gy, Tensor w, Tensor gx, Conv2dGeometry g) {
        throw new UnsupportedOperationException("conv2dBackwardInput: not yet implemented on cpu");
    }

    static void backwardWeight(Tensor gy, Tensor x, Tensor gw, Conv2dGeometry g) {
        throw new UnsupportedOperationException("conv2dBackwardWeight: not yet implemented on cpu");
    }
}
