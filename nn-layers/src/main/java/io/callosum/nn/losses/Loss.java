package io.callosum.nn.losses;

import io.callosum.tensor.Tensor;

/** A differentiable criterion: prediction and target in, a loss tensor out (a scalar unless the reduction is NONE). */
@FunctionalInterface
public interface Loss {
    /** The loss of prediction against target, differentiable in prediction. */
    Tensor apply(Tensor prediction, Tensor target);
}
