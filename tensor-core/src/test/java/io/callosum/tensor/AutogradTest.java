package io.callosum.tensor;

import io.callosum.tensor.testing.Ref;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine itself: fan-out, accumulation, retain/free of graphs, no-grad, detach, higher order, functional grads. */
class AutogradTest {
    @Test
    void fanOutSumsGradients() {
        Tensor x = Tensor.of(new float[]{1, 2, 3}, 3).requiresGrad(true);
        Tensor y = x.mul(x).add(x.mul(3)).add(x.exp()).sum(); // d/dx = 2x + 3 + e^x
        y.backward();
        float[] g = x.grad().toFloatArray();
        for (int i = 0; i < 3; i++) assertEquals(2 * (i + 1) + 3 + Math.exp(i + 1), g[i], 1e-4);
    }

    @Test
    void repeatedBackwardAccumulatesIntoLeaves() {
        Tensor x = Tensor.of(new float[]{1, -2}, 2).requiresGrad(true);
        x.mul(2).sum().backward();
        x.mul(3).sum().backward();
        assertArrayEquals(new float[]{5, 5}, x.grad().toFloatArray());
        x.zeroGrad();
        assertNull(x.grad());
        Tensor y = x.square().sum();
        y.backward(null, true, false);
        y.backward(null, true, false);
        assertArrayEquals(new float[]{4, -8}, x.grad().toFloatArray(), "retained graph runs twice and accumulates");
    }

    @Test
    void freedGraphCannotRunTwice() {
        Tensor x = Tensor.of(new float[]{1}, 1).requiresGrad(true);
        Tensor y = x.exp().sum();
        y.backward();
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("already freed") && e.getMessage().contains("retainGraph"), e.getMessage());
    }

    @Test
    void explicitGradientForNonScalars() {
        Tensor x = Tensor.of(new float[]{1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor y = x.mul(x);
        var e = assertThrows(IllegalArgumentException.class, y::backward);
        assertTrue(e.getMessage().contains("only for scalar outputs") && e.getMessage().contains("[2, 2]"), e.getMessage());
        y.backward(Tensor.of(new float[]{1, 0, 0, 1}, 2, 2));
        assertArrayEquals(new float[]{2, 0, 0, 8}, x.grad().toFloatArray());
    }

    @Test
    void noGradAndDetachCutTheGraph() {
        Tensor x = Tensor.of(new float[]{1, 2}, 2).requiresGrad(true);
        try (var ng = Grad.disabled()) {
            assertFalse(x.mul(2).requiresGrad());
        }
        assertTrue(Grad.isEnabled());
        Tensor d = x.mul(2).detach();
        assertFalse(d.requiresGrad());
        Tensor y = x.mul(d).sum(); // gradient only through x, d is a constant
        y.backward();
        assertArrayEquals(new float[]{2, 4}, x.grad().toFloatArray());
        var e = assertThrows(IllegalStateException.class, () -> Tensor.of(new float[]{1}, 1).exp().sum().backward());
        assertTrue(e.getMessage().startsWith("backward: tensor [] does not require grad"), e.getMessage());
    }

    @Test
    void secondAndThirdDerivatives() {
        Tensor x = Tensor.of(new float[]{0.5f, -1.2f}, 2).requiresGrad(true);
        Tensor y = x.pow(3).sum();
        Tensor g = Grad.grad(y, null, true, x)[0];               // 3x²
        Tensor gg = Grad.grad(g.sum(), null, true, x)[0];        // 6x
        Tensor ggg = Grad.grad(gg.sum(), null, false, x)[0];     // 6
        float[] xs = {0.5f, -1.2f};
        for (int i = 0; i < 2; i++) {
            assertEquals(3 * xs[i] * xs[i], g.toFloatArray()[i], 1e-5);
            assertEquals(6 * xs[i], gg.toFloatArray()[i], 1e-5);
            assertEquals(6, ggg.toFloatArray()[i], 1e-5);
        }
        assertNull(x.grad(), "functional grads leave .grad() untouched");
        // second derivatives of a few ops: d²/dx² of sigmoid, tanh, exp·sin, relu·x
        for (var f : java.util.List.<java.util.function.UnaryOperator<Tensor>>of(Tensor::sigmoid, Tensor::tanh,
                t -> t.exp().mul(t.sin()), t -> t.relu().mul(t), t -> t.div(t.square().add(1)))) {
            var r = GradCheck.checkSecondOrder(xs2 -> f.apply(xs2[0]), Tensor.of(Ref.awayFrom(3, 6, -2, 2, 0.1, 0), 6));
            assertTrue(r.passed(), r.toString());
        }
    }

    @Test
    void retainGradKeepsIntermediateGradients() {
        Tensor x = Tensor.of(new float[]{1, 2}, 2).requiresGrad(true);
        Tensor h = x.mul(3).retainGrad();
        h.square().sum().backward();
        assertArrayEquals(new float[]{6, 12}, h.grad().toFloatArray());
        assertArrayEquals(new float[]{18, 36}, x.grad().toFloatArray());
    }

    @Test
    void unusedBranchesAndIntegerInputsAreIgnored() {
        Tensor x = Tensor.of(new float[]{1, 2}, 2).requiresGrad(true);
        Tensor z = Tensor.of(new float[]{5, 5}, 2).requiresGrad(true);
        Tensor unused = z.exp(); // never reaches the loss
        Tensor y = x.mul(Tensor.of(new int[]{2, 3}, 2)).sum();
        y.backward();
        assertArrayEquals(new float[]{2, 3}, x.grad().toFloatArray());
        assertNull(z.grad());
        assertNull(unused.grad());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new int[]{1}, 1).requiresGrad(true));
    }

    @Test
    void deepChainsDoNotOverflowTheStack() {
        Tensor x = Tensor.of(new float[]{1}, 1).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 20_000; i++) y = y.mul(1.0);
        y.sum().backward();
        assertEquals(1f, x.grad().item());
    }

    @Test
    void anomalyModeNamesTheFirstOpProducingNaN() {
        Tensor x = Tensor.of(new float[]{1, -1}, 2).requiresGrad(true);
        try (var a = Anomaly.detect()) {
            var e = assertThrows(Anomaly.AnomalyException.class, () -> x.mul(2).sqrt().log().sum());
            assertEquals("sqrt", e.op());
            assertTrue(e.getMessage().contains("'sqrt' produced NaN/Inf"), e.getMessage());
            Tensor z = Tensor.of(new float[]{0, 1}, 2).requiresGrad(true);
            Tensor s = z.sqrt().sum(); // forward finite, but d sqrt at 0 is infinite
            var b = assertThrows(Anomaly.AnomalyException.class, s::backward);
            assertEquals("sqrt", b.op());
        }
        assertFalse(Anomaly.isEnabled());
    }
}
