package io.callosum.tensor.float64;

import io.callosum.tensor.DType;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Index;
import io.callosum.tensor.Tensor;
import org.apache.commons.numbers.gamma.Erf;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FLOAT64 forward results against plain double references. The inputs differ from each other by less than float32
 * can resolve, so an op that silently computed in float32 would fail here.
 */
class Float64OpsTest {
    /** 1 + 2⁻⁴⁰ and friends: distinct in double, all equal to 1 in float32. */
    static final double TINY = 0x1p-40;

    static double[] values(int seed, int n, double lo, double hi) {
        double[] v = new double[n];
        long z = 0x9E3779B97F4A7C15L * (seed + 1);
        for (int i = 0; i < n; i++) {
            z ^= z << 13;
            z ^= z >>> 7;
            z ^= z << 17;
            v[i] = lo + (hi - lo) * ((z >>> 11) * 0x1p-53);
        }
        return v;
    }

    static void assertClose(String what, double[] expected, Tensor actual, double rel) {
        assertEquals(DType.FLOAT64, actual.dtype(), what + ": dtype");
        double[] got = actual.toDoubleArray();
        assertEquals(expected.length, got.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], g = got[i];
            if (Double.isNaN(e) && Double.isNaN(g)) continue;
            double tol = rel * Math.max(1, Math.abs(e));
            assertTrue(Math.abs(e - g) <= tol, what + ": element " + i + " expected " + e + " got " + g);
        }
    }

    @Test
    void keepsDoublePrecisionWhereFloat32WouldLoseIt() {
        Tensor x = Tensor.of(new double[]{1 + TINY, 1 + 2 * TINY, 1}, 3);
        assertArrayEquals(new double[]{1, 2, 0}, x.sub(1).mul(0x1p40).toDoubleArray());
        assertEquals(3 * TINY, x.sum().sub(3).doubleItem());
        assertEquals(1, x.argmax().intItem());
        assertArrayEquals(new byte[]{1, 0, 1}, x.lt(1 + 2 * TINY).toByteArray());
        assertEquals(1 + TINY, x.getDouble(0));
        Tensor y = Tensor.zeros(DType.FLOAT64, 2).set(0.1, 1);
        assertEquals(0.1, y.getDouble(1));
        assertEquals(0, Tensor.of(new double[]{0.1}, 1).gt(0.1).toByteArray()[0], "the scalar 0.1 is compared in double");
    }

    @Test
    void unaryMathMatchesJavaMath() {
        double[] x = values(1, 40, 0.05, 3);
        Map<String, Object[]> ops = new java.util.LinkedHashMap<>();
        ops.put("exp", new Object[]{(Function<Tensor, Tensor>) Tensor::exp, (DoubleUnaryOperator) Math::exp});
        ops.put("log", new Object[]{(Function<Tensor, Tensor>) Tensor::log, (DoubleUnaryOperator) Math::log});
        ops.put("sqrt", new Object[]{(Function<Tensor, Tensor>) Tensor::sqrt, (DoubleUnaryOperator) Math::sqrt});
        ops.put("rsqrt", new Object[]{(Function<Tensor, Tensor>) Tensor::rsqrt, (DoubleUnaryOperator) v -> 1 / Math.sqrt(v)});
        ops.put("sin", new Object[]{(Function<Tensor, Tensor>) Tensor::sin, (DoubleUnaryOperator) Math::sin});
        ops.put("cos", new Object[]{(Function<Tensor, Tensor>) Tensor::cos, (DoubleUnaryOperator) Math::cos});
        ops.put("tanh", new Object[]{(Function<Tensor, Tensor>) Tensor::tanh, (DoubleUnaryOperator) Math::tanh});
        ops.put("sigmoid", new Object[]{(Function<Tensor, Tensor>) Tensor::sigmoid, (DoubleUnaryOperator) v -> 1 / (1 + Math.exp(-v))});
        ops.put("erf", new Object[]{(Function<Tensor, Tensor>) Tensor::erf, (DoubleUnaryOperator) Erf::value});
        ops.put("gelu", new Object[]{(Function<Tensor, Tensor>) Tensor::gelu, (DoubleUnaryOperator) v -> 0.5 * v * (1 + Erf.value(v / Math.sqrt(2)))});
        ops.put("softplus", new Object[]{(Function<Tensor, Tensor>) Tensor::softplus, (DoubleUnaryOperator) v -> Math.log1p(Math.exp(v))});
        ops.put("square", new Object[]{(Function<Tensor, Tensor>) Tensor::square, (DoubleUnaryOperator) v -> v * v});
        ops.put("reciprocal", new Object[]{(Function<Tensor, Tensor>) Tensor::reciprocal, (DoubleUnaryOperator) v -> 1 / v});
        ops.put("neg", new Object[]{(Function<Tensor, Tensor>) Tensor::neg, (DoubleUnaryOperator) v -> -v});
        ops.put("abs∘sub", new Object[]{(Function<Tensor, Tensor>) t -> t.sub(1.5).abs(), (DoubleUnaryOperator) v -> Math.abs(v - 1.5)});
        ops.put("sign∘sub", new Object[]{(Function<Tensor, Tensor>) t -> t.sub(1.5).sign(), (DoubleUnaryOperator) v -> Math.signum(v - 1.5)});
        ops.put("relu∘sub", new Object[]{(Function<Tensor, Tensor>) t -> t.sub(1.5).relu(), (DoubleUnaryOperator) v -> Math.max(v - 1.5, 0)});
        ops.put("leakyRelu", new Object[]{(Function<Tensor, Tensor>) t -> t.sub(1.5).leakyRelu(0.1), (DoubleUnaryOperator) v -> v > 1.5 ? v - 1.5 : 0.1 * (v - 1.5)});
        ops.put("floor", new Object[]{(Function<Tensor, Tensor>) t -> t.mul(3).floor(), (DoubleUnaryOperator) v -> Math.floor(v * 3)});
        ops.put("ceil", new Object[]{(Function<Tensor, Tensor>) t -> t.mul(3).ceil(), (DoubleUnaryOperator) v -> Math.ceil(v * 3)});
        ops.put("round", new Object[]{(Function<Tensor, Tensor>) t -> t.mul(3).round(), (DoubleUnaryOperator) v -> Math.rint(v * 3)});
        ops.put("pow 2.5", new Object[]{(Function<Tensor, Tensor>) t -> t.pow(2.5), (DoubleUnaryOperator) v -> Math.pow(v, 2.5)});
        ops.put("clamp", new Object[]{(Function<Tensor, Tensor>) t -> t.clamp(0.5, 2), (DoubleUnaryOperator) v -> Math.min(Math.max(v, 0.5), 2)});
        ops.put("rsub/rdiv", new Object[]{(Function<Tensor, Tensor>) t -> t.rsub(1).rdiv(2), (DoubleUnaryOperator) v -> 2 / (1 - v)});
        Tensor t = Tensor.of(x, 5, 8);
        for (var e : ops.entrySet()) {
            @SuppressWarnings("unchecked") Function<Tensor, Tensor> op = (Function<Tensor, Tensor>) e.getValue()[0];
            DoubleUnaryOperator ref = (DoubleUnaryOperator) e.getValue()[1];
            double[] want = new double[x.length];
            for (int i = 0; i < x.length; i++) want[i] = ref.applyAsDouble(x[i]);
            assertClose(e.getKey(), want, op.apply(t), 1e-14);
            assertClose(e.getKey() + " on a transposed view", transpose(want, 5, 8), op.apply(t.t()), 1e-14);
        }
    }

    static double[] transpose(double[] v, int rows, int cols) {
        double[] out = new double[v.length];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) out[c * rows + r] = v[r * cols + c];
        return out;
    }

    @Test
    void binaryOpsBroadcastLikeTheReference() {
        double[] a = values(2, 12, -2, 2), b = values(3, 4, 0.5, 2);
        Tensor ta = Tensor.of(a, 3, 4), tb = Tensor.of(b, 4);
        Map<String, Object[]> ops = Map.of(
                "add", new Object[]{(java.util.function.BinaryOperator<Tensor>) Tensor::add, (DoubleBinaryOperator) Double::sum},
                "sub", new Object[]{(java.util.function.BinaryOperator<Tensor>) Tensor::sub, (DoubleBinaryOperator) (p, q) -> p - q},
                "mul", new Object[]{(java.util.function.BinaryOperator<Tensor>) Tensor::mul, (DoubleBinaryOperator) (p, q) -> p * q},
                "div", new Object[]{(java.util.function.BinaryOperator<Tensor>) Tensor::div, (DoubleBinaryOperator) (p, q) -> p / q},
                "pow", new Object[]{(java.util.function.BinaryOperator<Tensor>) (p, q) -> p.abs().pow(q), (DoubleBinaryOperator) (p, q) -> Math.pow(Math.abs(p), q)},
                "maximum", new Object[]{(java.util.function.BinaryOperator<Tensor>) Tensor::maximum, (DoubleBinaryOperator) Math::max},
                "minimum", new Object[]{(java.util.function.BinaryOperator<Tensor>) Tensor::minimum, (DoubleBinaryOperator) Math::min});
        for (var e : ops.entrySet()) {
            @SuppressWarnings("unchecked") var op = (java.util.function.BinaryOperator<Tensor>) e.getValue()[0];
            DoubleBinaryOperator ref = (DoubleBinaryOperator) e.getValue()[1];
            double[] want = new double[12];
            for (int i = 0; i < 12; i++) want[i] = ref.applyAsDouble(a[i], b[i % 4]);
            assertClose(e.getKey(), want, op.apply(ta, tb), 1e-15);
        }
        byte[] gt = ta.gt(tb).toByteArray(), le = ta.le(tb).toByteArray(), eq = ta.eq(ta.add(0)).toByteArray();
        for (int i = 0; i < 12; i++) {
            assertEquals(a[i] > b[i % 4] ? 1 : 0, gt[i], "gt " + i);
            assertEquals(a[i] <= b[i % 4] ? 1 : 0, le[i], "le " + i);
            assertEquals(1, eq[i], "eq " + i);
        }
    }

    @Test
    void reductionsOverDimsAndAll() {
        double[] x = values(4, 24, -1, 1);
        x[5] = 1 + TINY;
        x[17] = 1 + 2 * TINY;
        Tensor t = Tensor.of(x, 2, 3, 4);
        double total = 0, max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY;
        for (double v : x) {
            total += v;
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertClose("sum", new double[]{total}, t.sum(), 1e-15);
        assertClose("mean", new double[]{total / 24}, t.mean(), 1e-15);
        assertClose("max", new double[]{max}, t.max(), 0);
        assertClose("min", new double[]{min}, t.min(), 0);
        assertEquals(17, t.argmax().intItem());
        double[] sum1 = new double[8], max2 = new double[6];
        int[] argmax2 = new int[6];
        java.util.Arrays.fill(max2, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) {
            double v = x[(i * 3 + j) * 4 + k];
            sum1[i * 4 + k] += v;
            if (v > max2[i * 3 + j]) {
                max2[i * 3 + j] = v;
                argmax2[i * 3 + j] = k;
            }
        }
        Tensor s1 = t.sum(1, true);
        assertArrayEquals(new int[]{2, 1, 4}, s1.shape());
        assertClose("sum(1)", sum1, s1, 1e-15);
        assertClose("max(2)", max2, t.max(2, false), 0);
        assertArrayEquals(argmax2, t.argmax(2, false).toIntArray());
        double[] mean02 = new double[3];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) mean02[j] += x[(i * 3 + j) * 4 + k] / 8;
        assertClose("mean(0, 2)", mean02, t.mean(new int[]{0, 2}, false), 1e-15);
        Tensor.TopK top = t.reshape(-1).topk(2, 0, true);
        assertArrayEquals(new int[]{17, 5}, top.indices().toIntArray(), "top-2 tells 1 + 2⁻³⁹ from 1 + 2⁻⁴⁰");
        assertClose("topk values", new double[]{1 + 2 * TINY, 1 + TINY}, top.values(), 0);
        Tensor.ValuesIndices mwi = t.minWithIndices(1, false);
        assertEquals(DType.FLOAT64, mwi.values().dtype());
    }

    @Test
    void matmulMatchesTheDoubleReference() {
        int[][][] cases = {{{3, 4}, {4, 5}}, {{2, 3, 4}, {4, 2}}, {{5, 4}, {2, 4, 3}}, {{1, 17}, {17, 1}}};
        int seed = 10;
        for (int[][] c : cases) {
            double[] a = values(++seed, numel(c[0]), -1, 1), b = values(++seed, numel(c[1]), -1, 1);
            Tensor y = Tensor.of(a, c[0]).matmul(Tensor.of(b, c[1]));
            int m = c[0][c[0].length - 2], k = c[0][c[0].length - 1], n = c[1][c[1].length - 1];
            int batchA = numel(c[0]) / (m * k), batchB = numel(c[1]) / (k * n), batch = Math.max(batchA, batchB);
            double[] want = new double[batch * m * n];
            for (int q = 0; q < batch; q++) for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[(batchA == 1 ? 0 : q) * m * k + i * k + p] * b[(batchB == 1 ? 0 : q) * k * n + p * n + j];
                want[(q * m + i) * n + j] = s;
            }
            assertClose(java.util.Arrays.deepToString(c), want, y, 1e-14);
        }
        Tensor a = Tensor.of(values(30, 12, -1, 1), 4, 3);
        assertClose("aᵀ @ a via a transposed view", a.t().contiguous().matmul(a).toDoubleArray(), a.t().matmul(a), 1e-15);
        assertEquals(1 + TINY, Tensor.of(new double[]{1, TINY}, 2).matmul(Tensor.of(new double[]{1, 1}, 2)).doubleItem());
    }

    static int numel(int[] s) {
        int n = 1;
        for (int d : s) n *= d;
        return n;
    }

    @Test
    void shapeAndIndexingOpsMoveValuesExactly() {
        double[] x = values(40, 24, -1, 1);
        Tensor t = Tensor.of(x, 2, 3, 4);
        Tensor p = t.permute(2, 0, 1).contiguous();
        assertEquals(DType.FLOAT64, p.dtype());
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) {
            assertEquals(x[(i * 3 + j) * 4 + k], p.getDouble(k, i, j));
        }
        assertArrayEquals(x, t.reshape(4, 6).flatten().toDoubleArray());
        assertEquals(x[1 * 12 + 2 * 4 + 3], t.index("1, 2, 3").doubleItem());
        assertArrayEquals(new double[]{x[4], x[6]}, t.index(Index.at(0), Index.at(1), Index.range(0, 4, 2)).toDoubleArray());
        assertArrayEquals(new double[]{x[13], x[14]}, t.slice(2, 1, 3, 1).select(0, 1).select(0, 0).toDoubleArray());
        Tensor c = Tensor.cat(0, t, t.mul(2));
        assertArrayEquals(new int[]{4, 3, 4}, c.shape());
        assertEquals(2 * x[23], c.getDouble(3, 2, 3));
        Tensor s = Tensor.stack(1, t, t.neg());
        assertArrayEquals(new int[]{2, 2, 3, 4}, s.shape());
        assertEquals(-x[23], s.getDouble(1, 1, 2, 3));
        Tensor g = t.gather(2, Tensor.of(new int[]{3, 0, 1, 2, 2, 2}, 2, 3, 1));
        assertArrayEquals(new double[]{x[3], x[4], x[9], x[14], x[18], x[22]}, g.toDoubleArray());
        Tensor sel = t.indexSelect(1, Tensor.of(new int[]{2, 0}, 2));
        assertEquals(x[2 * 4 + 1], sel.getDouble(0, 0, 1));
        assertEquals(x[12 + 1], sel.getDouble(1, 1, 1));
        assertArrayEquals(new double[]{x[3], x[2], x[1], x[0]}, t.index("0, 0").flip(0).toDoubleArray());
        Tensor padded = t.index("0, 0").pad(new int[]{1, 0}, TINY);
        assertArrayEquals(new double[]{TINY, x[0], x[1], x[2], x[3]}, padded.toDoubleArray());
        List<Tensor> parts = t.split(1, 0);
        assertEquals(DType.FLOAT64, parts.get(1).dtype());
        assertArrayEquals(t.index("1").toDoubleArray(), parts.get(1).squeeze(0).toDoubleArray());
    }

    @Test
    void whereAndMaskedFillSelectInDouble() {
        Tensor x = Tensor.of(new double[]{-1, 1 + TINY, 2, -TINY}, 4);
        Tensor w = Tensor.where(x.gt(0), x, Tensor.scalar(io.callosum.tensor.Device.CPU, DType.FLOAT64, TINY));
        assertArrayEquals(new double[]{TINY, 1 + TINY, 2, TINY}, w.toDoubleArray());
        assertArrayEquals(new double[]{1 + TINY, 1 + TINY, 2, 1 + TINY}, x.maskedFill(x.lt(1.5), 1 + TINY).toDoubleArray());
    }

    @Test
    void creationConversionAndPrinting() {
        assertEquals(DType.FLOAT64, Tensor.zeros(DType.FLOAT64, 2, 2).dtype());
        assertArrayEquals(new double[]{1, 1}, Tensor.ones(DType.FLOAT64, 2).toDoubleArray());
        assertArrayEquals(new double[]{0.1, 0.1}, Tensor.full(DType.FLOAT64, 0.1, 2).toDoubleArray());
        assertArrayEquals(new double[]{0, 0.1, 0.2, 0.30000000000000004}, Tensor.arange(0, 0.35, 0.1, DType.FLOAT64).toDoubleArray());
        Tensor nested = Tensor.of(new double[][]{{1, 2}, {3, 0.1}});
        assertArrayEquals(new int[]{2, 2}, nested.shape());
        assertEquals(0.1, nested.getDouble(1, 1));
        assertEquals(0.1f, nested.get(1, 1), "get rounds a float64 element to float");
        Tensor u = Tensor.rand(new Generator(7), DType.FLOAT64, 1000);
        assertEquals(DType.FLOAT64, u.dtype());
        assertTrue(u.min().doubleItem() >= 0 && u.max().doubleItem() < 1);
        double[] uv = u.toDoubleArray();
        boolean beyondFloat = false;
        for (double v : uv) beyondFloat |= v != (float) v;
        assertTrue(beyondFloat, "float64 random draws are not float32 values widened");
        Tensor n = Tensor.randn(new Generator(7), DType.FLOAT64, 4000);
        assertEquals(0, n.mean().doubleItem(), 0.1);
        assertEquals(1, n.std(null, true, false).doubleItem(), 0.1);
        Tensor f32 = Tensor.of(new float[]{0.1f, 2}, 2);
        Tensor up = f32.to(DType.FLOAT64);
        assertArrayEquals(new double[]{0.1f, 2}, up.toDoubleArray());
        assertArrayEquals(new float[]{0.1f, 2}, up.to(DType.FLOAT32).toFloatArray());
        assertArrayEquals(new int[]{-2, 3}, Tensor.of(new double[]{-2.7, 3.9}, 2).to(DType.INT32).toIntArray(), "truncates like C and PyTorch");
        assertEquals("tensor([0.1, 2.0], shape=[2], float64)", Tensor.of(new double[]{0.1, 2}, 2).toString());
        assertEquals(1 + TINY, Tensor.of(new double[]{1 + TINY}).doubleItem());
        assertEquals(1f, Tensor.of(new double[]{1 + TINY}).item());
    }
}
