package io.callosum.tensor.spi;

import java.util.Arrays;

/** A 2-D pooling window over N×C×H×W: kernel, stride, padding, dilation, ceil mode, and the resulting OH×OW. */
public record Pool2dGeometry(int n, int c, int h, int w, int kh, int kw, int strideH, int strideW,
                             int padH, int padW, int dilationH, int dilationW, boolean ceilMode,
                             boolean countIncludePad, int outH, int outW) {

    /** Validates a pooling window against a [N, C, H, W] input (errors name op) and derives OH×OW by PyTorch's rule. */
    public static Pool2dGeometry of(String op, int[] x, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                    boolean ceilMode, boolean countIncludePad) {
        if (x.length != 4) throw new IllegalArgumentException(op + ": input must be 4-D N×C×H×W, got " + Arrays.toString(x));
        for (int i = 0; i < 2; i++) {
            if (kernel[i] < 1 || stride[i] < 1 || dilation[i] < 1 || padding[i] < 0) {
                throw new IllegalArgumentException(op + ": kernel " + Arrays.toString(kernel) + ", stride " + Arrays.toString(stride)
                        + ", dilation " + Arrays.toString(dilation) + " must be >= 1 and padding " + Arrays.toString(padding) + " >= 0");
            }
            if (padding[i] * 2 > kernel[i]) {
                throw new IllegalArgumentException(op + ": padding " + Arrays.toString(padding)
                        + " must be at most half the kernel " + Arrays.toString(kernel));
            }
        }
        int oh = outSize(x[2], kernel[0], stride[0], padding[0], dilation[0], ceilMode);
        int ow = outSize(x[3], kernel[1], stride[1], padding[1], dilation[1], ceilMode);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(op + ": input " + Arrays.toString(x) + " is too small for kernel "
                    + Arrays.toString(kernel) + " with padding " + Arrays.toString(padding) + " (output would be " + oh + "×" + ow + ")");
        }
        return new Pool2dGeometry(x[0], x[1], x[2], x[3], kernel[0], kernel[1], stride[0], stride[1],
                padding[0], padding[1], dilation[0], dilation[1], ceilMode, countIncludePad, oh, ow);
    }

    /** PyTorch's output-size rule, including its ceil-mode correction (the last window must start inside the input or left padding). */
    static int outSize(int in, int k, int s, int p, int d, boolean ceil) {
        int span = in + 2 * p - d * (k - 1) - 1;
        if (span < 0) return 0;
        int out = (ceil ? (span + s - 1) / s : span / s) + 1;
        if (ceil && (out - 1) * s >= in + p) out--;
        return out;
    }

    /** [N, C, H, W]. */
    public int[] inputShape() {
        return new int[]{n, c, h, w};
    }

    /** [N, C, OH, OW]. */
    public int[] outputShape() {
        return new int[]{n, c, outH, outW};
    }
}
