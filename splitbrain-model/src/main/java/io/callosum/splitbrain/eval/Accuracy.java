package io.callosum.splitbrain.eval;

import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.Interval;

/** Top-1 / top-5 on a held-out set, with the 95 % Wilson score interval of top-1. */
public record Accuracy(int total, int top1Correct, int top5Correct) {
    public double top1() {
        return total == 0 ? 0 : top1Correct / (double) total;
    }

    public double top5() {
        return total == 0 ? 0 : top5Correct / (double) total;
    }

    /** 95 % Wilson interval of top-1 (commons-statistics). */
    public double[] top1Interval() {
        if (total == 0) return new double[]{0, 1};
        Interval i = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(total, top1Correct, 0.05);
        return new double[]{i.getLowerBound(), i.getUpperBound()};
    }

    /** Counts correct predictions from logits [N, K] and labels. */
    public static Accuracy of(io.callosum.tensor.Tensor logits, int[] labels) {
        int n = logits.size(0), k = logits.size(1);
        float[] v = logits.toFloatArray();
        int c1 = 0, c5 = 0;
        for (int i = 0; i < n; i++) {
            float target = v[i * k + labels[i]];
            int better = 0;
            for (int j = 0; j < k; j++) if (v[i * k + j] > target || (v[i * k + j] == target && j < labels[i])) better++;
            if (better == 0) c1++;
            if (better < 5) c5++;
        }
        return new Accuracy(n, c1, c5);
    }
}
