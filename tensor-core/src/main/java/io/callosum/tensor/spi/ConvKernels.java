package io.callosum.tensor.spi;

import io.callosum.tensor.Tensor;

/** 2-D convolution (cross-correlation, as in PyTorch). All tensors contiguous NCHW, FLOAT32. */
public interface ConvKernels {
    /** out = conv(x, w) + bias (bias nullable, shape [Cout]). */
    void conv2dForward(Tensor x, Tensor w, Tensor bias, Tensor out, Conv2dGeometry g);

    /** gx = the gradient of the forward with respect to x, overwritten (not accumulated). */
    void conv2dBackwardInput(Tensor gy, Tensor w, Tensor gx, Conv2dGeometry g);

    /** gw = the gradient with respect to the weight, overwritten. */
    void conv2dBackwardWeight(Tensor gy, Tensor x, Tensor gw, Conv2dGeometry g);
}
