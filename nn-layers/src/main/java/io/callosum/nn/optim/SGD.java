package io.callosum.nn.optim;

import io.callosum.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with PyTorch's update: g ← g + λp; with momentum μ, b ← g on the first step and
 * b ← μb + (1 − dampening)g after; g ← g + μb (Nesterov) or g ← b; p ← p − lr·g.
 */
public final class SGD extends Optimizer {
    private final double momentum, dampening, weightDecay;
    private final boolean nesterov;

    public SGD(List<Tensor> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super(params, lr);
        checkRange("SGD", "momentum", momentum, 0, 1);
        checkRange("SGD", "weight decay", weightDecay, 0, Double.MAX_VALUE);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: Nesterov momentum requires momentum > 0 and zero dampening");
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
    }

    public SGD(List<Tensor> params, double lr) {
        this(params, lr, 0, 0, 0, false);
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
