package io.callosum.tensor.spi;


/** Pooling and resampling over contiguous NCHW FLOAT32 tensors. Backward kernels overwrite gx. */
public interface PoolKernels {
    /** indices (INT32, out's shape) hold the argmax position h·W + w within each input plane; padding is -inf. */
    void maxPool2dForward(Operand x, Operand out, Operand indices, Pool2dGeometry g);

    /** Adds each output gradient to the input position its forward recorded in indices. */
    void maxPool2dBackward(Operand gy, Operand indices, Operand gx, Pool2dGeometry g);

    /** Divisor: window size including padding when g.countIncludePad(), else the in-bounds count. */
    void avgPool2dForward(Operand x, Operand out, Pool2dGeometry g);

    /** Spreads each output gradient evenly over its window, with the forward's divisor. */
    void avgPool2dBackward(Operand gy, Operand gx, Pool2dGeometry g);

    /** PyTorch's adaptive windows: rows [floor(i·H/OH), ceil((i+1)·H/OH)). out shape gives OH, OW. */
    void adaptiveAvgPool2dForward(Operand x, Operand out);

    /** Spreads each output gradient evenly over its adaptive window. */
    void adaptiveAvgPool2dBackward(Operand gy, Operand gx);

    /** Nearest: source index min(floor(dst · scale), in − 1), scale = in/out in float, as PyTorch's 'nearest' (not 'nearest-exact'). */
    void upsampleNearestForward(Operand x, Operand out);

    /** Sums the output gradients into the source pixels they were copied from. */
    void upsampleNearestBackward(Operand gy, Operand gx);

    /** Bilinear, PyTorch semantics for align_corners true/false. */
    void upsampleBilinearForward(Operand x, Operand out, boolean alignCorners);

    /** Distributes each output gradient to its four source pixels with the forward's weights. */
    void upsampleBilinearBackward(Operand gy, Operand gx, boolean alignCorners);
}
