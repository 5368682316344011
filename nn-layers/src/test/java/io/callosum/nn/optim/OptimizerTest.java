package io.callosum.nn.optim;

import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Optimizer updates against the published update equations evaluated in double precision by hand (a few steps, fixed
 * gradient sequences), plus state save/restore.
 */
class OptimizerTest {
    static final double[] P0 = {1.0, -2.0, 0.5, 0.0};
    static final double[][] GRADS = {{0.1, -0.3, 2.0, 0.0}, {-0.2, 0.4, 1.5, 1e-3}, {0.3, 0.1, -1.0, -2e-3}, {0.05, -0.5, 0.2, 0.0}};

    static float[] run(Function<List<Tensor>, Optimizer> make) {
        Tensor p = Tensor.of(toF(P0), P0.length).requiresGrad(true);
        Optimizer opt = make.apply(List.of(p));
        for (double[] g : GRADS) {
            p.setGrad(Tensor.of(toF(g), g.length));
            opt.step();
        }
        assertEquals(GRADS.length, opt.steps());
        return p.toFloatArray();
    }

    static float[] toF(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    static void assertClose(double[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-6 + 1e-5 * Math.abs(expected[i]), "element " + i);
    }

    static double[] sgdReference(double lr, double mu, double damp, double wd, boolean nesterov) {
        double[] p = P0.clone(), buf = new double[p.length];
        for (int t = 0; t < GRADS.length; t++) {
            for (int i = 0; i < p.length; i++) {
                double g = GRADS[t][i] + wd * p[i];
                if (mu != 0) {
                    buf[i] = t == 0 ? g : mu * buf[i] + (1 - damp) * g;
                    g = nesterov ? g + mu * buf[i] : buf[i];
                }
                p[i] -= lr * g;
            }
        }
        return p;
    }

    static double[] adamReference(double lr, double b1, double b2, double eps, double wd, boolean decoupled) {
        double[] p = P0.clone(), m = new double[p.length], v = new double[p.length];
        for (int t = 1; t <= GRADS.length; t++) {
            for (int i = 0; i < p.length; i++) {
                double g = GRADS[t - 1][i];
                if (decoupled) p[i] *= 1 - lr * wd;
                else g += wd * p[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mhat = m[i] / (1 - Math.pow(b1, t)), vhat = v[i] / (1 - Math.pow(b2, t));
                p[i] -= lr * mhat / (Math.sqrt(vhat) + eps);
            }
        }
        return p;
    }

    @Test
    void sgdVariants() {
        assertClose(sgdReference(0.1, 0, 0, 0, false), run(ps -> new SGD(ps, 0.1)));
        assertClose(sgdReference(0.1, 0.9, 0, 0, false), run(ps -> SGD.builder(ps).lr(0.1).momentum(0.9).build()));
        assertClose(sgdReference(0.05, 0.9, 0.3, 0.01, false), run(ps -> SGD.builder(ps).lr(0.05).momentum(0.9).dampening(0.3).weightDecay(0.01).build()));
        assertClose(sgdReference(0.1, 0.8, 0, 5e-4, true), run(ps -> SGD.builder(ps).lr(0.1).momentum(0.8).weightDecay(5e-4).nesterov(true).build()));
        // plain SGD after one step is p - lr*g exactly
        assertEquals(1.0 - 0.1 * 0.1 - 0.1 * -0.2 - 0.1 * 0.3 - 0.1 * 0.05, run(ps -> new SGD(ps, 0.1))[0], 1e-6);
    }

    @Test
    void adamAndAdamW() {
        assertClose(adamReference(1e-2, 0.9, 0.999, 1e-8, 0, false), run(ps -> new Adam(ps, 1e-2)));
        assertClose(adamReference(3e-2, 0.8, 0.99, 1e-6, 0.1, false), run(ps -> Adam.builder(ps).lr(3e-2).betas(0.8, 0.99).eps(1e-6).weightDecay(0.1).build()));
        assertClose(adamReference(1e-2, 0.9, 0.999, 1e-8, 0.01, true), run(ps -> new AdamW(ps, 1e-2)));
        assertClose(adamReference(5e-2, 0.9, 0.95, 1e-8, 0.2, true), run(ps -> AdamW.builder(ps).lr(5e-2).betas(0.9, 0.95).weightDecay(0.2).build()));
        // Adam's first step moves each coordinate with a non-zero gradient by about lr, against the gradient's sign
        Tensor p = Tensor.of(new float[]{0, 0}, 2).requiresGrad(true);
        Adam a = new Adam(List.of(p), 0.01);
        p.setGrad(Tensor.of(new float[]{3f, -1e-3f}, 2));
        a.step();
        assertArrayEquals(new float[]{-0.01f, 0.01f}, p.toFloatArray(), 1e-6f);
    }

    @Test
    void parametersWithoutGradientAreSkipped() {
        Tensor a = Tensor.ones(2).requiresGrad(true), b = Tensor.ones(2).requiresGrad(true);
        Adam opt = new Adam(List.of(a, b), 0.1);
        a.setGrad(Tensor.ones(2));
        opt.step();
        assertArrayEquals(new float[]{1, 1}, b.toFloatArray());
        assertFalse(opt.stateDict().containsKey("1.exp_avg"));
        assertTrue(opt.stateDict().containsKey("0.exp_avg"));
    }

    @Test
    void stateRestoreContinuesIdentically() {
        Tensor p1 = Tensor.of(toF(P0), P0.length).requiresGrad(true), p2 = Tensor.of(toF(P0), P0.length).requiresGrad(true);
        Adam o1 = new Adam(List.of(p1), 0.02);
        for (int t = 0; t < 2; t++) {
            p1.setGrad(Tensor.of(toF(GRADS[t]), 4));
            o1.step();
        }
        try (io.callosum.tensor.Grad.Guard ng = io.callosum.tensor.Grad.disabled()) {
            p2.copyFrom(p1);
        }
        Adam o2 = new Adam(List.of(p2), 0.02);
        Map<String, Tensor> saved = o1.stateDict();
        o2.loadStateDict(saved, o1.steps());
        for (int t = 2; t < 4; t++) {
            p1.setGrad(Tensor.of(toF(GRADS[t]), 4));
            p2.setGrad(Tensor.of(toF(GRADS[t]), 4));
            o1.step();
            o2.step();
        }
        assertArrayEquals(p1.toFloatArray(), p2.toFloatArray());
        assertEquals(4, o2.steps());
    }

    @Test
    void badStateAndHyperparametersAreRejected() {
        Tensor p = Tensor.ones(3).requiresGrad(true);
        Adam opt = new Adam(List.of(p), 0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> opt.loadStateDict(Map.of("0.exp_avg", Tensor.zeros(4), "7.exp_avg", Tensor.zeros(3)), 1));
        assertTrue(e.getMessage().contains("'0.exp_avg': shape [4] vs parameter [3]"), e.getMessage());
        assertTrue(e.getMessage().contains("'7.exp_avg': no parameter with that index"), e.getMessage());
        assertTrue(opt.stateDict().isEmpty(), "a rejected load changes nothing");
        assertThrows(IllegalArgumentException.class, () -> Adam.builder(List.of(p)).lr(0.1).betas(1.0, 0.999).build());
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p), -1));
        assertThrows(IllegalArgumentException.class, () -> SGD.builder(List.of(p)).lr(0.1).nesterov(true).build());
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(Tensor.ones(2)), 0.1), "parameters must require grad");
    }

    @Test
    void gradClipByGlobalNorm() {
        Tensor a = Tensor.ones(2).requiresGrad(true), b = Tensor.ones(1).requiresGrad(true);
        a.setGrad(Tensor.of(new float[]{3, 0}, 2));
        b.setGrad(Tensor.of(new float[]{4}, 1));
        assertEquals(5.0, GradClip.clipGradNorm(List.of(a, b), 1.0), 1e-6);
        double c = 1.0 / (5 + 1e-6);
        assertArrayEquals(new float[]{(float) (3 * c), 0}, a.grad().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[]{(float) (4 * c)}, b.grad().toFloatArray(), 1e-6f);
        assertEquals(1.0, GradClip.clipGradNorm(List.of(a, b), 10), 1e-5, "below the limit: returned, not scaled");
        assertArrayEquals(new float[]{(float) (4 * c)}, b.grad().toFloatArray(), 1e-6f);
        b.setGrad(Tensor.of(new float[]{Float.NaN}, 1));
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> GradClip.clipGradNorm(List.of(a, b), 1));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
