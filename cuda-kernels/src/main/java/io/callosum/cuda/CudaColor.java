package io.callosum.cuda;

import io.callosum.tensor.spi.Operand;

import java.util.Arrays;

/** sRGB ↔ Lab and their gradients, and joint bin quantization (color.cu), one thread per pixel. */
final class CudaColor extends Family {
    static final int MAX_CHANNELS = 8;

    CudaColor(CudaDevice dev) {
        super(dev);
    }

    private void pixels(String kernel, Operand shapeOf, Object... tensors) {
        int n = shapeOf.size(0), hw = shapeOf.size(2) * shapeOf.size(3);
        Object[] args = Arrays.copyOf(tensors, tensors.length + 2);
        args[tensors.length] = n;
        args[tensors.length + 1] = hw;
        dev.launch1d("color", kernel, (long) n * hw, args);
    }

    void rgbToLab(Operand x, Operand out) {
        pixels("rgb_to_lab", x, ptr(x), ptr(out));
    }

    void rgbToLabBackward(Operand gy, Operand x, Operand gx) {
        pixels("rgb_to_lab_bwd", x, ptr(gy), ptr(x), ptr(gx));
    }

    void labToRgb(Operand x, Operand out) {
        pixels("lab_to_rgb", x, ptr(x), ptr(out));
    }

    void labToRgbBackward(Operand gy, Operand x, Operand gx) {
        pixels("lab_to_rgb_bwd", x, ptr(gy), ptr(x), ptr(gx));
    }

    void quantize(Operand x, float[] lo, float[] hi, int[] bins, Operand out) {
        int c = lo.length;
        if (c > MAX_CHANNELS) {
            throw new UnsupportedOperationException("quantize of " + x.describe() + ": the CUDA kernel takes at most " + MAX_CHANNELS + " channels, got " + c);
        }
        // QuantParams: channels, lo[8], hi[8], bins[8] (floats as their bits)
        int[] params = new int[1 + 3 * MAX_CHANNELS];
        params[0] = c;
        for (int i = 0; i < c; i++) {
            params[1 + i] = Float.floatToRawIntBits(lo[i]);
            params[1 + MAX_CHANNELS + i] = Float.floatToRawIntBits(hi[i]);
            params[1 + 2 * MAX_CHANNELS + i] = bins[i];
        }
        int n = x.size(0), hw = x.size(2) * x.size(3);
        dev.launch1d("color", "quantize", (long) n * hw, params, ptr(x), ptr(out), n, hw);
    }
}
