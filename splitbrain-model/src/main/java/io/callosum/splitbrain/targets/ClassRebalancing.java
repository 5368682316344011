package io.callosum.splitbrain.targets;

import io.callosum.tensor.Tensor;

/**
 * Class rebalancing (Zhang et al. 2016): weights ∝ ((1 − λ)·p̃ + λ/Q)⁻¹, where p̃ is the empirical class
 * distribution smoothed with a Gaussian over the bin centres, normalised so that Σ p̃·w = 1 (expectation 1).
 */
public final class ClassRebalancing {
    private ClassRebalancing() {
    }

    /** The mix λ of the empirical colour distribution with a uniform one, as in Zhang et al. */
    public static final double DEFAULT_LAMBDA = 0.5;

    /**
     * @param targets INT32 class indices (any shape) from a sample of the training data
     * @param sigma   smoothing width in target units (5 for ab as in the paper; ≤ 0 disables smoothing)
     */
    public static float[] weights(Tensor targets, Quantizer q, double lambda, double sigma) {
        if (!(lambda >= 0 && lambda <= 1)) throw new IllegalArgumentException("ClassRebalancing: lambda must be in [0, 1], got " + lambda);
        int classes = q.classes();
        double[] p = new double[classes];
        int[] t = targets.toIntArray();
        if (t.length == 0) throw new IllegalArgumentException("ClassRebalancing: no targets to estimate the class distribution from");
        for (int v : t) {
            if (v < 0 || v >= classes) throw new IllegalArgumentException("ClassRebalancing: target " + v + " outside [0, " + classes + ")");
            p[v]++;
        }
        for (int k = 0; k < classes; k++) p[k] /= t.length;
        double[] smooth = sigma > 0 ? smooth(p, q.centres(), sigma) : p;
        double[] w = new double[classes];
        double expectation = 0;
        for (int k = 0; k < classes; k++) {
            w[k] = 1.0 / ((1 - lambda) * smooth[k] + lambda / classes);
            expectation += smooth[k] * w[k];
        }
        float[] out = new float[classes];
        for (int k = 0; k < classes; k++) out[k] = (float) (w[k] / expectation);
        return out;
    }

    private static double[] smooth(double[] p, float[][] centres, double sigma) {
        int n = p.length;
        double[] out = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                double d2 = 0;
                for (int c = 0; c < centres[i].length; c++) d2 += Math.pow(centres[i][c] - centres[j][c], 2);
                s += p[j] * Math.exp(-d2 / (2 * sigma * sigma));
            }
            out[i] = s;
            total += s;
        }
        for (int i = 0; i < n; i++) out[i] /= total;
        return out;
    }
}
