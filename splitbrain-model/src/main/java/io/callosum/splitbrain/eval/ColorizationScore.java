package io.callosum.splitbrain.eval;

import io.callosum.nn.data.Dataset;
import io.callosum.tensor.Color;
import io.callosum.tensor.Device;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores a colorization the way colorful colorization does, since several colourings can be right and a picture is
 * no number: the area under the CDF of the per-pixel ab error (Euclidean distance in ab) over thresholds 0 to 150,
 * normalised to [0, 1], plainly and with every pixel weighted by the inverse frequency of its ground-truth ab bin
 * (so rare, saturated colours count as much as the common greys).
 *
 * <p>The area is the exact integral of the step CDF, (1/150)·∫₀¹⁵⁰ P(e ≤ t) dt = mean of max(0, 1 − e/150): a perfect
 * prediction scores 1 and a constant error d scores 1 − d/150.
 *
 * <p>Predictions are compared in Lab units, so the score is meant for networks trained on the {@code lab} split: a
 * {@code rescaled-lab} network predicts per-image stretched ab, which this score counts as error.
 */
public final class ColorizationScore {
    /** Largest ab error the curve runs to. */
    public static final double MAX_THRESHOLD = 150;
    /** Width of the ab bins the rebalanced weights count pixels in (the quantisation grid of colorful colorization). */
    public static final double BIN_WIDTH = 10;
    private static final double AB_MIN = -110;
    private static final int BINS_PER_AXIS = 22;

    /** The plain and the class-rebalanced AuC, both in [0, 1]. */
    public record Scores(double auc, double rebalancedAuc) {
    }

    /** A prediction's scores next to the two baselines' on the same pictures; prior is null when no training set was at hand. */
    public record Comparison(Scores prediction, Scores grey, Scores prior) {
    }

    private ColorizationScore() {
    }

    /** Scores predicted against true ab, both [N, 2, H, W] at the ground truth's resolution. */
    public static Scores score(Tensor predictedAb, Tensor trueAb) {
        requireAb("predicted", predictedAb);
        requireAb("true", trueAb);
        if (!Arrays.equals(predictedAb.shape(), trueAb.shape())) {
            throw new IllegalArgumentException("ColorizationScore: predicted ab " + Arrays.toString(predictedAb.shape())
                    + " and true ab " + Arrays.toString(trueAb.shape()) + " differ in shape");
        }
        float[] truth = trueAb.cpu().contiguous().toFloatArray();
        float[] errors = errors(predictedAb.cpu().contiguous().toFloatArray(), truth, trueAb.size(0), planeOf(trueAb));
        return new Scores(auc(errors, null), auc(errors, rebalancingWeights(truth, trueAb.size(0), planeOf(trueAb))));
    }

    /**
     * Scores the colorizer on RGB pictures [N, 3, H, W] in [0, 1] against grey (ab = 0) and against the per-pixel
     * mean ab of the training pictures (the prior), all at the test pictures' resolution.
     */
    public static Comparison compare(Colorizer colorizer, Tensor testRgb, Tensor trainRgb) {
        return compare(colorizer.predictAb(testRgb).cpu(), ab(testRgb), priorMeanAb(trainRgb));
    }

    /**
     * Scores predicted ab against true ab [N, 2, H, W], next to grey and, when prior [2, h, w] is given, the prior
     * resized bilinearly to H × W (null leaves {@link Comparison#prior()} null).
     */
    public static Comparison compare(Tensor predictedAb, Tensor trueAb, Tensor prior) {
        requireAb("true", trueAb);
        Tensor grey = Tensor.zeros(trueAb.shape());
        Scores priorScores = null;
        if (prior != null) {
            if (prior.dim() != 3 || prior.size(0) != 2) {
                throw new IllegalArgumentException("ColorizationScore: the prior must be ab [2, H, W], got " + Arrays.toString(prior.shape()));
            }
            Tensor p = prior.unsqueeze(0);
            if (p.size(2) != trueAb.size(2) || p.size(3) != trueAb.size(3)) {
                p = Functional.upsampleBilinear(p, trueAb.size(2), trueAb.size(3), false);
            }
            priorScores = score(p.expand(trueAb.shape()).contiguous(), trueAb);
        }
        return new Comparison(score(predictedAb, trueAb), score(grey, trueAb), priorScores);
    }

    /**
     * Scores the colorizer on the first {@code limit} pictures of test (moved to device for the network) against grey
     * and the per-pixel prior of the first {@code limit} pictures of train; all pictures must share one size.
     */
    public static Comparison compare(Colorizer colorizer, Dataset test, Dataset train, int limit, Device device) {
        if (limit < 1) throw new IllegalArgumentException("ColorizationScore: limit must be at least 1, got " + limit);
        return compare(colorizer, first(test, limit).to(device), first(train, limit));
    }

    /** "256 images of X (prior from 256 of Y)": what {@link #compare(Colorizer, Dataset, Dataset, int, Device)} scored. */
    public static String describe(Dataset test, Dataset train, int limit) {
        return Math.min(limit, test.size()) + " images of " + test.name() + " (prior from " + Math.min(limit, train.size())
                + " images of " + train.name() + ")";
    }

    private static Tensor first(Dataset d, int limit) {
        int n = Math.min(limit, d.size());
        if (n == 0) throw new IllegalArgumentException("ColorizationScore: " + d.name() + " holds no pictures");
        List<Tensor> images = new ArrayList<>(n);
        for (int i = 0; i < n; i++) images.add(d.image(i).toTensor());
        return Tensor.stack(images, 0);
    }

    /** The ab channels [N, 2, H, W] of RGB pictures [N, 3, H, W]. */
    public static Tensor ab(Tensor rgb) {
        if (rgb.dim() != 4 || rgb.size(1) != 3) {
            throw new IllegalArgumentException("ColorizationScore: needs RGB pictures [N, 3, H, W], got " + Arrays.toString(rgb.shape()));
        }
        return Color.rgbToLab(rgb.cpu()).narrow(1, 1, 2).contiguous();
    }

    /** Mean ab at every pixel over the training pictures [N, 3, H, W], as [2, H, W]. */
    public static Tensor priorMeanAb(Tensor trainRgb) {
        Tensor ab = ab(trainRgb);
        int n = ab.size(0), height = ab.size(2), width = ab.size(3), len = 2 * height * width;
        float[] v = ab.toFloatArray();
        float[] mean = new float[len];
        for (int i = 0; i < n; i++) for (int j = 0; j < len; j++) mean[j] += v[i * len + j];
        for (int j = 0; j < len; j++) mean[j] /= n;
        return Tensor.of(mean, 2, height, width);
    }

    /** The prior of the first {@code limit} pictures of a data set (they must share one size). */
    public static Tensor priorMeanAb(Dataset train, int limit) {
        return priorMeanAb(first(train, limit));
    }

    /** Fraction (weighted when weights are given) of pixels with ab error ≤ t, for t = 0, 1, …, 150. */
    public static double[] curve(float[] errors, double[] weights) {
        double[] cdf = new double[(int) MAX_THRESHOLD + 1];
        double total = 0;
        for (int i = 0; i < errors.length; i++) {
            double w = weights == null ? 1 : weights[i];
            total += w;
            int first = (int) Math.ceil(errors[i]);
            for (int t = Math.max(0, first); t < cdf.length; t++) cdf[t] += w;
        }
        for (int t = 0; t < cdf.length; t++) cdf[t] /= total;
        return cdf;
    }

    /** The normalised area under the error CDF (exact for the step curve); weights null means every pixel counts once. */
    public static double auc(float[] errors, double[] weights) {
        if (errors.length == 0) throw new IllegalArgumentException("ColorizationScore: no pixels to score");
        if (weights != null && weights.length != errors.length) {
            throw new IllegalArgumentException("ColorizationScore: " + weights.length + " weights for " + errors.length + " pixels");
        }
        double sum = 0, total = 0;
        for (int i = 0; i < errors.length; i++) {
            if (!Float.isFinite(errors[i])) throw new IllegalArgumentException("ColorizationScore: ab error of pixel " + i + " is " + errors[i]);
            double w = weights == null ? 1 : weights[i];
            sum += w * Math.max(0, 1 - errors[i] / MAX_THRESHOLD);
            total += w;
        }
        return sum / total;
    }

    /** Per-pixel Euclidean ab error, pixels ordered image by image; ab arrays are [N, 2, plane]. */
    public static float[] errors(float[] predicted, float[] truth, int n, int plane) {
        float[] e = new float[n * plane];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < plane; p++) {
                int a = i * 2 * plane + p, b = a + plane;
                double da = predicted[a] - truth[a], db = predicted[b] - truth[b];
                e[i * plane + p] = (float) Math.sqrt(da * da + db * db);
            }
        }
        return e;
    }

    /** 1 / (number of pixels whose true ab falls in the same 10 × 10 ab bin), pixels ordered as {@link #errors}. */
    public static double[] rebalancingWeights(float[] truth, int n, int plane) {
        int[] bin = new int[n * plane];
        int[] count = new int[BINS_PER_AXIS * BINS_PER_AXIS];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < plane; p++) {
                int a = i * 2 * plane + p;
                int k = binOf(truth[a]) * BINS_PER_AXIS + binOf(truth[a + plane]);
                bin[i * plane + p] = k;
                count[k]++;
            }
        }
        double[] w = new double[bin.length];
        for (int i = 0; i < bin.length; i++) w[i] = 1.0 / count[bin[i]];
        return w;
    }

    private static int binOf(float v) {
        int b = (int) Math.floor((v - AB_MIN) / BIN_WIDTH);
        return Math.max(0, Math.min(BINS_PER_AXIS - 1, b));
    }

    private static int planeOf(Tensor ab) {
        return ab.size(2) * ab.size(3);
    }

    private static void requireAb(String what, Tensor t) {
        if (t.dim() != 4 || t.size(1) != 2) {
            throw new IllegalArgumentException("ColorizationScore: " + what + " ab must be [N, 2, H, W], got " + Arrays.toString(t.shape()));
        }
    }
}
