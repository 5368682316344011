package io.callosum.nn.optim;

import io.callosum.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with PyTorch's update: g ← g + λp; with momentum μ, b ← g on the first step and
 * b ← μb + (1 − dampening)g after; g ← g + μb (Nesterov) or g ← b; p ← p − lr·g. {@code new SGD(params, lr)} is plain
 * SGD; momentum and the rest go through {@link #builder}, e.g.
 * {@code SGD.builder(params).lr(0.1).momentum(0.9).weightDecay(1e-4).nesterov(true).build()}.
 */
public final class SGD extends Optimizer {
    private final double momentum, dampening, weightDecay;
    private final boolean nesterov;

    /** Plain SGD: no momentum, no weight decay. */
    public SGD(List<Tensor> params, double lr) {
        this(builder(params).lr(lr));
    }

    private SGD(Builder b) {
        super(b.params, b.lr);
        if (b.nesterov && (b.momentum <= 0 || b.dampening != 0)) {
            throw new IllegalArgumentException("SGD: Nesterov momentum requires momentum > 0 and zero dampening, got momentum="
                    + b.momentum + ", dampening=" + b.dampening);
        }
        this.momentum = b.momentum;
        this.dampening = b.dampening;
        this.weightDecay = b.weightDecay;
        this.nesterov = b.nesterov;
    }

    /** Starts an SGD over params with PyTorch's defaults (lr 1e-3, no momentum, dampening or weight decay). */
    public static Builder builder(List<Tensor> params) {
        return new Builder(params);
    }

    /** Named settings for an {@link SGD}, each checked when set; the Nesterov condition is checked by {@link #build()}. */
    public static final class Builder {
        private final List<Tensor> params;
        private double lr = 1e-3, momentum, dampening, weightDecay;
        private boolean nesterov;

        private Builder(List<Tensor> params) {
            this.params = params;
        }

        /** Learning rate (default 1e-3); must be >= 0. */
        public Builder lr(double lr) {
            checkRange("SGD", "learning rate", lr, 0, Double.MAX_VALUE);
            this.lr = lr;
            return this;
        }

        /** Momentum factor μ (default 0, off); in [0, 1]. */
        public Builder momentum(double momentum) {
            checkRange("SGD", "momentum", momentum, 0, 1);
            this.momentum = momentum;
            return this;
        }

        /** Dampening of the gradient added to the momentum buffer (default 0); in [0, 1]. */
        public Builder dampening(double dampening) {
            checkRange("SGD", "dampening", dampening, 0, 1);
            this.dampening = dampening;
            return this;
        }

        /** L2 penalty λ added to the gradient (default 0); must be >= 0. */
        public Builder weightDecay(double weightDecay) {
            checkRange("SGD", "weight decay", weightDecay, 0, Double.MAX_VALUE);
            this.weightDecay = weightDecay;
            return this;
        }

        /** Nesterov momentum (default false); needs momentum > 0 and no dampening. */
        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        /** The optimizer; fails, naming the values, when Nesterov is asked for without momentum or with dampening. */
        public SGD build() {
            return new SGD(this);
        }
    }

    @Override
    protected void update(Tensor p, Tensor grad, Map<String, Tensor> state) {
        Tensor g = weightDecay != 0 ? grad.add(p.mul(weightDecay)) : grad;
        if (momentum != 0) {
            boolean first = !state.containsKey("momentum_buffer");
            Tensor buf = newState(state, "momentum_buffer", p);
            if (first) {
                buf.copyFrom(g);
            } else {
                buf.mulInPlace(momentum).addInPlace(g, 1 - dampening);
            }
            g = nesterov ? g.add(buf.mul(momentum)) : buf;
        }
        p.addInPlace(g, -lr());
    }
}
