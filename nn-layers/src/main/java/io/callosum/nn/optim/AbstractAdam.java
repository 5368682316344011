package io.callosum.nn.optim;

import io.callosum.tensor.DType;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The update {@link Adam} and {@link AdamW} share, PyTorch's: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², then
 * p ← p − (lr / (1−β₁ᵗ))·m / (√v / √(1−β₂ᵗ) + ε); they differ only in how weight decay enters, so they share this
 * class and its {@link Builder} rather than one extending the other.
 */
public abstract class AbstractAdam extends Optimizer {
    private final double beta1, beta2, eps, weightDecay;
    private final boolean decoupled;

    /** The optimizer a builder describes; decoupled selects AdamW's weight decay (p ← p(1 − lr·λ)) over L2. */
    AbstractAdam(Builder<?> b, boolean decoupled) {
        super(b.params, b.lr);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = b.eps;
        this.weightDecay = b.weightDecay;
        this.decoupled = decoupled;
    }

    /**
     * Named settings shared by {@link Adam} and {@link AdamW}, each checked when set.
     *
     * @param <T> the optimizer {@link #build()} returns
     */
    public static final class Builder<T extends AbstractAdam> {
        private final String name;
        private final List<Tensor> params;
        private final Function<Builder<T>, T> factory;
        private double lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay;

        Builder(String name, List<Tensor> params, double weightDecay, Function<Builder<T>, T> factory) {
            this.name = name;
            this.params = params;
            this.weightDecay = weightDecay;
            this.factory = factory;
        }

        /** Learning rate (default 1e-3); must be >= 0. */
        public Builder<T> lr(double lr) {
            checkRange(name, "learning rate", lr, 0, Double.MAX_VALUE);
            this.lr = lr;
            return this;
        }

        /** Decay rates of the first and second moment estimates (default 0.9, 0.999); each in [0, 1). */
        public Builder<T> betas(double beta1, double beta2) {
            checkRange(name, "beta1", beta1, 0, 1 - 1e-12);
            checkRange(name, "beta2", beta2, 0, 1 - 1e-12);
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /** Added to the denominator for numerical stability (default 1e-8); must be >= 0. */
        public Builder<T> eps(double eps) {
            checkRange(name, "eps", eps, 0, Double.MAX_VALUE);
            this.eps = eps;
            return this;
        }

        /** Weight decay λ (Adam: L2 added to the gradient, default 0; AdamW: decoupled, default 0.01); must be >= 0. */
        public Builder<T> weightDecay(double weightDecay) {
            checkRange(name, "weight decay", weightDecay, 0, Double.MAX_VALUE);
            this.weightDecay = weightDecay;
            return this;
        }

        /** The optimizer. */
        public T build() {
            return factory.apply(this);
        }
    }

    @Override
    protected void update(Tensor p, Tensor grad, Map<String, Tensor> state) {
        Tensor stepT = state.computeIfAbsent("step", k -> Scope.escape(Tensor.zeros(DType.INT32)));
        stepT.fill(stepT.item() + 1);
        int t = (int) stepT.item();
        Tensor g = grad;
        if (weightDecay != 0) {
            if (decoupled) p.mulInPlace(1 - lr() * weightDecay);
            else g = g.add(p.mul(weightDecay));
        }
        Tensor m = newState(state, "exp_avg", p), v = newState(state, "exp_avg_sq", p);
        m.mulInPlace(beta1).addInPlace(g, 1 - beta1);
        v.mulInPlace(beta2).addInPlace(g.square(), 1 - beta2);
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        Tensor denom = v.sqrt().mul(1 / Math.sqrt(bc2)).add(eps);
        p.addInPlace(m.div(denom), -lr() / bc1);
    }

    @Override
    protected boolean isScalarStateKey(String key) {
        return key.equals("step");
    }
}
