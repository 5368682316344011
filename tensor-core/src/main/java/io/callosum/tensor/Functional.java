package io.callosum.tensor;

import io.callosum.tensor.ops.Convolution;
import io.callosum.tensor.ops.Losses;
import io.callosum.tensor.ops.Normalization;
import io.callosum.tensor.ops.Pooling;

/**
 * Neural-network ops as static functions (the counterpart of torch.nn.functional):
 * {@code import static io.callosum.tensor.Functional.*;}. All are differentiable; shapes are NCHW.
 */
public final class Functional {
    private Functional() {
    }

    private static int[] pair(int v) {
        return new int[]{v, v};
    }

    // ------------------------------------------------------------------ linear and convolution

    /** x·wᵀ + b with w of shape [out, in] (PyTorch's Linear layout); b may be null. */
    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        Tensor y = x.matmul(w.t());
        return b == null ? y : y.add(b);
    }

    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        return Convolution.conv2d(x, w, bias, stride, padding, dilation, groups);
    }

    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int stride, int padding) {
        return Convolution.conv2d(x, w, bias, pair(stride), pair(padding), pair(1), 1);
    }

    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias) {
        return conv2d(x, w, bias, 1, 0);
    }

    /** Weight layout [Cin, Cout/groups, KH, KW] as in PyTorch. */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] outputPadding,
                                         int[] dilation, int groups) {
        return Convolution.convTranspose2d(x, w, bias, stride, padding, outputPadding, dilation, groups);
    }

    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, int stride, int padding) {
        return convTranspose2d(x, w, bias, pair(stride), pair(padding), pair(0), pair(1), 1);
    }

    // ------------------------------------------------------------------ pooling and resampling

    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return Pooling.maxPool2d(x, kernel, stride, padding, dilation, ceilMode);
    }

    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) {
        return maxPool2d(x, pair(kernel), pair(stride), pair(padding), pair(1), false);
    }

    public static Tensor maxPool2d(Tensor x, int kernel) {
        return maxPool2d(x, kernel, kernel, 0);
    }

    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        return Pooling.avgPool2d(x, kernel, stride, padding, ceilMode, countIncludePad);
    }

    public static Tensor avgPool2d(Tensor x, int kernel, int stride, int padding) {
        return avgPool2d(x, pair(kernel), pair(stride), pair(padding), false, true);
    }

    public static Tensor avgPool2d(Tensor x, int kernel) {
        return avgPool2d(x, kernel, kernel, 0);
    }

    public static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        return Pooling.adaptiveAvgPool2d(x, outH, outW);
    }

    /** Global average pool to N×C. */
    public static Tensor globalAvgPool(Tensor x) {
        return adaptiveAvgPool2d(x, 1, 1).flatten(1, -1);
    }

    public static Tensor upsampleNearest(Tensor x, int outH, int outW) {
        return Pooling.upsampleNearest(x, outH, outW);
    }

    public static Tensor upsampleBilinear(Tensor x, int outH, int outW, boolean alignCorners) {
        return Pooling.upsampleBilinear(x, outH, outW, alignCorners);
    }

    // ------------------------------------------------------------------ normalisation and regularisation

    /**
     * Batch norm over dim 1. Training uses batch statistics and updates the running ones in place (momentum as in
     * PyTorch); eval uses the running ones. Any of runningMean/runningVar/weight/bias may be null where allowed.
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        return Normalization.batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    public static Tensor dropout(Tensor x, double p, boolean training, Generator gen) {
        return Normalization.dropout(x, p, training, gen);
    }

    // ------------------------------------------------------------------ softmax and losses

    public static Tensor softmax(Tensor x, int dim) {
        return Losses.softmax(x, dim);
    }

    public static Tensor logSoftmax(Tensor x, int dim) {
        return Losses.logSoftmax(x, dim);
    }

    /**
     * Cross-entropy of logits [N, C] or [N, C, d…] against INT32 class targets [N] or [N, d…], with optional class
     * weights [C], an ignore index, and a reduction (weighted mean by default, as in PyTorch).
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
        return Losses.crossEntropy(logits, target, weight, ignoreIndex, reduction);
    }

    public static Tensor crossEntropy(Tensor logits, Tensor target) {
        return crossEntropy(logits, target, null, -100, Reduction.MEAN);
    }

    public static Tensor nllLoss(Tensor logp, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
        return Losses.nllLoss(logp, target, weight, ignoreIndex, reduction);
    }

    public static Tensor mse(Tensor x, Tensor y, Reduction reduction) {
        return Losses.mse(x, y, reduction);
    }

    public static Tensor mse(Tensor x, Tensor y) {
        return mse(x, y, Reduction.MEAN);
    }
}
