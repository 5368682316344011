package io.callosum.tensor;

import io.callosum.tensor.ops.Convolution;
import io.callosum.tensor.ops.Losses;
import io.callosum.tensor.ops.Normalization;
import io.callosum.tensor.ops.Pooling;

/**
 * Neural-network ops as static functions (the counterpart of torch.nn.functional):
 * {@code import static io.callosum.tensor.Functional.*;}. All are differentiable; shapes are NCHW.
 *
 * <p>Convolution, pooling, upsampling, batch norm, softmax and the class losses have float32 kernels only: they take
 * FLOAT32 and refuse FLOAT64 with the way out (convert with {@code .to(DType.FLOAT32)}). {@link #linear},
 * {@link #dropout} and {@link #mse}, composed of elementwise ops and matmul, take FLOAT64 too.
 */
public final class Functional {
    private Functional() {
    }

    private static int[] pair(int v) {
        return new int[]{v, v};
    }

    // ------------------------------------------------------------------ linear and convolution

    /**
     * x·wᵀ + b with w of shape [out, in] (PyTorch's Linear layout); b may be null.
     *
     * @param x the input [..., in]
     * @param w the weight [out, in]
     * @param b the bias [out], or null
     * @return the output [..., out]
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        Tensor y = x.matmul(w.t());
        return b == null ? y : y.add(b);
    }

    /**
     * 2-D convolution (cross-correlation, as in PyTorch), like torch.nn.functional.conv2d; differentiable in x, w and
     * bias to any order.
     *
     * @param x the input [N, Cin, H, W], FLOAT32
     * @param w the weight [Cout, Cin/groups, KH, KW], FLOAT32
     * @param bias the bias [Cout], or null
     * @param stride {strideH, strideW}, each at least 1
     * @param padding {padH, padW} zeros on each side, each at least 0
     * @param dilation {dilationH, dilationW}, the spacing of kernel taps, each at least 1
     * @param groups how many independent channel groups (both channel counts must divide by it)
     * @return the output [N, Cout, OH, OW], OH = (H + 2·padH − dilationH·(KH − 1) − 1) / strideH + 1
     * @throws IllegalArgumentException if shapes, channels and groups disagree or the padded input is smaller than the
     *   kernel, naming conv2d
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        return Convolution.conv2d(x, w, bias, stride, padding, dilation, groups);
    }

    /**
     * 2-D convolution with the same stride and padding in both directions, no dilation and one group.
     *
     * @param x the input [N, Cin, H, W], FLOAT32
     * @param w the weight [Cout, Cin/groups, KH, KW], FLOAT32
     * @param bias the bias [Cout], or null
     * @param stride the stride, at least 1
     * @param padding zeros on each side, at least 0
     * @return the output [N, Cout, OH, OW], OH = (H + 2·padH − dilationH·(KH − 1) − 1) / strideH + 1
     * @throws IllegalArgumentException if shapes, channels and groups disagree or the padded input is smaller than the
     *   kernel, naming conv2d
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int stride, int padding) {
        return Convolution.conv2d(x, w, bias, pair(stride), pair(padding), pair(1), 1);
    }

    /**
     * 2-D convolution with stride 1 and no padding (PyTorch's padding='valid').
     *
     * @param x the input [N, Cin, H, W], FLOAT32
     * @param w the weight [Cout, Cin/groups, KH, KW], FLOAT32
     * @param bias the bias [Cout], or null
     * @return the output [N, Cout, H − KH + 1, W − KW + 1]
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias) {
        return conv2d(x, w, bias, 1, 0);
    }

    /**
     * Weight layout [Cin, Cout/groups, KH, KW] as in PyTorch.
     *
     * @param x the input [N, Cin, H, W], FLOAT32
     * @param w the weight [Cin, Cout/groups, KH, KW]
     * @param bias the bias [Cout], or null
     * @param stride {strideH, strideW}
     * @param padding {padH, padW}, removed from each side of the output
     * @param outputPadding extra rows and columns on one side of the output, smaller than the stride or the dilation
     * @param dilation {dilationH, dilationW}
     * @param groups how many independent channel groups
     * @return the output [N, Cout, OH, OW], OH = (H − 1)·strideH − 2·padH + dilationH·(KH − 1) + outputPaddingH + 1
     */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] outputPadding,
                                         int[] dilation, int groups) {
        return Convolution.convTranspose2d(x, w, bias, stride, padding, outputPadding, dilation, groups);
    }

    /**
     * Transposed convolution with the same stride and padding in both directions, no output padding or dilation and one
     * group: a learned upsampling, like torch.nn.functional.conv_transpose2d.
     *
     * @param x the input [N, Cin, H, W], FLOAT32
     * @param w the weight [Cin, Cout, KH, KW]
     * @param bias the bias [Cout], or null
     * @param stride the stride
     * @param padding removed from each side of the output
     * @return the output [N, Cout, (H − 1)·stride − 2·padding + KH, (W − 1)·stride − 2·padding + KW]
     */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, int stride, int padding) {
        return convTranspose2d(x, w, bias, pair(stride), pair(padding), pair(0), pair(1), 1);
    }

    // ------------------------------------------------------------------ pooling and resampling

    /**
     * 2-D max pooling, like torch.nn.functional.max_pool2d; the gradient goes to the position of each window's maximum.
     *
     * @param x the input [N, C, H, W], FLOAT32
     * @param kernel {KH, KW}
     * @param stride {strideH, strideW}
     * @param padding {padH, padW}, at most half the kernel (padding never wins)
     * @param dilation {dilationH, dilationW}
     * @param ceilMode round the output size up instead of down
     * @return the output [N, C, OH, OW] by PyTorch's output-size rule
     * @throws IllegalArgumentException if the input is not 4-D, padding exceeds half the kernel or the output would be
     *   empty
     */
    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return Pooling.maxPool2d(x, kernel, stride, padding, dilation, ceilMode);
    }

    /**
     * 2-D max pooling with a square window and the same stride and padding in both directions.
     *
     * @param x the input [N, C, H, W], FLOAT32
     * @param kernel the window size
     * @param stride the stride
     * @param padding the padding, at most half the kernel
     * @return the output [N, C, OH, OW] by PyTorch's output-size rule
     * @throws IllegalArgumentException if the input is not 4-D, padding exceeds half the kernel or the output would be
     *   empty
     */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) {
        return maxPool2d(x, pair(kernel), pair(stride), pair(padding), pair(1), false);
    }

    /**
     * 2-D max pooling over non-overlapping square windows (stride = kernel), e.g. kernel 2 halves H and W.
     *
     * @param x the input [N, C, H, W], FLOAT32
     * @param kernel the window size and stride
     * @return the output [N, C, H / kernel, W / kernel] (rounded down)
     */
    public static Tensor maxPool2d(Tensor x, int kernel) {
        return maxPool2d(x, kernel, kernel, 0);
    }

    /**
     * 2-D average pooling, like torch.nn.functional.avg_pool2d.
     *
     * @param x the input [N, C, H, W], FLOAT32
     * @param kernel {KH, KW}
     * @param stride {strideH, strideW}
     * @param padding {padH, padW}, at most half the kernel
     * @param ceilMode round the output size up instead of down
     * @param countIncludePad divide by the whole window including padding (PyTorch's default) rather than by the input
     *   elements in it
     * @return the output [N, C, OH, OW] by PyTorch's output-size rule
     * @throws IllegalArgumentException if the input is not 4-D, padding exceeds half the kernel or the output would be
     *   empty
     */
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        return Pooling.avgPool2d(x, kernel, stride, padding, ceilMode, countIncludePad);
    }

    /**
     * 2-D average pooling with a square window, the same stride and padding in both directions, padding counted.
     *
     * @param x the input [N, C, H, W], FLOAT32
     * @param kernel the window size
     * @param stride the stride
     * @param padding the padding, at most half the kernel
     * @return the output [N, C, OH, OW] by PyTorch's output-size rule
     * @throws IllegalArgumentException if the input is not 4-D, padding exceeds half the kernel or the output would be
     *   empty
     */
    public static Tensor avgPool2d(Tensor x, int kernel, int stride, int padding) {
        return avgPool2d(x, pair(kernel), pair(stride), pair(padding), false, true);
    }

    /**
     * 2-D average pooling over non-overlapping square windows (stride = kernel).
     *
     * @param x the input [N, C, H, W], FLOAT32
     * @param kernel the window size and stride
     * @return the output [N, C, H / kernel, W / kernel] (rounded down)
     */
    public static Tensor avgPool2d(Tensor x, int kernel) {
        return avgPool2d(x, kernel, kernel, 0);
    }

    /**
     * Average pooling to a fixed output size whatever the input size, like torch.nn.functional.adaptive_avg_pool2d
     * (PyTorch's window boundaries).
     *
     * @param x the input [N, C, H, W], FLOAT32
     * @param outH the output height, at least 1
     * @param outW the output width, at least 1
     * @return the output [N, C, outH, outW]
     */
    public static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        return Pooling.adaptiveAvgPool2d(x, outH, outW);
    }

    /**
     * Global average pool to N×C.
     *
     * @param x the input [N, C, H, W], FLOAT32
     * @return the per-channel means [N, C]
     */
    public static Tensor globalAvgPool(Tensor x) {
        return adaptiveAvgPool2d(x, 1, 1).flatten(1, -1);
    }

    /**
     * Nearest-neighbour resize, like torch.nn.functional.interpolate(mode='nearest').
     *
     * @param x the input [N, C, H, W], FLOAT32
     * @param outH the output height, at least 1
     * @param outW the output width, at least 1
     * @return the output [N, C, outH, outW]
     */
    public static Tensor upsampleNearest(Tensor x, int outH, int outW) {
        return Pooling.upsampleNearest(x, outH, outW);
    }

    /**
     * Bilinear resize, like torch.nn.functional.interpolate(mode='bilinear').
     *
     * @param x the input [N, C, H, W], FLOAT32
     * @param outH the output height, at least 1
     * @param outW the output width, at least 1
     * @param alignCorners map the corner pixels' centres onto each other (PyTorch's align_corners) instead of the pixel
     *   edges
     * @return the output [N, C, outH, outW]
     */
    public static Tensor upsampleBilinear(Tensor x, int outH, int outW, boolean alignCorners) {
        return Pooling.upsampleBilinear(x, outH, outW, alignCorners);
    }

    // ------------------------------------------------------------------ normalisation and regularisation

    /**
     * Batch norm over dim 1. Training uses batch statistics and updates the running ones in place (momentum as in
     * PyTorch); eval uses the running ones. Any of runningMean/runningVar/weight/bias may be null where allowed.
     *
     * @param x the input [N, C, ...], FLOAT32
     * @param runningMean the running means [C], updated in place when training; may be null when training
     * @param runningVar the running (unbiased) variances [C], updated in place when training; may be null when training
     * @param weight the scale γ [C], or null for 1
     * @param bias the shift β [C], or null for 0
     * @param training normalise with the batch's statistics (and update the running ones) rather than the running ones
     * @param momentum the weight of the batch statistics in the running update, e.g. 0.1
     * @param eps added to the variance before the square root, greater than 0
     * @return the normalised input, of x's shape
     * @throws IllegalArgumentException in eval mode without running statistics, or training with one value per channel
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        return Normalization.batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    /**
     * Zeroes each element with probability p and scales the rest by 1/(1 − p), like torch.nn.functional.dropout; x
     * itself when not training.
     *
     * @param x the input
     * @param p the drop probability, in [0, 1]
     * @param training whether to drop at all
     * @param gen the random stream of the mask
     * @return a tensor of x's shape
     */
    public static Tensor dropout(Tensor x, double p, boolean training, Generator gen) {
        return Normalization.dropout(x, p, training, gen);
    }

    // ------------------------------------------------------------------ softmax and losses

    /**
     * Softmax along dim (exp(x) / Σ exp(x), computed stably), like torch.softmax.
     *
     * @param x the input, FLOAT32, at least 1-D
     * @param dim the dimension that sums to 1 (negative counts from the end)
     * @return a new tensor of x's shape
     */
    public static Tensor softmax(Tensor x, int dim) {
        return Losses.softmax(x, dim);
    }

    /**
     * Log of the softmax along dim, computed without forming the softmax (stable for large logits), like
     * torch.log_softmax.
     *
     * @param x the input, FLOAT32, at least 1-D
     * @param dim the dimension to normalise (negative counts from the end)
     * @return a new tensor of x's shape
     */
    public static Tensor logSoftmax(Tensor x, int dim) {
        return Losses.logSoftmax(x, dim);
    }

    /**
     * Cross-entropy of logits [N, C] or [N, C, d…] against INT32 class targets [N] or [N, d…], with optional class
     * weights [C], an ignore index, and a reduction (weighted mean by default, as in PyTorch).
     *
     * @param logits unnormalised scores [N, C] or [N, C, d...], FLOAT32
     * @param target INT32 class indices [N] or [N, d...], each in [0, C) or equal to ignoreIndex
     * @param weight per-class weights [C], or null for equal weights
     * @param ignoreIndex a target value that contributes neither loss nor weight, e.g. -100
     * @param reduction how per-element losses are combined
     * @return a 0-dimensional loss, or the per-element losses in target's shape for {@link Reduction#NONE}
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
        return Losses.crossEntropy(logits, target, weight, ignoreIndex, reduction);
    }

    /**
     * Mean cross-entropy of logits [N, C] (or [N, C, d...]) against INT32 class targets, like
     * torch.nn.functional.cross_entropy with its defaults (ignore index −100).
     *
     * @param logits unnormalised scores [N, C] or [N, C, d...], FLOAT32
     * @param target INT32 class indices [N] or [N, d...]
     * @return a 0-dimensional loss
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target) {
        return crossEntropy(logits, target, null, -100, Reduction.MEAN);
    }

    /**
     * Negative log-likelihood of log-probabilities (e.g. from {@link #logSoftmax}) at the target classes, like
     * torch.nn.functional.nll_loss.
     *
     * @param logp log-probabilities [N, C] or [N, C, d...], FLOAT32
     * @param target INT32 class indices [N] or [N, d...], each in [0, C) or equal to ignoreIndex
     * @param weight per-class weights [C], or null for equal weights
     * @param ignoreIndex a target value that contributes neither loss nor weight, e.g. -100
     * @param reduction how per-element losses are combined
     * @return a 0-dimensional loss, or the per-element losses in target's shape for {@link Reduction#NONE}
     */
    public static Tensor nllLoss(Tensor logp, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
        return Losses.nllLoss(logp, target, weight, ignoreIndex, reduction);
    }

    /**
     * Squared error (x − y)², like torch.nn.functional.mse_loss.
     *
     * @param x the prediction
     * @param y the target, of x's shape (no broadcasting)
     * @param reduction MEAN over all elements, SUM, or NONE for the elementwise squares
     * @return a 0-dimensional loss, or x's shape for NONE
     */
    public static Tensor mse(Tensor x, Tensor y, Reduction reduction) {
        return Losses.mse(x, y, reduction);
    }

    /**
     * Mean squared error over all elements, like torch.nn.functional.mse_loss.
     *
     * @param x the prediction
     * @param y the target, of x's shape (no broadcasting)
     * @return a 0-dimensional loss
     */
    public static Tensor mse(Tensor x, Tensor y) {
        return mse(x, y, Reduction.MEAN);
    }
}
