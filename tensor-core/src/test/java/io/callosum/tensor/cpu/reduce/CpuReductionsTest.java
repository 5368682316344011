package io.callosum.tensor.cpu.reduce;

import io.callosum.tensor.Tensor;
import io.callosum.tensor.cpu.runtime.CpuSettings;
import io.callosum.tensor.testing.Ref;

import org.junit.jupiter.api.Test;

/**
 * Sums whose rows are long and contiguous (the Vector API block sum) on both CPU paths against a double reference:
 * over the last dim, over everything, and over the outer dims of an N×C×S tensor (per-channel sums, as for a bias
 * gradient), with lengths that leave tails after the vectors and the summation blocks.
 */
class CpuReductionsTest {

    @Test
    void longContiguousSumsMatchADoubleReferenceOnBothPaths() {
        for (boolean scalar : new boolean[]{false, true}) {
            boolean prev = CpuSettings.setScalar(scalar);
            try {
                for (int s : new int[]{1, 15, 16, 17, 129, 1000}) {
                    int n = 3, c = 5;
                    float[] x = Ref.uniform(s, n * c * s, -2, 3);
                    Tensor t = Tensor.of(x, n, c, s);
                    double[] lastDim = new double[n * c], perChannel = new double[c], all = new double[1];
                    for (int i = 0; i < n; i++) {
                        for (int ch = 0; ch < c; ch++) {
                            for (int j = 0; j < s; j++) {
                                double v = x[(i * c + ch) * s + j];
                                lastDim[i * c + ch] += v;
                                perChannel[ch] += v;
                                all[0] += v;
                            }
                        }
                    }
                    String what = (scalar ? "scalar" : "vector") + " s=" + s;
                    Ref.assertClose(what + " sum over the last dim", lastDim, t.sum(new int[]{2}, false).toFloatArray(), 1e-5, 1e-6);
                    Ref.assertClose(what + " sum per channel", perChannel, t.sum(new int[]{0, 2}, false).toFloatArray(), 1e-4, 1e-6);
                    Ref.assertClose(what + " sum of all", all, new float[]{t.sum().item()}, 1e-3, 1e-6);
                    double[] mean = {all[0] / (n * c * s)};
                    Ref.assertClose(what + " mean of all", mean, new float[]{t.mean().item()}, 1e-6, 1e-6);
                }
            } finally {
                CpuSettings.setScalar(prev);
            }
        }
    }
}
