package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.nn.init.Generators;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;

/** Zeroes each element with probability p in training and scales the rest by 1/(1−p); identity in eval. */
public final class Dropout extends Module {
    private final double p;
    private final Generator generator;

    /** Dropout whose masks come from a split of the default generator ({@link Generators#next()}). */
    public Dropout(double p) {
        this(p, Generators.next());
    }

    /** Dropout whose masks come from generator, so a run's masks follow from its seed. */
    public Dropout(double p, Generator generator) {
        if (generator == null) throw new IllegalArgumentException("Dropout: generator is null; use new Dropout(p) for the default generator");
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
