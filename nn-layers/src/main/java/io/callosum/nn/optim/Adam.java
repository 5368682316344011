package io.callosum.nn.optim;

import io.callosum.tensor.DType;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba) with PyTorch's update: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², then
 * p ← p − (lr / (1−β₁ᵗ))·m / (√v / √(1−β₂ᵗ) + ε). Weight decay is L2 (added to g); {@link AdamW} decouples it.
 */
public class Adam extends Optimizer {
    private final double beta1, beta2, eps, weightDecay;
    private final boolean decoupled;

    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this(params, lr, beta1, beta2, eps, weightDecay, false);
    }

    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0);
    }

    protected Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        super(params, lr);
        checkRange(name(), "beta1", beta1, 0, 1 - 1e-12);
        checkRange(name(), "beta2", beta2, 0, 1 - 1e-12);
        checkRange(name(), "eps", eps, 0, Double.MAX_VALUE);
        checkRange(name(), "weight decay", weightDecay, 0, Double.MAX_VALUE);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
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
