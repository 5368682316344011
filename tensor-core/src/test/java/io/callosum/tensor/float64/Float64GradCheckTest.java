package io.callosum.tensor.float64;

import io.callosum.tensor.DType;
import io.callosum.tensor.GradCheck;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backward rules gradient-checked in float64 with PyTorch gradcheck's step (1e-6) and tolerances a hundred times
 * tighter than its defaults: only double-precision gradients pass.
 */
class Float64GradCheckTest {
    static final double EPS = 1e-6, ATOL = 1e-7, RTOL = 1e-5;

    static Tensor input(int seed, double lo, double hi, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return Tensor.of(Float64OpsTest.values(seed, n, lo, hi), shape);
    }

    static void check(String what, Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(f, inputs, EPS, ATOL, RTOL);
        assertTrue(r.passed(), what + ": " + r);
    }

    @Test
    void elementwiseAndActivations() {
        Map<String, Function<Tensor, Tensor>> ops = new LinkedHashMap<>();
        ops.put("exp", Tensor::exp);
        ops.put("log", Tensor::log);
        ops.put("sqrt", Tensor::sqrt);
        ops.put("rsqrt", Tensor::rsqrt);
        ops.put("square", Tensor::square);
        ops.put("reciprocal", Tensor::reciprocal);
        ops.put("sin", Tensor::sin);
        ops.put("cos", Tensor::cos);
        ops.put("tanh", Tensor::tanh);
        ops.put("sigmoid", Tensor::sigmoid);
        ops.put("softplus", Tensor::softplus);
        ops.put("gelu", Tensor::gelu);
        ops.put("erf", Tensor::erf);
        ops.put("pow 3", t -> t.pow(3));
        ops.put("abs", t -> t.sub(1.5).abs());
        ops.put("relu", t -> t.sub(1.5).relu());
        ops.put("leakyRelu", t -> t.sub(1.5).leakyRelu(0.2));
        ops.put("clamp", t -> t.clamp(0.8, 2.2));
        ops.put("rdiv", t -> t.rdiv(2));
        ops.put("rsub·mul", t -> t.rsub(4).mul(0.3));
        for (var e : ops.entrySet()) check(e.getKey(), xs -> e.getValue().apply(xs[0]), input(1, 0.3, 3, 3, 4));
    }

    @Test
    void binaryWithBroadcasting() {
        Tensor a = input(2, 0.5, 2, 3, 4), b = input(3, 0.5, 2, 4);
        check("add", xs -> xs[0].add(xs[1]), a, b);
        check("sub", xs -> xs[0].sub(xs[1]), a, b);
        check("mul", xs -> xs[0].mul(xs[1]), a, b);
        check("div", xs -> xs[0].div(xs[1]), a, b);
        check("pow", xs -> xs[0].pow(xs[1]), a, b);
        check("maximum", xs -> xs[0].maximum(xs[1]), a, b);
        check("minimum", xs -> xs[0].minimum(xs[1]), a, b);
    }

    @Test
    void reductions() {
        Tensor x = input(4, -1, 1, 2, 3, 4);
        check("sum", xs -> xs[0].sum(), x);
        check("sum(1)", xs -> xs[0].sum(1), x);
        check("mean(0, 2)", xs -> xs[0].mean(new int[]{0, 2}, true), x);
        check("max(2)", xs -> xs[0].max(2, false), x);
        check("min", xs -> xs[0].min(), x);
        check("maxWithIndices", xs -> xs[0].maxWithIndices(1, false).values(), x);
        check("var", xs -> xs[0].var(new int[]{2}, true, false), x);
        check("topk", xs -> xs[0].topk(2, 2, true).values(), x);
    }

    @Test
    void matmulShapesAndSelection() {
        Tensor a = input(5, -1, 1, 2, 3, 4), b = input(6, -1, 1, 4, 2);
        check("matmul batched·broadcast", xs -> xs[0].matmul(xs[1]), a, b);
        check("matmul transposed view", xs -> xs[0].t().matmul(xs[0]), input(7, -1, 1, 3, 4));
        Tensor x = input(8, -1, 1, 2, 3, 4);
        check("reshape·permute", xs -> xs[0].reshape(6, 4).permute(1, 0).mul(xs[0].reshape(4, 6)), x);
        check("index·slice", xs -> xs[0].index("1, :, 1:3").mul(xs[0].slice(1, 0, 3, 2).select(0, 0).sum()), x);
        check("cat·stack", xs -> Tensor.stack(0, Tensor.cat(1, xs[0], xs[0].square()), Tensor.cat(1, xs[0].exp(), xs[0])), x);
        check("where", xs -> Tensor.where(xs[0].gt(0), xs[0].exp(), xs[0].square()), x);
        check("maskedFill", xs -> xs[0].maskedFill(xs[0].lt(-0.5), 2).mul(xs[0]), x);
        check("gather", xs -> xs[0].gather(2, Tensor.of(new int[]{3, 0, 1, 2, 2, 2}, 2, 3, 1)), x);
        check("indexSelect", xs -> xs[0].indexSelect(1, Tensor.of(new int[]{2, 0, 2}, 3)), x);
        check("pad·flip", xs -> xs[0].pad(new int[]{1, 2}, 0.5).flip(2).square(), x);
    }

    @Test
    void secondOrderInFloat64() {
        Tensor x = input(11, 0.3, 2, 2, 3);
        for (var e : Map.<String, Function<Tensor[], Tensor>>of(
                "tanh·exp", xs -> xs[0].tanh().mul(xs[0].exp()),
                "matmul·sigmoid", xs -> xs[0].matmul(xs[0].t()).sigmoid(),
                "div·sum", xs -> xs[0].div(xs[0].sum(1, true)).div(3)).entrySet()) {
            GradCheck.Result r = GradCheck.checkSecondOrder(e.getValue(), x);
            assertTrue(r.passed(), e.getKey() + ": " + r);
        }
    }

    @Test
    void scalarDivisionIsTheCorrectlyRoundedQuotient() {
        double[] v = Float64OpsTest.values(12, 64, -10, 10);
        double[] got = Tensor.of(v, 64).div(3).toDoubleArray();
        for (int i = 0; i < v.length; i++) assertEquals(v[i] / 3, got[i], "element " + i);
    }

    @Test
    void float64IsWhatMakesTheTightCheckPass() {
        // The same function in float32 cannot meet float64 tolerances; in float64 it does, with the default call.
        Function<Tensor[], Tensor> f = xs -> xs[0].exp().mul(xs[0].sin()).sum(1);
        Tensor x64 = input(9, -1, 1, 3, 4);
        assertTrue(GradCheck.check(f, x64).passed(), "float64 defaults");
        assertEquals(DType.FLOAT32, x64.to(DType.FLOAT32).dtype());
        GradCheck.Result r32 = GradCheck.check(f, new Tensor[]{x64.to(DType.FLOAT32)}, EPS, ATOL, RTOL);
        assertFalse(r32.passed(), r32 + ": float32 at float64's step and tolerances should fail; if it passes this test proves nothing");
        // and a wrong backward rule is caught in float64
        Function<Tensor[], Tensor> wrong = xs -> {
            Tensor y = xs[0].square();
            return y.add(xs[0].detach().mul(0.1).mul(xs[0].detach())); // value has 0.1·x² more than its gradient says
        };
        assertFalse(GradCheck.check(wrong, input(10, 0.5, 1, 4)).passed());
    }
}
