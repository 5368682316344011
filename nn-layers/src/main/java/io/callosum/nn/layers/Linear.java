package io.callosum.nn.layers;

import io.callosum.nn.Module;
import io.callosum.nn.init.Generators;
import io.callosum.nn.init.Init;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;

/**
 * y = x·Wᵀ + b over the last dim; weight [out, in], PyTorch's default initialisation. Without a generator the
 * weights come from {@link Generators#next()}; a layer without a bias comes from {@link #builder}.
 */
public final class Linear extends Module {
    private final int in, out;

    /** {@code nn.Linear(in, out)}: a bias, weights from the default generator. */
    public Linear(int in, int out) {
        this(builder(in, out));
    }

    /** A layer with a bias whose weights are drawn from g. */
    public Linear(int in, int out, Generator g) {
        this(builder(in, out).generator(g));
    }

    private Linear(Builder b) {
        this.in = b.in;
        this.out = b.out;
        Generator g = b.generator != null ? b.generator : Generators.next();
        Tensor w = registerParameter("weight", Init.defaultWeight(Tensor.empty(out, in), g));
        if (b.bias) registerParameter("bias", Init.defaultBias(Tensor.empty(out), w, g));
    }

    /** Starts a layer from in to out features: a bias and the default generator unless set. */
    public static Builder builder(int in, int out) {
        return new Builder(in, out);
    }

    /** Named settings for a {@link Linear}. */
    public static final class Builder {
        private final int in, out;
        private boolean bias = true;
        private Generator generator;

        private Builder(int in, int out) {
            if (in < 1 || out < 1) throw new IllegalArgumentException("Linear: features must be >= 1, got in=" + in + ", out=" + out);
            this.in = in;
            this.out = out;
        }

        /** Whether the layer adds a learned bias (default true). */
        public Builder bias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /** The generator the weights are drawn from, instead of the process-wide default. */
        public Builder generator(Generator g) {
            if (g == null) throw new IllegalArgumentException("Linear: generator is null; leave it unset for the default generator");
            this.generator = g;
            return this;
        }

        /** The layer, its weights drawn now. */
        public Linear build() {
            return new Linear(this);
        }
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
