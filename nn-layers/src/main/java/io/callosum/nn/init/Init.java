package io.callosum.nn.init;

import io.callosum.tensor.Generator;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;

/**
 * In-place initialisers with PyTorch's formulas ({@code torch.nn.init}): fans from the weight's shape (dim 1 ×
 * receptive field is fan-in, dim 0 × receptive field is fan-out), gains per non-linearity. Every draw comes from the
 * generator passed in, so a model built from a seed is the same model every time.
 */
public final class Init {
    private Init() {
    }

    /** Which fan a Kaiming initialiser preserves: the forward pass's variance (FAN_IN) or the backward pass's. */
    public enum FanMode {
        /** Preserve the forward pass's variance. */
        FAN_IN,
        /** Preserve the backward pass's variance. */
        FAN_OUT
    }

    /** The non-linearities with a recommended gain ({@code torch.nn.init.calculate_gain}). */
    public enum Nonlinearity {
        /** No non-linearity (gain 1). */
        LINEAR,
        /** Sigmoid (gain 1). */
        SIGMOID,
        /** Tanh (gain 5/3). */
        TANH,
        /** ReLU (gain √2). */
        RELU,
        /** Leaky ReLU (gain √(2 / (1 + slope²))). */
        LEAKY_RELU;

        /** The recommended gain of this non-linearity (negativeSlope is used by LEAKY_RELU only). */
        public double gain(double negativeSlope) {
            return switch (this) {
                case LINEAR, SIGMOID -> 1.0;
                case TANH -> 5.0 / 3.0;
                case RELU -> Math.sqrt(2.0);
                case LEAKY_RELU -> Math.sqrt(2.0 / (1 + negativeSlope * negativeSlope));
            };
        }
    }

    /** {fanIn, fanOut} of a weight of at least two dimensions. */
    public static int[] fans(Tensor w) {
        int[] s = w.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException("init: fan in and fan out need a tensor of >= 2 dims, got " + Shape.str(s));
        }
        int receptive = 1;
        for (int d = 2; d < s.length; d++) receptive *= s[d];
        return new int[]{s[1] * receptive, s[0] * receptive};
    }

    private static int fan(Tensor w, FanMode mode) {
        return fans(w)[mode == FanMode.FAN_IN ? 0 : 1];
    }

    /** U(low, high). */
    public static Tensor uniform(Tensor t, double low, double high, Generator g) {
        return fillFrom(t, () -> Tensor.rand(g, t.shape()).mul(high - low).add(low));
    }

    /** N(mean, std²). */
    public static Tensor normal(Tensor t, double mean, double std, Generator g) {
        return fillFrom(t, () -> Tensor.randn(g, t.shape()).mul(std).add(mean));
    }

    /** Fills t with value. */
    public static Tensor constant(Tensor t, double value) {
        try (Grad.Guard ng = Grad.disabled()) {
            return t.fill(value);
        }
    }

    /** Fills t with zeros. */
    public static Tensor zeros(Tensor t) {
        return constant(t, 0);
    }

    /** Fills t with ones. */
    public static Tensor ones(Tensor t) {
        return constant(t, 1);
    }

    /** He et al. uniform: U(−b, b) with b = gain·√(3 / fan). */
    public static Tensor kaimingUniform(Tensor w, double negativeSlope, FanMode mode, Nonlinearity nl, Generator g) {
        double bound = nl.gain(negativeSlope) * Math.sqrt(3.0 / fan(w, mode));
        return uniform(w, -bound, bound, g);
    }

    /** He et al. normal: N(0, (gain / √fan)²). */
    public static Tensor kaimingNormal(Tensor w, double negativeSlope, FanMode mode, Nonlinearity nl, Generator g) {
        return normal(w, 0, nl.gain(negativeSlope) / Math.sqrt(fan(w, mode)), g);
    }

    /** Glorot uniform: U(−b, b) with b = gain·√(6 / (fanIn + fanOut)). */
    public static Tensor xavierUniform(Tensor w, double gain, Generator g) {
        int[] f = fans(w);
        double bound = gain * Math.sqrt(6.0 / (f[0] + f[1]));
        return uniform(w, -bound, bound, g);
    }

    /** Glorot normal: N(0, gain²·2 / (fanIn + fanOut)). */
    public static Tensor xavierNormal(Tensor w, double gain, Generator g) {
        int[] f = fans(w);
        return normal(w, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])), g);
    }

    /**
     * PyTorch's default for Linear and Conv weights, {@code kaiming_uniform_(w, a=√5)}: U(−1/√fanIn, 1/√fanIn);
     * the matching bias default is {@link #defaultBias}.
     */
    public static Tensor defaultWeight(Tensor w, Generator g) {
        return kaimingUniform(w, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, g);
    }

    /** PyTorch's default bias: U(−1/√fanIn, 1/√fanIn) with the fan-in of the layer's weight. */
    public static Tensor defaultBias(Tensor bias, Tensor weight, Generator g) {
        int fanIn = fans(weight)[0];
        double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
        return uniform(bias, -bound, bound, g);
    }

    private static Tensor fillFrom(Tensor t, java.util.function.Supplier<Tensor> values) {
        try (Grad.Guard ng = Grad.disabled(); Scope s = Scope.open()) {
            Tensor v = values.get();
            t.copyFrom(v.device().equals(t.device()) ? v : v.to(t.device()));
        }
        return t;
    }
}
