package io.callosum.nn.layers;

import java.util.Arrays;

/**
 * The geometry Conv2d and ConvTranspose2d share, fixed when the layer is built: channels, groups and the (height,
 * width) pairs of kernel, stride, padding and dilation.
 */
record ConvShape(int in, int out, int groups, int[] kernel, int[] stride, int[] padding, int[] dilation) {
    /** PyTorch-style description: the settings in their usual order, extra (e.g. output padding) after the padding. */
    String describe(String layer, String extra, boolean bias) {
        return layer + "(" + in + ", " + out + ", kernel=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride)
                + ", padding=" + Arrays.toString(padding) + extra
                + (dilation[0] * dilation[1] != 1 ? ", dilation=" + Arrays.toString(dilation) : "")
                + (groups != 1 ? ", groups=" + groups : "") + ", bias=" + bias + ")";
    }
}
