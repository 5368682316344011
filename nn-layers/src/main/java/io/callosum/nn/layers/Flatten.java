package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.tensor.Tensor;

/** Flattens dims start..end (default 1..−1: everything but the batch). */
public final class Flatten extends Module {
    private final int start, end;

    /** Flattens dims start..end (inclusive; negative counts from the end) into one. */
    public Flatten(int start, int end) {
        this.start = start;
        this.end = end;
    }

    /** Flattens every dim after the batch dim, as {@code nn.Flatten()}. */
    public Flatten() {
        this(1, -1);
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.flatten(start, end);
    }
}
