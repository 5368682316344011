package io.callosum.tensor.spi;


/** Batch normalisation over channel dim 1 of a contiguous N×C×(spatial…) FLOAT32 tensor. */
public interface NormKernels {
    /**
     * Training: normalises with the batch mean and biased variance, writes saveMean and saveInvStd ([C]) and, when the
     * running tensors are non-null, updates them in place: running = (1 − momentum)·running + momentum·batch (running
     * variance uses the unbiased batch variance). Eval: normalises with the running statistics (saveMean/saveInvStd
     * still receive the statistics used). gamma/beta may be null (no affine).
     */
    void batchNormForward(Operand x, Operand gamma, Operand beta, Operand runningMean, Operand runningVar,
                          Operand out, Operand saveMean, Operand saveInvStd, boolean training, double momentum, double eps);

    /**
     * Gradients of the training-mode forward: gx (always), ggamma and gbeta (nullable: skip). For eval mode the caller
     * composes the affine gradient itself.
     */
    void batchNormBackward(Operand gy, Operand x, Operand gamma, Operand saveMean, Operand saveInvStd,
                           Operand gx, Operand ggamma, Operand gbeta);
}
