package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.tensor.Tensor;

/** Flattens dims start..end (default 1..−1: everything but the batch). */
public final class Flatten extends Module {
    private final int start, end;

    public Flatten(int start, int end) {
        this.start = start;
        this.end = end;
    }

    public Flatten() {
        this(1, -1);
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.flatten(start, end);
    }
}
