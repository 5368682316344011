package io.callosum.nn.metrics;

import io.callosum.tensor.Tensor;

import java.util.Arrays;

/** Logits [N, C] and labels [N] copied to the heap and checked once, shared by the metrics. */
record Logits(float[] values, int rows, int classes, int[] labels) {

    static Logits of(String metric, Tensor logits, Tensor labels) {
        int[] s = logits.shape();
        if (s.length != 2) throw new IllegalArgumentException(metric + ": logits must be [N, C], got " + Arrays.toString(s));
        int[] ls = labels.shape();
        if (ls.length != 1 || ls[0] != s[0]) {
            throw new IllegalArgumentException(metric + ": labels of shape " + Arrays.toString(ls) + " do not match logits "
                    + Arrays.toString(s) + " (expected [" + s[0] + "])");
        }
        return of(metric, logits.toFloatArray(), s[1], labels.toIntArray());
    }

    static Logits of(String metric, float[] values, int classes, int[] labels) {
        if (classes <= 0 || values.length != (long) labels.length * classes) {
            throw new IllegalArgumentException(metric + ": " + values.length + " logits are not " + labels.length + " rows of "
                    + classes + " classes");
        }
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new IllegalArgumentException(metric + ": label " + labels[r] + " in row " + r + " is outside 0.." + (classes - 1));
            }
        }
        for (int i = 0; i < values.length; i++) {
            if (Float.isNaN(values[i])) {
                throw new IllegalArgumentException(metric + ": logit " + (i % classes) + " of row " + (i / classes) + " is NaN");
            }
        }
        return new Logits(values, labels.length, classes, labels);
    }

    /**
     * Rank of the true class in row r: how many classes score higher, ties counting against the true class when they
     * come first (the order a stable sort by descending score gives).
     */
    int rankOfLabel(int r) {
        int base = r * classes, y = labels[r];
        float target = values[base + y];
        int rank = 0;
        for (int j = 0; j < classes; j++) {
            float v = values[base + j];
            if (v > target || (v == target && j < y)) rank++;
        }
        return rank;
    }

    /** The highest-scoring class of row r (first on ties). */
    int argmax(int r) {
        int base = r * classes, best = 0;
        for (int j = 1; j < classes; j++) if (values[base + j] > values[base + best]) best = j;
        return best;
    }
}
