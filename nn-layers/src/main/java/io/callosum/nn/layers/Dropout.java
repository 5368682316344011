package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;

/** Zeroes each element with probability p in training and scales the rest by 1/(1−p); identity in eval. */
public final class Dropout extends Module {
    private final double p;
    private final Generator generator;

    public Dropout(double p, Generator generator) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        this.p = p;
        this.generator = generator;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.dropout(x, p, isTraining(), generator);
    }

    @Override
    protected String describe() {
        return "Dropout(p=" + p + ")";
    }
}
