package io.callosum.tensor.ops;

import io.callosum.tensor.DType;
import io.callosum.tensor.Functional;
import io.callosum.tensor.GradCheck;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.testing.DeviceCase;
import io.callosum.tensor.testing.Ref;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batch normalisation (training, eval, running statistics, no affine) against a double reference, with gradchecks. */
class NormOpsTest {
    private static final double MOMENTUM = 0.1, EPS = 1e-5;
    private static final int[][] SHAPES = {{4, 3}, {2, 3, 5}, {3, 2, 4, 5}, {2, 1, 3, 3}, {5, 4, 1, 1}, {1, 3, 2, 2}, {2, 2, 3, 1, 2}};

    /** Per-channel statistics and output of a plain double batch norm over dim 1; running stats updated in place. */
    static final class Reference {
        final double[] out, mean, invStd;

        Reference(float[] x, int[] shape, float[] w, float[] b, double[] runMean, double[] runVar, boolean training) {
            int n = shape[0], c = shape[1], s = Ref.numel(shape) / (n * c), count = n * s;
            out = new double[x.length];
            mean = new double[c];
            invStd = new double[c];
            for (int ch = 0; ch < c; ch++) {
                double m, v;
                if (training) {
                    double sum = 0, sq = 0;
                    for (int i = 0; i < n; i++) for (int j = 0; j < s; j++) sum += x[(i * c + ch) * s + j];
                    m = sum / count;
                    for (int i = 0; i < n; i++) for (int j = 0; j < s; j++) sq += Math.pow(x[(i * c + ch) * s + j] - m, 2);
                    v = sq / count;
                    if (runMean != null) runMean[ch] = (1 - MOMENTUM) * runMean[ch] + MOMENTUM * m;
                    if (runVar != null) runVar[ch] = (1 - MOMENTUM) * runVar[ch] + MOMENTUM * sq / (count - 1);
                } else {
                    m = runMean[ch];
                    v = runVar[ch];
                }
                mean[ch] = m;
                invStd[ch] = 1 / Math.sqrt(v + EPS);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < s; j++) {
                        int at = (i * c + ch) * s + j;
                        out[at] = (x[at] - m) * invStd[ch] * (w == null ? 1 : w[ch]) + (b == null ? 0 : b[ch]);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void trainingMatchesReferenceOverTwoSteps(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            int seed = 0;
            for (int[] shape : SHAPES) {
                int c = shape[1];
                float[] w = Ref.uniform(++seed, c, 0.5, 2), b = Ref.uniform(++seed, c, -1, 1);
                double[] rm = Ref.toDouble(Ref.uniform(++seed, c, -0.5, 0.5)), rv = Ref.toDouble(Ref.uniform(++seed, c, 0.5, 2));
                Tensor runMean = dc.tensor(toFloats(rm), c), runVar = dc.tensor(toFloats(rv), c);
                for (int step = 0; step < 2; step++) {
                    // a per-channel offset and scale so the statistics differ between channels
                    float[] x = Ref.uniform(++seed, Ref.numel(shape), -3, 5);
                    Tensor y = Functional.batchNorm(dc.tensor(x, shape), runMean, runVar, dc.tensor(w, c), dc.tensor(b, c), true, MOMENTUM, EPS);
                    Reference ref = new Reference(x, shape, w, b, rm, rv, true);
                    String what = Arrays.toString(shape) + " step " + step;
                    assertArrayEquals(shape, y.shape(), what);
                    Ref.assertClose("output " + what, ref.out, y.toFloatArray(), 2e-5, 2e-5);
                    Ref.assertClose("running mean " + what, rm, runMean.toFloatArray(), 1e-6, 1e-5);
                    Ref.assertClose("running var " + what, rv, runVar.toFloatArray(), 1e-6, 1e-5);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void kernelSavesStatisticsInBothModes(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            int[] shape = {3, 4, 2, 5};
            int c = 4;
            float[] x = Ref.uniform(40, Ref.numel(shape), -2, 3), w = Ref.uniform(41, c, 0.5, 2), b = Ref.uniform(42, c, -1, 1);
            for (boolean training : new boolean[]{true, false}) {
                double[] rm = Ref.toDouble(Ref.uniform(43, c, -0.5, 0.5)), rv = Ref.toDouble(Ref.uniform(44, c, 0.5, 2));
                Tensor runMean = dc.tensor(toFloats(rm), c), runVar = dc.tensor(toFloats(rv), c);
                Tensor xt = dc.tensor(x, shape);
                Tensor out = Tensor.empty(dc.device(), DType.FLOAT32, shape);
                Tensor saveMean = Tensor.empty(dc.device(), DType.FLOAT32, c), saveInvStd = Tensor.empty(dc.device(), DType.FLOAT32, c);
                xt.backend().batchNormForward(xt, dc.tensor(w, c), dc.tensor(b, c), runMean, runVar, out, saveMean, saveInvStd, training, MOMENTUM, EPS);
                double[] rmBefore = rm.clone(), rvBefore = rv.clone();
                Reference ref = new Reference(x, shape, w, b, rm, rv, training);
                String mode = training ? "training" : "eval";
                Ref.assertClose(mode + " output", ref.out, out.toFloatArray(), 2e-5, 2e-5);
                Ref.assertClose(mode + " saveMean", ref.mean, saveMean.toFloatArray(), 1e-6, 1e-5);
                Ref.assertClose(mode + " saveInvStd", ref.invStd, saveInvStd.toFloatArray(), 1e-6, 1e-5);
                Ref.assertClose(mode + " running mean", training ? rm : rmBefore, runMean.toFloatArray(), 1e-6, 1e-5);
                Ref.assertClose(mode + " running var", training ? rv : rvBefore, runVar.toFloatArray(), 1e-6, 1e-5);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void evalModeUsesRunningStatistics(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            int seed = 100;
            for (int[] shape : SHAPES) {
                int c = shape[1];
                float[] x = Ref.uniform(++seed, Ref.numel(shape), -3, 3);
                float[] w = Ref.uniform(++seed, c, 0.5, 2), b = Ref.uniform(++seed, c, -1, 1);
                double[] rm = Ref.toDouble(Ref.uniform(++seed, c, -0.5, 0.5)), rv = Ref.toDouble(Ref.uniform(++seed, c, 0.5, 2));
                Tensor runMean = dc.tensor(toFloats(rm), c), runVar = dc.tensor(toFloats(rv), c);
                Tensor y = Functional.batchNorm(dc.tensor(x, shape), runMean, runVar, dc.tensor(w, c), dc.tensor(b, c), false, MOMENTUM, EPS);
                Ref.assertClose("eval " + Arrays.toString(shape), new Reference(x, shape, w, b, rm, rv, false).out, y.toFloatArray(), 2e-5, 2e-5);
                assertArrayEquals(toFloats(rm), runMean.toFloatArray(), "eval leaves running mean alone");
                assertArrayEquals(toFloats(rv), runVar.toFloatArray(), "eval leaves running var alone");
            }
            // eval with one value per channel is fine
            Tensor one = Functional.batchNorm(dc.tensor(new float[]{2, 4}, 1, 2), dc.tensor(new float[]{1, 1}, 2),
                    dc.tensor(new float[]{4, 1}, 2), null, null, false, MOMENTUM, EPS);
            Ref.assertClose("eval 1×2", new double[]{1 / Math.sqrt(4 + EPS), 3 / Math.sqrt(1 + EPS)}, one.toFloatArray());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void withoutAffineOrRunningStatistics(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            int[] shape = {6, 3};
            float[] x = Ref.uniform(7, 18, -2, 4);
            Tensor y = Functional.batchNorm(dc.tensor(x, shape), null, null, null, null, true, MOMENTUM, EPS);
            Ref.assertClose("no affine, no running stats", new Reference(x, shape, null, null, null, null, true).out, y.toFloatArray(), 2e-5, 2e-5);
            // normalised: mean 0 and biased variance ≈ 1 per channel
            Tensor m = y.mean(0, false), v = y.var(new int[]{0}, false, false);
            Ref.assertClose("per-channel mean", new double[3], m.toFloatArray(), 1e-5, 0);
            Ref.assertClose("per-channel variance", new double[]{1, 1, 1}, v.toFloatArray(), 1e-3, 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void stridedInputsAndRunningStatistics(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            int[] shape = {3, 4, 2, 2};
            int c = 4;
            float[] x = Ref.uniform(8, Ref.numel(shape), -2, 2);
            // x as a permuted view; running stats and weight as every-other-element views of longer tensors
            Tensor xt = dc.tensor(x, shape).permute(0, 1, 3, 2).contiguous().permute(0, 1, 3, 2);
            assertTrue(!xt.isContiguous());
            float[] rm = {0, 9, 1, 9, 2, 9, 3, 9}, rv = {1, 9, 2, 9, 3, 9, 4, 9}, w = {2, 9, 3, 9, 4, 9, 5, 9};
            Tensor runMean = dc.tensor(rm, 8).slice(0, 0, 8, 2), runVar = dc.tensor(rv, 8).slice(0, 0, 8, 2);
            Tensor weight = dc.tensor(w, 8).slice(0, 0, 8, 2);
            Tensor y = Functional.batchNorm(xt, runMean, runVar, weight, null, true, MOMENTUM, EPS);
            double[] rmRef = {0, 1, 2, 3}, rvRef = {1, 2, 3, 4};
            Reference ref = new Reference(x, shape, new float[]{2, 3, 4, 5}, null, rmRef, rvRef, true);
            Ref.assertClose("strided output", ref.out, y.toFloatArray(), 2e-5, 2e-5);
            Ref.assertClose("strided running mean", rmRef, runMean.toFloatArray(), 1e-6, 1e-5);
            Ref.assertClose("strided running var", rvRef, runVar.toFloatArray(), 1e-6, 1e-5);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void gradientsInTrainingAndEvalMode(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            for (int[] shape : new int[][]{{4, 3}, {2, 3, 2, 2}}) {
                int c = shape[1];
                Tensor x = dc.tensor(Ref.uniform(20, Ref.numel(shape), -2, 2), shape);
                Tensor w = dc.tensor(Ref.uniform(21, c, 0.5, 1.5), c), b = dc.tensor(Ref.uniform(22, c, -1, 1), c);
                Tensor rm = dc.tensor(Ref.uniform(23, c, -0.5, 0.5), c), rv = dc.tensor(Ref.uniform(24, c, 0.5, 2), c);
                for (boolean training : new boolean[]{true, false}) {
                    String what = (training ? "training " : "eval ") + Arrays.toString(shape);
                    // fresh running tensors each call: training updates them, and the function must be deterministic
                    GradCheck.assertGradients("batchNorm " + what, xs -> Functional.batchNorm(xs[0], rm.copy(), rv.copy(), xs[1], xs[2], training, MOMENTUM, EPS), x, w, b);
                    GradCheck.assertGradients("batchNorm no affine " + what, xs -> Functional.batchNorm(xs[0], rm.copy(), rv.copy(), null, null, training, MOMENTUM, EPS), x);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void secondOrderGradientsThroughTrainingMode(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            int[] shape = {3, 2, 2, 2};
            Tensor x = dc.tensor(Ref.uniform(41, 24, -1, 1), shape).requiresGrad(true);
            Tensor w = dc.tensor(new float[]{0.7f, -1.3f}, 2).requiresGrad(true);
            Tensor b = dc.tensor(new float[]{0.2f, 0.1f}, 2).requiresGrad(true);
            // squared, so that the second derivative in x is not the (zero) second derivative of a normalisation alone
            GradCheck.Result r = GradCheck.checkSecondOrder(
                    xs -> Functional.batchNorm(xs[0], null, null, xs[1], xs[2], true, MOMENTUM, EPS).square(), x, w, b);
            assertTrue(r.passed(), "batchNorm training second order: " + r);
            GradCheck.Result noAffine = GradCheck.checkSecondOrder(
                    xs -> Functional.batchNorm(xs[0], null, null, null, null, true, MOMENTUM, EPS).mul(xs[0]), x);
            assertTrue(noAffine.passed(), "batchNorm training second order without affine: " + noAffine);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.callosum.tensor.testing.DeviceCase#all")
    void oneValuePerChannelIsAnErrorInTraining(DeviceCase dc) throws Exception {
        try (var on = dc.activate()) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> Functional.batchNorm(dc.tensor(new float[]{1, 2, 3}, 1, 3, 1, 1), null, null, null, null, true, MOMENTUM, EPS));
            assertTrue(e.getMessage().contains("batchNorm") && e.getMessage().contains("more than 1 value per channel")
                    && e.getMessage().contains("[1, 3, 1, 1]"), e.getMessage());
            var bad = assertThrows(IllegalArgumentException.class,
                    () -> Functional.batchNorm(dc.tensor(new float[6], 2, 3), dc.tensor(new float[2], 2), null, null, null, true, MOMENTUM, EPS));
            assertTrue(bad.getMessage().contains("batchNorm") && bad.getMessage().contains("[3]") && bad.getMessage().contains("[2]"), bad.getMessage());
        }
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }
}
