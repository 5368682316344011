package io.callosum.tensor.ops;

import io.callosum.tensor.Backends;
import io.callosum.tensor.DType;
import io.callosum.tensor.Device;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;

/** Random tensors: each call takes one long from the generator and fills with the counter-based kernel. */
public final class Randoms {
    private Randoms() {
    }

    /** FLOAT32 uniform in [lo, hi) on a device; hi below lo is an error. */
    public static Tensor uniform(Generator gen, Device device, double lo, double hi, int... shape) {
        return uniform(gen, device, DType.FLOAT32, lo, hi, shape);
    }

    /** Uniform in [lo, hi) in a floating dtype (the same draws for every dtype, rounded to it). */
    public static Tensor uniform(Generator gen, Device device, DType dtype, double lo, double hi, int... shape) {
        if (!(hi >= lo)) throw new IllegalArgumentException("rand: upper bound " + hi + " is below lower bound " + lo);
        Shape.validate("rand", shape);
        floating("rand", dtype);
        Tensor out = Tensor.empty(device, dtype, shape);
        Backends.get(device).fillUniform(out, gen.nextLong(), lo, hi);
        return out;
    }

    /** FLOAT32 normal with the given mean and standard deviation (not negative) on a device. */
    public static Tensor normal(Generator gen, Device device, double mean, double std, int... shape) {
        return normal(gen, device, DType.FLOAT32, mean, std, shape);
    }

    /**
     * Normal with the given mean and standard deviation (not negative) in a floating dtype on a device (the same draws
     * for every dtype, rounded to it).
     */
    public static Tensor normal(Generator gen, Device device, DType dtype, double mean, double std, int... shape) {
        if (!(std >= 0)) throw new IllegalArgumentException("randn: std must be >= 0, got " + std);
        Shape.validate("randn", shape);
        floating("randn", dtype);
        Tensor out = Tensor.empty(device, dtype, shape);
        Backends.get(device).fillNormal(out, gen.nextLong(), mean, std);
        return out;
    }

    /** 1 with probability p, else 0, in the given dtype. */
    public static Tensor bernoulli(Generator gen, Device device, DType dtype, double p, int... shape) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("bernoulli: p must be in [0, 1], got " + p);
        Shape.validate("bernoulli", shape);
        Tensor out = Tensor.empty(device, dtype, shape);
        Backends.get(device).fillBernoulli(out, gen.nextLong(), p);
        return out;
    }

    private static void floating(String op, DType dtype) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException(op + ": dtype must be float32 or float64, got " + dtype + " (use randint for integers)");
        }
    }

    /** INT32 uniform in [0, high), high from 1 to 2²⁴ (drawn as floats, which hold such integers exactly). */
    public static Tensor randint(Generator gen, Device device, int high, int... shape) {
        if (high < 1 || high > (1 << 24)) throw new IllegalArgumentException("randint: high must be in [1, 2^24], got " + high);
        try (Tensor u = uniform(gen, device, 0, high, shape); Tensor f = u.floor().clamp(0, high - 1)) {
            return Shapes.castRaw(f, DType.INT32);
        }
    }
}
