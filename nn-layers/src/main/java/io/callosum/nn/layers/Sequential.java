package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** Runs its children in order; children are named "0", "1", … as in PyTorch's {@code nn.Sequential}. */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    /** Runs layers in order. */
    public Sequential(Module... layers) {
        for (Module m : layers) add(m);
    }

    /** Appends m as the next child. */
    public Sequential add(Module m) {
        layers.add(registerModule(Integer.toString(layers.size()), m));
        return this;
    }

    /** The child at position i. */
    public Module get(int i) {
        if (i < 0 || i >= layers.size()) {
            throw new IndexOutOfBoundsException("Sequential.get: index " + i + " out of range for " + layers.size() + " layers");
        }
        return layers.get(i);
    }

    /** Number of children. */
    public int size() {
        return layers.size();
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Module m : layers) h = m.forward(h);
        return h;
    }
}
