package io.callosum.tensor.cpu;

import io.callosum.tensor.Tensor;

/** Softmax and NLL kernels (to be written). */
final class CpuLoss {
    private CpuLoss() {
    }

    static void softmaxForward(Tensor x, Tensor out, int dim, boolean log) {
        throw new UnsupportedOperationException("softmaxForward: not yet implemented on cpu");
    }

    static void softmaxBackward(Tensor gy, Tensor y, Tensor gx, int dim, boolean log) {
        throw new UnsupportedOperationException("softmaxBackward: not yet implemented on cpu");
    }

    static void nllForward(Tensor logp, Tensor target, Tensor weight, int ignoreIndex, Tensor loss, Tensor lossWeight) {
        throw new UnsupportedOperationException("nllLossForward: not yet implemented on cpu");
    }

    static void nllBackward(Tensor gloss, Tensor target, Tensor weight, int ignoreIndex, Tensor glogp) {
        throw new UnsupportedOperationException("nllLossBackward: not yet implemented on cpu");
    }
}
