package io.callosum.tensor.ops;

import io.callosum.tensor.Functional;
import io.callosum.tensor.Grad;
import io.callosum.tensor.GradCheck;
import io.callosum.tensor.Reduction;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.testing.DeviceCase;
import io.callosum.tensor.testing.Ref;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** softmax / logSoftmax along any dim, nllLoss and crossEntropy (weights, ignore index, reductions) and mse. */
class LossOpsTest {

    // ------------------------------------------------------------------ double references

    /** softmax or logSoftmax of x (row-major, shape) along dim, in double with the max subtracted. */
    static double[] softmaxRef(float[] x, int[] shape, int dim, boolean log) {
        int outer = 1, inner = 1, n = shape[dim];
        for (int k = 0; k < dim; k++) outer *= shape[k];
        for (int k = dim + 1; k < shape.length; k++) inner *= shape[k];
        double[] out = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int d = 0; d < n; d++) max = Math.max(max, x[base + d * inner]);
                for (int d = 0; d < n; d++) sum += Math.exp(x[base + d * inner] - max);
                for (int d = 0; d < n; d++) {
                    double z = x[base + d * inner] - max;
                    out[base + d * inner] = log ? z - Math.log(sum) : Math.exp(z) / sum;
                }
            }
        }
        return out;
    }

    /** Per-element losses −w[t]·logSoftmax(x)[t] over [N, C, S] and their weights (0 where ignored). */
    record CrossEntropyRef(double[] loss, double[] weight) {
        static CrossEntropyRef of(float[] logits, int n, int c, int s, int[] target, float[] classWeight, int ignore) {
            double[] logp = softmaxRef(logits, new int[]{n, c, s}, 1, true);
            double[] loss = new double[n * s], w = new double[n * s];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < s; j++) {
                    int t = target[i * s + j];
                    if (t == ignore) continue;
                    w[i * s + j] = classWeight == null ? 1 : classWeight[t];
                    loss[i * s + j] = -w[i * s + j] * logp[(i * c + t) * s + j];
                }
            }
            return new CrossEntropyRef(loss, w);
        }

        double[] reduce(Reduction r) {
            double l = Arrays.stream(loss).sum(), w = Arrays.stream(weight).sum();
            return switch (r) {
                case NONE -> loss;
                case SUM -> new double[]{l};
                case MEAN -> new double[]{l / w};
            };
        }
    }

    // ------------------------------------------------------------------ softmax

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void softmaxAlongEveryDim(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            int[][] shapes = {{5}, {3, 4}, {2, 3, 4}, {2, 1, 3}, {1, 7}, {4, 300}, {2, 5, 300}, {3, 2, 1, 2}};
            int seed = 0;
            for (int[] shape : shapes) {
                float[] x = Ref.uniform(++seed, Ref.numel(shape), -4, 4);
                for (int dim = 0; dim < shape.length; dim++) {
                    for (boolean log : new boolean[]{false, true}) {
                        String what = (log ? "logSoftmax " : "softmax ") + Arrays.toString(shape) + " dim " + dim;
                        Tensor y = log ? Functional.logSoftmax(dc.tensor(x, shape), dim) : Functional.softmax(dc.tensor(x, shape), dim);
                        assertArrayEquals(shape, y.shape(), what);
                        Ref.assertClose(what, softmaxRef(x, shape, dim, log), y.toFloatArray(), 1e-6, 1e-5);
                    }
                }
                // negative dim and a non-contiguous input
                if (shape.length == 3) {
                    Tensor t = dc.tensor(x, shape);
                    assertArrayEquals(Functional.softmax(t, 2).toFloatArray(), Functional.softmax(t, -1).toFloatArray(), "dim -1");
                    Tensor tv = t.transpose(0, 2);
                    assertArrayEquals(Functional.logSoftmax(tv.contiguous(), 1).toFloatArray(), Functional.logSoftmax(tv, 1).contiguous().toFloatArray(), "strided input");
                }
            }
            // a size-1 dim: softmax is 1, logSoftmax is 0
            Tensor single = dc.tensor(Ref.uniform(9, 6, -3, 3), 3, 1, 2);
            Ref.assertClose("softmax over a size-1 dim", filled(6, 1), Functional.softmax(single, 1).toFloatArray(), 0, 0);
            Ref.assertClose("logSoftmax over a size-1 dim", filled(6, 0), Functional.logSoftmax(single, 1).toFloatArray(), 0, 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void largeLogitsStayFinite(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            float[] x = {1000, 999, -1000, 0, 1000, 1000, 1000, 998.5f};
            int[] shape = {2, 4};
            for (boolean log : new boolean[]{false, true}) {
                Tensor y = log ? Functional.logSoftmax(dc.tensor(x, shape), 1) : Functional.softmax(dc.tensor(x, shape), 1);
                for (float v : y.toFloatArray()) assertTrue(Float.isFinite(v), (log ? "logSoftmax " : "softmax ") + Arrays.toString(y.toFloatArray()));
                Ref.assertClose(log ? "logSoftmax" : "softmax", softmaxRef(x, shape, 1, log), y.toFloatArray(), 1e-6, 1e-5);
            }
            // cross-entropy of confident logits: finite, and ≈ 0 for the right class
            Tensor ce = Functional.crossEntropy(dc.tensor(x, shape), dc.ints(new int[]{0, 2}, 2), null, -100, Reduction.NONE);
            double[] ref = CrossEntropyRef.of(x, 2, 4, 1, new int[]{0, 2}, null, -100).loss();
            Ref.assertClose("crossEntropy of large logits", ref, ce.toFloatArray(), 1e-5, 1e-5);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void softmaxGradientsFirstAndSecondOrder(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor x = dc.tensor(Ref.uniform(30, 24, -2, 2), 2, 3, 4);
            for (int dim : new int[]{0, 1, -1}) {
                int d = dim;
                GradCheck.assertGradients("softmax dim " + d, xs -> Functional.softmax(xs[0], d), x);
                GradCheck.assertGradients("logSoftmax dim " + d, xs -> Functional.logSoftmax(xs[0], d), x);
            }
            Tensor small = dc.tensor(Ref.uniform(31, 12, -2, 2), 3, 4);
            for (int dim : new int[]{0, 1}) {
                int d = dim;
                assertPassed("softmax second order dim " + d, GradCheck.checkSecondOrder(xs -> Functional.softmax(xs[0], d), small));
                assertPassed("logSoftmax second order dim " + d, GradCheck.checkSecondOrder(xs -> Functional.logSoftmax(xs[0], d), small));
            }
            // The second-order check only tests the createGraph formula against itself: pin it to the fused kernel.
            Tensor gy = dc.tensor(Ref.uniform(32, 24, -1, 1), 2, 3, 4);
            for (boolean log : new boolean[]{false, true}) {
                for (int d = 0; d < 3; d++) {
                    Tensor xg = x.copy().requiresGrad(true);
                    Tensor y = log ? Functional.logSoftmax(xg, d) : Functional.softmax(xg, d);
                    float[] fused = Grad.grad(y, gy, false, xg)[0].toFloatArray();
                    float[] composed = Grad.grad(y, gy, true, xg)[0].toFloatArray();
                    Ref.assertClose((log ? "logSoftmax" : "softmax") + " createGraph gradient dim " + d, Ref.toDouble(fused), composed, 1e-6, 1e-5);
                }
            }
        }
    }

    /**
     * The fused backward on maps wide enough for the vector path (inner ≥ 16, with a ragged tail), against
     * gx = y·(gy − Σ gy·y) and gy − softmax·Σ gy computed in double from the double reference.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void softmaxGradientOnWideMapsMatchesReference(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            int[] shape = {2, 7, 5, 9}; // dim 1: 7 classes over 45 positions (two vectors of 16 and a tail)
            float[] x = Ref.uniform(60, Ref.numel(shape), -5, 5), gy = Ref.uniform(61, Ref.numel(shape), -1, 1);
            int n = shape[0], c = shape[1], inner = shape[2] * shape[3];
            for (boolean log : new boolean[]{false, true}) {
                double[] y = softmaxRef(x, shape, 1, false), want = new double[x.length];
                for (int b = 0; b < n; b++) {
                    for (int p = 0; p < inner; p++) {
                        double dot = 0;
                        for (int k = 0; k < c; k++) {
                            int at = (b * c + k) * inner + p;
                            dot += log ? gy[at] : gy[at] * y[at];
                        }
                        for (int k = 0; k < c; k++) {
                            int at = (b * c + k) * inner + p;
                            want[at] = log ? gy[at] - y[at] * dot : y[at] * (gy[at] - dot);
                        }
                    }
                }
                Tensor xg = dc.tensor(x, shape).requiresGrad(true);
                Tensor out = log ? Functional.logSoftmax(xg, 1) : Functional.softmax(xg, 1);
                float[] got = Grad.grad(out, dc.tensor(gy, shape), false, xg)[0].toFloatArray();
                Ref.assertClose((log ? "logSoftmax" : "softmax") + " gradient over 45 positions", want, got, 1e-6, 1e-5);
            }
        }
    }

    // ------------------------------------------------------------------ nll / cross-entropy

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void crossEntropyMatchesReference(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            int[][] shapes = {{6, 4}, {1, 3}, {2, 5, 3, 4}, {3, 2, 1, 5}};
            int seed = 50;
            for (int[] shape : shapes) {
                int n = shape[0], c = shape[1], s = Ref.numel(shape) / (n * c);
                int[] tshape = targetShape(shape);
                float[] logits = Ref.uniform(++seed, Ref.numel(shape), -3, 3);
                float[] w = Ref.uniform(++seed, c, 0.2, 2);
                int[] target = Ref.ints(++seed, n * s, c);
                for (int ignore : new int[]{-100, 1}) {
                    for (float[] weight : new float[][]{null, w}) {
                        CrossEntropyRef ref = CrossEntropyRef.of(logits, n, c, s, target, weight, ignore);
                        for (Reduction r : Reduction.values()) {
                            String what = Arrays.toString(shape) + " ignore " + ignore + (weight == null ? "" : " weighted") + " " + r;
                            Tensor loss = Functional.crossEntropy(dc.tensor(logits, shape), dc.ints(target, tshape),
                                    weight == null ? null : dc.tensor(weight, c), ignore, r);
                            assertArrayEquals(r == Reduction.NONE ? tshape : new int[0], loss.shape(), what);
                            Ref.assertClose("crossEntropy " + what, ref.reduce(r), loss.toFloatArray(), 2e-6, 2e-6);
                            // nllLoss of logSoftmax is the same thing
                            Tensor nll = Functional.nllLoss(Functional.logSoftmax(dc.tensor(logits, shape), 1), dc.ints(target, tshape),
                                    weight == null ? null : dc.tensor(weight, c), ignore, r);
                            Ref.assertClose("nllLoss " + what, ref.reduce(r), nll.toFloatArray(), 2e-6, 2e-6);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void allIgnoredTargetsGiveNanMeanLikePyTorch(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor logits = dc.tensor(Ref.uniform(60, 12, -1, 1), 4, 3);
            Tensor target = dc.ints(new int[]{-100, -100, -100, -100}, 4);
            assertTrue(Float.isNaN(Functional.crossEntropy(logits, target, null, -100, Reduction.MEAN).item()), "mean over no targets");
            assertEquals(0f, Functional.crossEntropy(logits, target, null, -100, Reduction.SUM).item());
            assertArrayEquals(new float[4], Functional.crossEntropy(logits, target, null, -100, Reduction.NONE).toFloatArray());
            // and they pass no gradient
            Tensor x = logits.copy().requiresGrad(true);
            Functional.crossEntropy(x, target, null, -100, Reduction.SUM).backward();
            assertArrayEquals(new float[12], x.grad().toFloatArray());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void crossEntropyAndNllGradients(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor w = dc.tensor(new float[]{0.5f, 2f, 1.25f}, 3);
            Tensor logits2 = dc.tensor(Ref.uniform(70, 15, -2, 2), 5, 3);
            Tensor t2 = dc.ints(new int[]{0, 2, 1, 7, 2}, 5); // 7 ignored
            Tensor logits4 = dc.tensor(Ref.uniform(71, 36, -2, 2), 2, 3, 2, 3);
            Tensor t4 = dc.ints(new int[]{0, 1, 2, 2, 7, 0, 1, 1, 0, 2, 7, 1}, 2, 2, 3);
            for (Reduction r : Reduction.values()) {
                GradCheck.assertGradients("crossEntropy N×C " + r, xs -> Functional.crossEntropy(xs[0], t2, w, 7, r), logits2);
                GradCheck.assertGradients("crossEntropy N×C×H×W " + r, xs -> Functional.crossEntropy(xs[0], t4, w, 7, r), logits4);
                GradCheck.assertGradients("nllLoss N×C×H×W " + r, xs -> Functional.nllLoss(xs[0], t4, null, 7, r), logits4);
            }
            assertPassed("crossEntropy second order", GradCheck.checkSecondOrder(xs -> Functional.crossEntropy(xs[0], t4, w, 7, Reduction.MEAN), logits4));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void outOfRangeTargetNamesValueAndPosition(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            Tensor logits = dc.tensor(new float[12], 4, 3);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> Functional.crossEntropy(logits, dc.ints(new int[]{0, 2, -100, 5}, 4)));
            assertEquals("crossEntropy: target value 5 at flat position 3 of [4] is out of range [0, 3) (ignore index -100)", e.getMessage());
            var neg = assertThrows(IllegalArgumentException.class,
                    () -> Functional.nllLoss(logits, dc.ints(new int[]{0, -1, 1, 1}, 4), null, -100, Reduction.MEAN));
            assertTrue(neg.getMessage().startsWith("nllLoss: target value -1 at flat position 1 of [4]"), neg.getMessage());
            var shape = assertThrows(IllegalArgumentException.class,
                    () -> Functional.crossEntropy(dc.tensor(new float[24], 2, 3, 2, 2), dc.ints(new int[4], 2, 2)));
            assertTrue(shape.getMessage().contains("crossEntropy") && shape.getMessage().contains("[2, 2]")
                    && shape.getMessage().contains("[2, 3, 2, 2]"), shape.getMessage());
        }
    }

    // ------------------------------------------------------------------ mse

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void mseMatchesReference(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            int[] shape = {3, 1, 4};
            float[] a = Ref.uniform(80, 12, -2, 2), b = Ref.uniform(81, 12, -2, 2);
            double[] sq = new double[12];
            for (int i = 0; i < 12; i++) sq[i] = Math.pow((double) a[i] - b[i], 2);
            double sum = Arrays.stream(sq).sum();
            Tensor x = dc.tensor(a, shape), y = dc.tensor(b, shape);
            Ref.assertClose("mse none", sq, Functional.mse(x, y, Reduction.NONE).toFloatArray());
            Ref.assertClose("mse sum", new double[]{sum}, Functional.mse(x, y, Reduction.SUM).toFloatArray());
            Ref.assertClose("mse mean", new double[]{sum / 12}, Functional.mse(x, y).toFloatArray());
            GradCheck.assertGradients("mse", xs -> Functional.mse(xs[0], xs[1]), x, y);
            var e = assertThrows(IllegalArgumentException.class, () -> Functional.mse(x, dc.tensor(new float[12], 12)));
            assertTrue(e.getMessage().contains("mse") && e.getMessage().contains("[3, 1, 4]") && e.getMessage().contains("[12]"), e.getMessage());
        }
    }

    private static int[] targetShape(int[] shape) {
        int[] t = new int[shape.length - 1];
        t[0] = shape[0];
        System.arraycopy(shape, 2, t, 1, shape.length - 2);
        return t;
    }

    private static double[] filled(int n, double v) {
        double[] d = new double[n];
        Arrays.fill(d, v);
        return d;
    }

    private static void assertPassed(String what, GradCheck.Result r) {
        assertTrue(r.passed(), what + ": " + r);
    }
}
