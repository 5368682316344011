package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.tensor.Tensor;

/** max(x, 0). */
public final class ReLU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
