package io.callosum.tensor.spi;


/** 2-D convolution (cross-correlation, as in PyTorch). All tensors contiguous NCHW, FLOAT32. */
public interface ConvKernels {
    /** out = conv(x, w) + bias (bias nullable, shape [Cout]). */
    void conv2dForward(Operand x, Operand w, Operand bias, Operand out, Conv2dGeometry g);

    /** gx = the gradient of the forward with respect to x, overwritten (not accumulated). */
    void conv2dBackwardInput(Operand gy, Operand w, Operand gx, Conv2dGeometry g);

    /** gw = the gradient with respect to the weight, overwritten. */
    void conv2dBackwardWeight(Operand gy, Operand x, Operand gw, Conv2dGeometry g);
}
