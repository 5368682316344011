package io.callosum.tensor.spi;


/** Softmax family and negative log-likelihood. Tensors contiguous FLOAT32, viewed as [outer, dim, inner]. */
public interface LossKernels {
    /** out = softmax(x) or logSoftmax(x) along {@code dim}, numerically stable (max subtracted). */
    void softmaxForward(Operand x, Operand out, int dim, boolean log);

    /** softmax: gx = y·(gy − Σ gy·y); log: gx = gy − exp(y)·Σ gy. y is the forward output. */
    void softmaxBackward(Operand gy, Operand y, Operand gx, int dim, boolean log);

    /**
     * logp [N, C, S] (S = spatial positions, 1 for N×C input), target INT32 [N, S]. Writes loss[n,s] = −w[t]·logp[n,t,s]
     * and weight[n,s] = w[t] (w = 1 when weight is null), both 0 where target == ignoreIndex. Targets are validated by the op layer
     * (every value is in [0, C) or equals ignoreIndex).
     */
    void nllLossForward(Operand logp, Operand target, Operand weight, int ignoreIndex, Operand loss, Operand lossWeight);

    /** glogp[n,c,s] = c == target[n,s] ? −w[c]·gloss[n,s] : 0 (0 for ignored targets); overwrites glogp. */
    void nllLossBackward(Operand gloss, Operand target, Operand weight, int ignoreIndex, Operand glogp);
}
