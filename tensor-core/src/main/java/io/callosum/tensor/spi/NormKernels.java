package io.callosum.tensor.spi;

import io.callosum.tensor.Tensor;

/** Batch normalisation over channel dim 1 of a contiguous N×C×(spatial…) FLOAT32 tensor. */
public interface NormKernels {
    /**
     * Training: normalises with the batch mean and biased variance, writes saveMean and saveInvStd ([C]) and, when the
     * running tensors are non-null, updates them in place: running = (1 − momentum)·running + momentum·batch (running
     * variance uses the unbiased batch variance). Eval: normalises with the running statistics (saveMean/saveInvStd
     * still receive the statistics used). gamma/beta may be null (no affine).
     */
    void batchNormForward(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
                          Tensor out, Tensor saveMean, Tensor saveInvStd, boolean training, double momentum, double eps);

    /**
     * Gradients of the training-mode forward: gx (always), ggamma and gbeta (nullable: skip). For eval mode the caller
     * composes the affine gradient itself.
     */
    void batchNormBackward(Tensor gy, Tensor x, Tensor gamma, Tensor saveMean, Tensor saveInvStd,
                           Tensor gx, Tensor ggamma, Tensor gbeta);
}
