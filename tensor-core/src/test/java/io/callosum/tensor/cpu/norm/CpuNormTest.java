package io.callosum.tensor.cpu.norm;

import io.callosum.tensor.Tensor;
import io.callosum.tensor.cpu.runtime.CpuSettings;
import io.callosum.tensor.testing.Ref;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The batch-norm kernels on both CPU paths against a two-pass double reference: run lengths around the vector width
 * and the summation block (1, 3, 16, 17, 33, 144, 300 values per run), several runs per channel, and inputs whose
 * mean is large against their spread (10⁴ ± 3), where a one-pass float sum or a folded float shift would lose the
 * digits that matter.
 */
class CpuNormTest {

    /** Per-channel statistics, output and gradients of training-mode batch norm, in double. */
    record Reference(double[] mean, double[] invStd, double[] runVar, double[] out, double[] gx, double[] gGamma, double[] gBeta) {
        static Reference of(float[] x, float[] gy, float[] gamma, float[] beta, int n, int c, int s, double eps) {
            int count = n * s;
            double[] mean = new double[c], invStd = new double[c], runVar = new double[c];
            double[] out = new double[x.length], gx = new double[x.length], gg = new double[c], gb = new double[c];
            for (int ch = 0; ch < c; ch++) {
                double sum = 0, sq = 0;
                for (int i = 0; i < n; i++) for (int j = 0; j < s; j++) sum += x[(i * c + ch) * s + j];
                double m = sum / count;
                for (int i = 0; i < n; i++) for (int j = 0; j < s; j++) sq += Math.pow(x[(i * c + ch) * s + j] - m, 2);
                mean[ch] = m;
                invStd[ch] = 1 / Math.sqrt(sq / count + eps);
                runVar[ch] = 0.9 + 0.1 * sq / (count - 1);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < s; j++) {
                        int at = (i * c + ch) * s + j;
                        out[at] = (x[at] - m) * invStd[ch] * gamma[ch] + beta[ch];
                    }
                }
                // The backward gets the statistics as saved, in float: the reference starts from the same values.
                double savedMean = (float) m, savedInvStd = (float) invStd[ch];
                double sumG = 0, sumGXhat = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < s; j++) {
                        int at = (i * c + ch) * s + j;
                        sumG += gy[at];
                        sumGXhat += gy[at] * (x[at] - savedMean) * savedInvStd;
                    }
                }
                gb[ch] = sumG;
                gg[ch] = sumGXhat;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < s; j++) {
                        int at = (i * c + ch) * s + j;
                        double xhat = (x[at] - savedMean) * savedInvStd;
                        gx[at] = gamma[ch] * savedInvStd * (gy[at] - sumG / count - xhat * sumGXhat / count);
                    }
                }
            }
            return new Reference(mean, invStd, runVar, out, gx, gg, gb);
        }
    }

    @Test
    void bothPathsMatchTheDoubleReference() {
        int c = 3;
        double eps = 1e-5;
        for (boolean scalar : new boolean[]{false, true}) {
            boolean prev = CpuSettings.setScalar(scalar);
            try {
                for (int s : new int[]{1, 3, 16, 17, 33, 144, 300}) {
                    for (int n : new int[]{2, 5}) {
                        for (double centre : new double[]{0, 1e4}) {
                            String what = (scalar ? "scalar" : "vector") + " n=" + n + " s=" + s + " mean≈" + centre;
                            check(what, n, c, s, centre, eps);
                        }
                    }
                }
            } finally {
                CpuSettings.setScalar(prev);
            }
        }
    }

    private static void check(String what, int n, int c, int s, double centre, double eps) {
        int[] shape = {n, c, s};
        int numel = n * c * s;
        float[] x = Ref.uniform(numel + (long) centre, numel, centre - 3, centre + 3);
        float[] gy = Ref.uniform(numel + 1, numel, -1, 1);
        float[] gamma = Ref.uniform(7, c, 0.5, 2), beta = Ref.uniform(8, c, -1, 1);
        Reference ref = Reference.of(x, gy, gamma, beta, n, c, s, eps);

        Tensor xt = Tensor.of(x, shape), out = Tensor.empty(shape), gx = Tensor.empty(shape);
        Tensor mean = Tensor.empty(c), invStd = Tensor.empty(c), gg = Tensor.empty(c), gb = Tensor.empty(c);
        float[] ones = new float[c];
        Arrays.fill(ones, 1f);
        Tensor runMean = Tensor.of(new float[c], c), runVar = Tensor.of(ones, c);
        Tensor g = Tensor.of(gamma, c), b = Tensor.of(beta, c);
        xt.backend().batchNormForward(xt, g, b, runMean, runVar, out, mean, invStd, true, 0.1, eps);
        xt.backend().batchNormBackward(Tensor.of(gy, shape), xt, g, mean, invStd, gx, gg, gb);

        Ref.assertClose(what + " mean", ref.mean, mean.toFloatArray(), 1e-6, 1e-7);
        Ref.assertClose(what + " invStd", ref.invStd, invStd.toFloatArray(), 1e-6, 1e-5);
        Ref.assertClose(what + " running var", ref.runVar, runVar.toFloatArray(), 1e-6, 1e-5);
        Ref.assertClose(what + " output", ref.out, out.toFloatArray(), 2e-5, 2e-5);
        Ref.assertClose(what + " grad beta", ref.gBeta, gb.toFloatArray(), 1e-5, 1e-5);
        Ref.assertClose(what + " grad gamma", ref.gGamma, gg.toFloatArray(), 1e-4, 1e-4);
        Ref.assertClose(what + " grad input", ref.gx, gx.toFloatArray(), 1e-4, 1e-4);
    }

    @Test
    void aChannelsResultDoesNotDependOnTheOtherChannels() {
        // Each channel is reduced on its own, in one fixed order: the same channel inside a wider batch gives the
        // same bits, which is what makes the result independent of how channels are split over threads.
        int n = 4, s = 100;
        float[] wide = Ref.uniform(3, n * 40 * s, -2, 2);
        float[] narrow = new float[n * s];
        for (int i = 0; i < n; i++) System.arraycopy(wide, (i * 40 + 17) * s, narrow, i * s, s);
        float[][] outs = new float[2][];
        int[][] shapes = {{n, 40, s}, {n, 1, s}};
        float[][] inputs = {wide, narrow};
        for (int k = 0; k < 2; k++) {
            int c = shapes[k][1];
            Tensor xt = Tensor.of(inputs[k], shapes[k]), out = Tensor.empty(shapes[k]);
            xt.backend().batchNormForward(xt, null, null, null, null, out, Tensor.empty(c), Tensor.empty(c), true, 0.1, 1e-5);
            outs[k] = out.toFloatArray();
        }
        float[] channel17 = new float[n * s];
        for (int i = 0; i < n; i++) System.arraycopy(outs[0], (i * 40 + 17) * s, channel17, i * s, s);
        assertArrayEquals(outs[1], channel17);
    }
}
