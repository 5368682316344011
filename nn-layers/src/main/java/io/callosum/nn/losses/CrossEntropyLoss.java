package io.callosum.nn.losses;

import io.callosum.tensor.Functional;
import io.callosum.tensor.Reduction;
import io.callosum.tensor.Tensor;

/**
 * Cross-entropy of logits [N, C] or per pixel [N, C, H, W] against INT32 class indices [N] or [N, H, W], with
 * optional class weights [C] (the mean is then weighted, as PyTorch) and an ignored index.
 */
public final class CrossEntropyLoss implements Loss {
    private final Tensor weight;
    private final int ignoreIndex;
    private final Reduction reduction;

    /** Cross-entropy with per-class weights (null for none), a label to ignore, and a reduction. */
    public CrossEntropyLoss(Tensor weight, int ignoreIndex, Reduction reduction) {
        this.weight = weight;
        this.ignoreIndex = ignoreIndex;
        this.reduction = reduction;
    }

    /** Mean cross-entropy over all items, no class weights, no ignored index. */
    public CrossEntropyLoss() {
        this(null, -100, Reduction.MEAN);
    }

    /** Class-weighted mean, e.g. with class-rebalancing weights. */
    public static CrossEntropyLoss weighted(Tensor weight) {
        return new CrossEntropyLoss(weight, -100, Reduction.MEAN);
    }

    @Override
    public Tensor apply(Tensor logits, Tensor target) {
        Tensor w = weight == null || weight.device().equals(logits.device()) ? weight : weight.to(logits.device());
        return Functional.crossEntropy(logits, target, w, ignoreIndex, reduction);
    }
}
