package io.callosum.splitbrain.train;

import io.callosum.nn.optim.Optimizer;
import io.callosum.splitbrain.config.Budget;
import io.callosum.tensor.Tensor;

import java.util.List;

/** The optimizer a training budget names, so every loop that trains on a budget builds it the same way. */
public final class Optimizers {
    private Optimizers() {
    }

    /** The budget's optimizer kind at its initial lr and weight decay. */
    public static Optimizer create(Budget budget, List<Tensor> params) {
        return budget.optimizer().create(params, budget.lr(), budget.weightDecay());
    }
}
