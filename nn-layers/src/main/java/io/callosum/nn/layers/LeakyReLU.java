package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.tensor.Tensor;

/** x for x ≥ 0, slope·x otherwise (PyTorch's default slope 0.01). */
public final class LeakyReLU extends Module {
    private final double slope;

    /** x for x >= 0 and slope·x below. */
    public LeakyReLU(double slope) {
        this.slope = slope;
    }

    /** PyTorch's default negative slope, 0.01. */
    public LeakyReLU() {
        this(0.01);
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.leakyRelu(slope);
    }

    @Override
    protected String describe() {
        return "LeakyReLU(" + slope + ")";
    }
}
