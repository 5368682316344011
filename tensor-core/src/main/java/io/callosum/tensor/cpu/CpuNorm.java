package io.callosum.tensor.cpu;

import io.callosum.tensor.Tensor;

/** Batch-norm kernels (to be written). */
final class CpuNorm {
    private CpuNorm() {
    }

    static void forward(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, Tensor out, Tensor saveMean, Tensor saveInvStd, boolean training, double momentum, double eps) {
        throw new UnsupportedOperationException("batchNormForward: not yet implemented on cpu");
    }

    static void backward(Tensor gy, Tensor x, Tensor gamma, Tensor saveMean, Tensor saveInvStd, Tensor gx, Tensor ggamma, Tensor gbeta) {
        throw new UnsupportedOperationException("batchNormBackward: not yet implemented on cpu");
    }
}
