package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.nn.init.Init;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;

/** y = x·Wᵀ + b over the last dim; weight [out, in], PyTorch's default initialisation. */
public final class Linear extends Module {
    private final int in, out;

    public Linear(int in, int out, boolean bias, Generator g) {
        if (in < 1 || out < 1) throw new IllegalArgumentException("Linear: features must be >= 1, got in=" + in + ", out=" + out);
        this.in = in;
        this.out = out;
        Tensor w = registerParameter("weight", Init.defaultWeight(Tensor.empty(out, in), g));
        if (bias) registerParameter("bias", Init.defaultBias(Tensor.empty(out), w, g));
    }

    public Linear(int in, int out, Generator g) {
        this(in, out, true, g);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() < 1 || x.size(x.dim() - 1) != in) {
            throw new IllegalArgumentException("Linear(" + in + ", " + out + "): input's last dim must be " + in + ", got shape "
                    + io.callosum.tensor.Shape.str(x.shape()));
        }
        return Functional.linear(x, parameter("weight"), optionalParameter("bias"));
    }

    @Override
    protected String describe() {
        return "Linear(" + in + ", " + out + ", bias=" + (optionalParameter("bias") != null) + ")";
    }
}
