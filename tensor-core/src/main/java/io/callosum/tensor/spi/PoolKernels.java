package io.callosum.tensor.spi;

import io.callosum.tensor.Tensor;

/** Pooling and resampling over contiguous NCHW FLOAT32 tensors. Backward kernels overwrite gx. */
public interface PoolKernels {
    /** indices (INT32, out's shape) hold the argmax position h·W + w within each input plane; padding is -inf. */
    void maxPool2dForward(Tensor x, Tensor out, Tensor indices, Pool2dGeometry g);

    void maxPool2dBackward(Tensor gy, Tensor indices, Tensor gx, Pool2dGeometry g);

    /** Divisor: window size including padding when g.countIncludePad(), else the in-bounds count. */
    void avgPool2dForward(Tensor x, Tensor out, Pool2dGeometry g);

    void avgPool2dBackward(Tensor gy, Tensor gx, Pool2dGeometry g);

    /** PyTorch's adaptive windows: rows [floor(i·H/OH), ceil((i+1)·H/OH)). out shape gives OH, OW. */
    void adaptiveAvgPool2dForward(Tensor x, Tensor out);

    void adaptiveAvgPool2dBackward(Tensor gy, Tensor gx);

    /** Nearest: source index floor(dst · in/out) (PyTorch's 'nearest'). */
    void upsampleNearestForward(Tensor x, Tensor out);

    void upsampleNearestBackward(Tensor gy, Tensor gx);

    /** Bilinear, PyTorch semantics for align_corners true/false. */
    void upsampleBilinearForward(Tensor x, Tensor out, boolean alignCorners);

    void upsampleBilinearBackward(Tensor gy, Tensor gx, boolean alignCorners);
}
