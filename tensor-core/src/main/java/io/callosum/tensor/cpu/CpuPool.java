package io.callosum.tensor.cpu;

import io.callosum.tensor.Tensor;
import io.callosum.tensor.spi.Pool2dGeometry;

/** Pooling and resampling kernels (to be written). */
final class CpuPool {
    private CpuPool() {
    }

    static void maxForward(Tensor x, Tensor out, Tensor indices, Pool2dGeometry g) {
        throw new UnsupportedOperationException("maxPool2dForward: not yet implemented on cpu");
    }

    static void maxBackward(Tensor gy, Tensor indices, Tensor gx, Pool2dGeometry g) {
        throw new UnsupportedOperationException("maxPool2dBackward: not yet implemented on cpu");
    }

    static void avgForward(Tensor x, Tensor out, Pool2dGeometry g) {
        throw new UnsupportedOperationException("avgPool2dForward: not yet implemented on cpu");
    }

    static void avgBackward(Tensor gy, Tensor gx, Pool2dGeometry g) {
        throw new UnsupportedOperationException("avgPool2dBackward: not yet implemented on cpu");
    }

    static void adaptiveForward(Tensor x, Tensor out) {
        throw new UnsupportedOperationException("adaptiveAvgPool2dForward: not yet implemented on cpu");
    }

    static void adaptiveBackward(Tensor gy, Tensor gx) {
        throw new UnsupportedOperationException("adaptiveAvgPool2dBackward: not yet implemented on cpu");
    }

    static void nearestForward(Tensor x, Tensor out) {
        throw new UnsupportedOperationException("upsampleNearestForward: not yet implemented on cpu");
    }

    static void nearestBackward(Tensor gy, Tensor gx) {
        throw new UnsupportedOperationException("upsampleNearestBackward: not yet implemented on cpu");
    }

    static void bilinearForward(Tensor x, Tensor out, boolean alignCorners) {
        throw new UnsupportedOperationException("upsampleBilinearForward: not yet implemented on cpu");
    }

    static void bilinearBackward(Tensor gy, Tensor gx, boolean alignCorners) {
        throw new UnsupportedOperationException("upsampleBilinearBackward: not yet implemented on cpu");
    }
}
