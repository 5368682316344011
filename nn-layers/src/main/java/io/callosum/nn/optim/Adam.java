package io.callosum.nn.optim;

import io.callosum.tensor.Tensor;

import java.util.List;

/**
 * Adam (Kingma &amp; Ba) with PyTorch's update (see {@link AbstractAdam}); weight decay is L2, added to the gradient
 * ({@link AdamW} decouples it). {@code new Adam(params, lr)} takes PyTorch's defaults; the rest go through
 * {@link #builder}, e.g. {@code Adam.builder(params).lr(3e-4).betas(0.9, 0.99).weightDecay(1e-4).build()}.
 */
public final class Adam extends AbstractAdam {
    /** Adam with β = (0.9, 0.999), ε = 1e-8 and no weight decay. */
    public Adam(List<Tensor> params, double lr) {
        this(builder(params).lr(lr));
    }

    private Adam(Builder<Adam> b) {
        super(b, false);
    }

    /** Starts an Adam over params with PyTorch's defaults: lr 1e-3, β = (0.9, 0.999), ε = 1e-8, weight decay 0. */
    public static Builder<Adam> builder(List<Tensor> params) {
        return new Builder<>("Adam", params, 0, Adam::new);
    }
}
