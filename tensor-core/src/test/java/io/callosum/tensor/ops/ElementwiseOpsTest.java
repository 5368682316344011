package io.callosum.tensor.ops;

import io.callosum.tensor.DType;
import io.callosum.tensor.GradCheck;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.testing.DeviceCase;
import io.callosum.tensor.testing.Ref;
import org.apache.commons.numbers.gamma.Erf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every unary and binary elementwise op against a double-precision reference, with gradchecks, on every backend. */
class ElementwiseOpsTest {

    /** name, op, double reference, input range, kinks to keep gradcheck inputs away from, differentiable */
    record Unary(String name, UnaryOperator<Tensor> op, DoubleUnaryOperator ref, double lo, double hi, double[] kinks, boolean grad) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Unary> unaries() {
        double[] none = {};
        double[] zero = {0};
        return Stream.of(
                new Unary("neg", Tensor::neg, x -> -x, -3, 3, none, true),
                new Unary("abs", Tensor::abs, Math::abs, -3, 3, zero, true),
                new Unary("exp", Tensor::exp, Math::exp, -3, 3, none, true),
                new Unary("log", Tensor::log, Math::log, 0.2, 4, none, true),
                new Unary("sqrt", Tensor::sqrt, Math::sqrt, 0.2, 4, none, true),
                new Unary("rsqrt", Tensor::rsqrt, x -> 1 / Math.sqrt(x), 0.3, 4, none, true),
                new Unary("square", Tensor::square, x -> x * x, -3, 3, none, true),
                new Unary("reciprocal", Tensor::reciprocal, x -> 1 / x, 0.3, 3, none, true),
                new Unary("sin", Tensor::sin, Math::sin, -3, 3, none, true),
                new Unary("cos", Tensor::cos, Math::cos, -3, 3, none, true),
                new Unary("relu", Tensor::relu, x -> Math.max(x, 0), -3, 3, zero, true),
                new Unary("leakyRelu", t -> t.leakyRelu(0.1), x -> x > 0 ? x : 0.1 * x, -3, 3, zero, true),
                new Unary("sigmoid", Tensor::sigmoid, x -> 1 / (1 + Math.exp(-x)), -5, 5, none, true),
                new Unary("softplus", Tensor::softplus, x -> Math.log1p(Math.exp(x)), -5, 5, none, true),
                new Unary("softplus past its threshold", Tensor::softplus, x -> x > 20 ? x : Math.log1p(Math.exp(x)), 18, 30, new double[]{20}, true),
                new Unary("tanh", Tensor::tanh, Math::tanh, -3, 3, none, true),
                new Unary("gelu", Tensor::gelu, x -> 0.5 * x * (1 + Erf.value(x / Math.sqrt(2))), -3, 3, none, true),
                new Unary("erf", Tensor::erf, Erf::value, -2.5, 2.5, none, true),
                new Unary("pow2.5", t -> t.pow(2.5), x -> Math.pow(x, 2.5), 0.2, 3, none, true),
                new Unary("add", t -> t.add(1.5), x -> x + 1.5, -3, 3, none, true),
                new Unary("mul", t -> t.mul(-2.5), x -> x * -2.5, -3, 3, none, true),
                new Unary("rsub", t -> t.rsub(2), x -> 2 - x, -3, 3, none, true),
                new Unary("rdiv", t -> t.rdiv(2), x -> 2 / x, 0.3, 3, none, true),
                new Unary("clamp", t -> t.clamp(-1, 0.5), x -> Math.min(0.5, Math.max(-1, x)), -3, 3, new double[]{-1, 0.5}, true),
                new Unary("floor", Tensor::floor, Math::floor, -3, 3, none, false),
                new Unary("ceil", Tensor::ceil, Math::ceil, -3, 3, none, false),
                new Unary("round", Tensor::round, Math::rint, -3, 3, none, false),
                new Unary("sign", Tensor::sign, Math::signum, -3, 3, none, false));
    }

    static Stream<Object[]> unaryCases() {
        return DeviceCase.all().flatMap(dc -> unaries().map(u -> new Object[]{dc, u}));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("unaryCases")
    void unaryMatchesReferenceAndGradient(DeviceCase dc, Unary u) throws Exception {
        try (var on = dc.activate()) {
            for (int[] shape : new int[][]{{}, {1}, {7}, {3, 1, 5}, {2, 33, 17}}) {
                float[] x = Ref.awayFrom(shape.length * 31L + 7, Ref.numel(shape), u.lo, u.hi, 0.05, u.kinks);
                Tensor t = dc.tensor(x, shape);
                Tensor y = u.op.apply(t);
                assertArrayEquals(shape, y.shape(), u.name + " keeps the shape");
                double[] expected = new double[x.length];
                for (int i = 0; i < x.length; i++) expected[i] = u.ref.applyAsDouble(x[i]);
                Ref.assertClose(u.name + " " + java.util.Arrays.toString(shape), expected, y.toFloatArray(), 2e-6, 2e-6);
                // the same op on a non-contiguous (transposed) view
                if (shape.length == 3) {
                    Tensor tv = t.transpose(0, 2);
                    float[] got = u.op.apply(tv).contiguous().toFloatArray();
                    float[] want = u.op.apply(tv.contiguous()).toFloatArray();
                    assertArrayEquals(want, got, u.name + " on a strided view");
                }
            }
            if (u.grad) {
                float[] x = Ref.awayFrom(11, 12, u.lo, u.hi, 0.05, u.kinks);
                GradCheck.assertGradients(u.name, xs -> u.op.apply(xs[0]), dc.tensor(x, 3, 4));
            }
        }
    }

    record Binary(String name, java.util.function.BinaryOperator<Tensor> op, java.util.function.DoubleBinaryOperator ref,
                  double lo, double hi) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Binary> binaries() {
        return Stream.of(
                new Binary("add", Tensor::add, Double::sum, -3, 3),
                new Binary("sub", Tensor::sub, (a, b) -> a - b, -3, 3),
                new Binary("mul", Tensor::mul, (a, b) -> a * b, -3, 3),
                new Binary("div", Tensor::div, (a, b) -> a / b, 0.5, 3),
                new Binary("pow", Tensor::pow, Math::pow, 0.5, 2),
                new Binary("maximum", Tensor::maximum, Math::max, -3, 3),
                new Binary("minimum", Tensor::minimum, Math::min, -3, 3));
    }

    static Stream<Object[]> binaryCases() {
        return DeviceCase.all().flatMap(dc -> binaries().map(b -> new Object[]{dc, b}));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("binaryCases")
    void binaryBroadcastsLikeNumpy(DeviceCase dc, Binary b) throws Exception {
        try (var on = dc.activate()) {
            int[][][] pairs = {{{4, 5}, {4, 5}}, {{4, 1}, {1, 5}}, {{2, 3, 4}, {4}}, {{1}, {3, 1, 2}}, {{}, {2, 2}}, {{3, 1, 1}, {1, 2, 1}}};
            int seed = 0;
            for (int[][] p : pairs) {
                int[] sa = p[0], sb = p[1];
                float[] a = Ref.uniform(++seed, Ref.numel(sa), b.lo, b.hi);
                float[] c = Ref.uniform(++seed + 100, Ref.numel(sb), b.lo, b.hi);
                Tensor y = b.op.apply(dc.tensor(a, sa), dc.tensor(c, sb));
                int[] out = broadcast(sa, sb);
                assertArrayEquals(out, y.shape(), b.name + " result shape");
                double[] expected = new double[Ref.numel(out)];
                int[] idx = new int[out.length];
                for (int i = 0; i < expected.length; i++) {
                    unravel(i, out, idx);
                    expected[i] = b.ref.applyAsDouble(a[bcastIndex(idx, sa)], c[bcastIndex(idx, sb)]);
                }
                Ref.assertClose(b.name + " " + java.util.Arrays.toString(sa) + " with " + java.util.Arrays.toString(sb),
                        expected, y.toFloatArray(), 2e-6, 2e-6);
            }
            float[] a = Ref.uniform(5, 6, b.lo, b.hi), c = Ref.uniform(6, 3, b.lo, b.hi);
            GradCheck.assertGradients(b.name, xs -> b.op.apply(xs[0], xs[1]), dc.tensor(a, 2, 3), dc.tensor(c, 3));
        }
    }

    static int[] broadcast(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] o = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            o[i] = Math.max(da, db);
        }
        return o;
    }

    static void unravel(int flat, int[] shape, int[] idx) {
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
    }

    static int bcastIndex(int[] idx, int[] shape) {
        int lead = idx.length - shape.length, flat = 0;
        for (int d = 0; d < shape.length; d++) flat = flat * shape[d] + (shape[d] == 1 ? 0 : idx[lead + d]);
        return flat;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void comparisonsAndWhere(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor a = dc.tensor(new float[]{1, 2, 3, Float.NaN}, 4);
            Tensor b = dc.tensor(new float[]{2}, 1);
            assertEquals(DType.UINT8, a.lt(b).dtype());
            assertArrayEquals(new int[]{1, 0, 0, 0}, a.lt(b).toIntArray());
            assertArrayEquals(new int[]{0, 1, 0, 0}, a.eq(2).toIntArray());
            assertArrayEquals(new int[]{1, 0, 1, 1}, a.ne(b).toIntArray(), "NaN != anything");
            assertArrayEquals(new int[]{0, 1, 1, 0}, a.ge(2).toIntArray());
            assertArrayEquals(new int[]{0, 0, 0, 1}, a.isNonFinite().toIntArray());
            Tensor w = Tensor.where(a.gt(1.5), a, dc.tensor(new float[]{-1}, 1));
            assertArrayEquals(new float[]{-1, 2, 3, -1}, w.toFloatArray());
            Function<Tensor[], Tensor> f = xs -> Tensor.where(xs[0].gt(0), xs[0].mul(xs[1]), xs[1].square());
            GradCheck.assertGradients("where", f, dc.tensor(Ref.awayFrom(3, 6, -2, 2, 0.1, 0), 6), dc.tensor(Ref.uniform(4, 6, -2, 2), 6));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void integerArithmeticPromotesToFloatOnlyWithFloats(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor i = dc.ints(new int[]{1, -2, 7}, 3);
            assertEquals(DType.INT32, i.add(i).dtype());
            assertArrayEquals(new int[]{2, -4, 14}, i.add(i).toIntArray());
            Tensor f = i.add(dc.tensor(new float[]{0.5f}, 1));
            assertEquals(DType.FLOAT32, f.dtype());
            assertArrayEquals(new float[]{1.5f, -1.5f, 7.5f}, f.toFloatArray());
            assertArrayEquals(new float[]{0.5f, -1f, 3.5f}, i.div(dc.ints(new int[]{2}, 1)).toFloatArray(), "int / int is true division");
        }
    }
}
