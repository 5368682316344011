package io.callosum.splitbrain.train;

import io.callosum.nn.optim.Adam;
import io.callosum.nn.optim.Optimizer;
import io.callosum.nn.optim.SGD;
import io.callosum.splitbrain.config.Budget;
import io.callosum.tensor.Tensor;

import java.util.List;
import java.util.Locale;

/** Optimizer choice by name: "adam" (β = 0.9, 0.999) or "sgd" (momentum 0.9). */
public final class Optimizers {
    private Optimizers() {
    }

    /** The budget's optimizer at its initial lr and weight decay. */
    public static Optimizer create(Budget budget, List<Tensor> params) {
        return create(budget.optimizer(), params, budget.lr(), budget.weightDecay());
    }

    public static Optimizer create(String name, List<Tensor> params, double lr, double weightDecay) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "adam" -> new Adam(params, lr, 0.9, 0.999, 1e-8, weightDecay);
            case "sgd" -> new SGD(params, lr, 0.9, 0, weightDecay, false);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "': expected adam or sgd");
        };
    }
}
