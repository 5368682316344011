package io.callosum.nn.losses;

import io.callosum.tensor.Functional;
import io.callosum.tensor.Reduction;
import io.callosum.tensor.Tensor;

/** Mean (or summed) squared error between equally shaped tensors. */
public final class MSELoss implements Loss {
    private final Reduction reduction;

    /** Squared error reduced as reduction says. */
    public MSELoss(Reduction reduction) {
        this.reduction = reduction;
    }

    /** Mean squared error over all elements. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    @Override
    public Tensor apply(Tensor prediction, Tensor target) {
        return Functional.mse(prediction, target, reduction);
    }
}
