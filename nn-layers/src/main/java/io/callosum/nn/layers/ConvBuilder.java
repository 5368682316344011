package io.callosum.nn.layers;

import io.callosum.nn.init.Generators;
import io.callosum.tensor.Generator;

import java.util.Arrays;

/**
 * The settings Conv2d and ConvTranspose2d share, named instead of positional, with PyTorch's defaults: stride 1,
 * padding 0, dilation 1, groups 1, a bias, and weights drawn from {@link Generators#next()} unless a generator is
 * given. Each value is checked when set, so a mistake fails at the line that made it.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract class ConvBuilder<B extends ConvBuilder<B>> {
    final String layer;
    final int in, out;
    int[] kernel, stride = {1, 1}, padding = {0, 0}, dilation = {1, 1};
    int groups = 1;
    boolean bias = true;
    private Generator generator;

    ConvBuilder(String layer, int in, int out, int kernel) {
        if (in < 1 || out < 1) throw new IllegalArgumentException(layer + ": channels must be >= 1, got in=" + in + ", out=" + out);
        this.layer = layer;
        this.in = in;
        this.out = out;
        this.kernel = pair("kernel", new int[]{kernel, kernel}, 1);
    }

    /** This builder as its own type, so the shared setters chain into the subclass's. */
    abstract B self();

    /** Square kernel of side k. */
    public B kernel(int k) {
        return kernel(k, k);
    }

    /** Kernel of kh rows by kw columns. */
    public B kernel(int kh, int kw) {
        kernel = pair("kernel", new int[]{kh, kw}, 1);
        return self();
    }

    /** The same stride along both axes (default 1). */
    public B stride(int s) {
        return stride(s, s);
    }

    /** Stride along height and width. */
    public B stride(int sh, int sw) {
        stride = pair("stride", new int[]{sh, sw}, 1);
        return self();
    }

    /** The same zero padding on both axes (default 0). */
    public B padding(int p) {
        return padding(p, p);
    }

    /** Zero padding along height and width. */
    public B padding(int ph, int pw) {
        padding = pair("padding", new int[]{ph, pw}, 0);
        return self();
    }

    /** The same dilation along both axes (default 1). */
    public B dilation(int d) {
        return dilation(d, d);
    }

    /** Dilation along height and width. */
    public B dilation(int dh, int dw) {
        dilation = pair("dilation", new int[]{dh, dw}, 1);
        return self();
    }

    /** Channel groups (default 1); both channel counts must be divisible by it. */
    public B groups(int groups) {
        if (groups < 1 || in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException(layer + ": groups=" + groups + " must be >= 1 and divide in=" + in + " and out=" + out);
        }
        this.groups = groups;
        return self();
    }

    /** Whether the layer adds a learned bias (default true, as PyTorch). */
    public B bias(boolean bias) {
        this.bias = bias;
        return self();
    }

    /** The generator the weights are drawn from, instead of the process-wide default. */
    public B generator(Generator g) {
        if (g == null) throw new IllegalArgumentException(layer + ": generator is null; leave it unset for the default generator");
        this.generator = g;
        return self();
    }

    /** The geometry as set, copied so the builder can go on to build another layer. */
    ConvShape shape() {
        return new ConvShape(in, out, groups, kernel.clone(), stride.clone(), padding.clone(), dilation.clone());
    }

    /** The generator given, or a fresh split of the default one. */
    Generator generatorOrDefault() {
        return generator != null ? generator : Generators.next();
    }

    /** Validates a (height, width) pair: two values, each at least min. */
    int[] pair(String what, int[] v, int min) {
        if (v[0] < min || v[1] < min) {
            throw new IllegalArgumentException(layer + ": " + what + " must be >= " + min + ", got " + Arrays.toString(v));
        }
        return v;
    }
}
