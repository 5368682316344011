package io.callosum.nn.optim;

import io.callosum.tensor.Tensor;

import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter): p ← p(1 − lr·λ) before the Adam step; default λ = 0.01.
 * Settings beyond lr go through {@link #builder}, e.g. {@code AdamW.builder(params).lr(1e-3).weightDecay(0.05).build()}.
 */
public final class AdamW extends AbstractAdam {
    /** AdamW with β = (0.9, 0.999), ε = 1e-8 and weight decay 0.01, as PyTorch. */
    public AdamW(List<Tensor> params, double lr) {
        this(builder(params).lr(lr));
    }

    private AdamW(Builder<AdamW> b) {
        super(b, true);
    }

    /** Starts an AdamW over params with PyTorch's defaults: lr 1e-3, β = (0.9, 0.999), ε = 1e-8, weight decay 0.01. */
    public static Builder<AdamW> builder(List<Tensor> params) {
        return new Builder<>("AdamW", params, 0.01, AdamW::new);
    }
}
