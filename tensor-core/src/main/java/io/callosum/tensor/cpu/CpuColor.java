package io.callosum.tensor.cpu;

import io.callosum.tensor.Tensor;

/** Colour conversion and quantization kernels (to be written). */
final class CpuColor {
    private CpuColor() {
    }

    static void rgbToLab(Tensor x, Tensor out) {
        throw new UnsupportedOperationException("rgbToLab: not yet implemented on cpu");
    }

    static void rgbToLabBackward(Tensor gy, Tensor x, Tensor gx) {
        throw new UnsupportedOperationException("rgbToLabBackward: not yet implemented on cpu");
    }

    static void labToRgb(Tensor x, Tensor out) {
        throw new UnsupportedOperationException("labToRgb: not yet implemented on cpu");
    }

    static void labToRgbBackward(Tensor gy, Tensor x, Tensor gx) {
        throw new UnsupportedOperationException("labToRgbBackward: not yet implemented on cpu");
    }

    static void quantize(Tensor x, float[] lo, float[] hi, int[] bins, Tensor out) {
        throw new UnsupportedOperationException("quantize: not yet implemented on cpu");
    }
}
