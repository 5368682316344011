package io.callosum.splitbrain.eval;

import io.callosum.tensor.Generator;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.StandardDeviation;

import java.util.ArrayList;
import java.util.List;

/**
 * The few-shot protocol: for each k, k labelled training images per class (stratified, drawn from a seed), a linear
 * probe on one layer's frozen features, evaluated on the full test set; repeated over seeds, reported as mean ± std.
 */
public final class FewShot {
    private FewShot() {
    }

    /** The images per class of the paper's few-shot curves. */
    public static final int[] DEFAULT_SHOTS = {1, 2, 4, 8, 16, 32, 64};

    /**
     * One k: accuracies over seeds, summarised by Commons Statistics as mean and sample standard deviation (the
     * n − 1 estimator, since the seeds are a sample of the draws; 0 for a single seed).
     */
    public record Point(int shots, double[] top1, double[] top5) {
        /** Mean top-1 accuracy over seeds. */
        public double mean() {
            return Mean.of(top1).getAsDouble();
        }

        /** Sample standard deviation of top-1 accuracy over seeds. */
        public double std() {
            return StandardDeviation.of(top1).getAsDouble();
        }

        /** Mean top-5 accuracy over seeds. */
        public double mean5() {
            return Mean.of(top5).getAsDouble();
        }

        /** Sample standard deviation of top-5 accuracy over seeds. */
        public double std5() {
            return StandardDeviation.of(top5).getAsDouble();
        }
    }

    /**
     * The training rows of one draw: k distinct rows of every class, chosen by a generator seeded with seed, so each
     * seed draws its own images and only rows of the given pools (the training split) can be drawn.
     */
    public static int[] sample(List<List<Integer>> byClass, int k, long seed) {
        Generator g = new Generator(seed);
        int[] rows = new int[k * byClass.size()];
        int at = 0;
        for (int c = 0; c < byClass.size(); c++) {
            List<Integer> pool = byClass.get(c);
            if (pool.size() < k) {
                throw new IllegalArgumentException("FewShot: class " + c + " has " + pool.size() + " labelled training images, fewer than k=" + k);
            }
            int[] perm = g.permutation(pool.size());
            for (int j = 0; j < k; j++) rows[at++] = pool.get(perm[j]);
        }
        return rows;
    }

    /** The generator seed of draw s at k images per class: distinct for every (k, s) of one run. */
    public static long drawSeed(int k, int s) {
        return 1_000_003L * k + s;
    }

    /** Row indices of every class, index = label; unlabelled rows (label {@code < 0}) are in none. */
    public static List<List<Integer>> byClass(int[] labels, int classes) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= classes) throw new IllegalArgumentException("FewShot: label " + labels[i] + " of row " + i + " outside [0, " + classes + ")");
            if (labels[i] >= 0) byClass.get(labels[i]).add(i);
        }
        return byClass;
    }

    /** Fits and scores a probe for every k of shots, seeds times, on layer's features. */
    public static List<Point> run(FeatureSet train, FeatureSet test, int layer, int classes, int[] shots, int seeds, LinearProbe.Config cfg) {
        if (seeds < 1) throw new IllegalArgumentException("FewShot: needs at least one seed, got " + seeds);
        List<List<Integer>> byClass = byClass(train.labels(), classes);
        List<Point> out = new ArrayList<>();
        for (int k : shots) {
            double[] t1 = new double[seeds], t5 = new double[seeds];
            for (int s = 0; s < seeds; s++) {
                int[] rows = sample(byClass, k, drawSeed(k, s));
                FeatureSet sub = train.subset(rows);
                // small sets: more passes, full-batch-ish steps
                LinearProbe.Config few = cfg.toBuilder().epochs(Math.max(cfg.epochs(), 2000 / Math.max(1, rows.length)))
                        .batchSize(Math.min(cfg.batchSize(), rows.length)).seed(s).build();
                Accuracy a = LinearProbe.fitAndEvaluate(sub, test, layer, classes, few);
                t1[s] = a.top1();
                t5[s] = a.top5();
            }
            out.add(new Point(k, t1, t5));
        }
        return out;
    }
}
