package io.callosum.splitbrain.eval;

import io.callosum.nn.train.Evaluation;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.Interval;

/** Top-1 / top-5 on a held-out set, with the 95 % Wilson score interval of top-1. */
public record Accuracy(int total, int top1Correct, int top5Correct) {
    /** Fraction of test items whose true class scored highest. */
    public double top1() {
        return total == 0 ? 0 : top1Correct / (double) total;
    }

    /** Fraction of test items whose true class was among the five highest scores. */
    public double top5() {
        return total == 0 ? 0 : top5Correct / (double) total;
    }

    /** 95 % Wilson interval of top-1 (commons-statistics). */
    public double[] top1Interval() {
        if (total == 0) return new double[]{0, 1};
        Interval i = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(total, top1Correct, 0.05);
        return new double[]{i.getLowerBound(), i.getUpperBound()};
    }

    /** The counts of an evaluation that scored top-1 and top-5. */
    public static Accuracy of(Evaluation e) {
        return new Accuracy(Math.toIntExact(e.total()), Math.toIntExact(e.correct(1)), Math.toIntExact(e.correct(5)));
    }
}
