package io.callosum.nn.metrics;

import io.callosum.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Counts of (true class, predicted class) pairs, with overall and per-class accuracy (recall) and a readable table:
 * rows are true classes, columns predictions.
 */
public final class ConfusionMatrix {
    private final int classes;
    private final List<String> names;
    private final long[][] counts;

    /** An empty matrix over classes classes named "0", "1", …. */
    public ConfusionMatrix(int classes) {
        this(defaultNames(classes));
    }

    /** An empty matrix over the named classes. */
    public ConfusionMatrix(List<String> classNames) {
        if (classNames.isEmpty()) throw new IllegalArgumentException("ConfusionMatrix: needs at least one class");
        this.classes = classNames.size();
        this.names = List.copyOf(classNames);
        this.counts = new long[classes][classes];
    }

    private static List<String> defaultNames(int classes) {
        if (classes <= 0) throw new IllegalArgumentException("ConfusionMatrix: class count must be positive, got " + classes);
        List<String> n = new ArrayList<>();
        for (int i = 0; i < classes; i++) n.add(Integer.toString(i));
        return n;
    }

    /** Adds a batch: the prediction is the arg-max of each logits row. */
    public void update(Tensor logits, Tensor labels) {
        Logits l = Logits.of("confusion matrix", logits, labels);
        checkClasses(l.classes());
        for (int r = 0; r < l.rows(); r++) counts[l.labels()[r]][l.argmax(r)]++;
    }

    /** Adds predicted classes against true labels. */
    public void update(int[] predicted, int[] labels) {
        if (predicted.length != labels.length) {
            throw new IllegalArgumentException("ConfusionMatrix: " + predicted.length + " predictions for " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) add(labels[i], predicted[i]);
    }

    /** Counts one item of class actual predicted as predicted. */
    public void add(int actual, int predicted) {
        if (actual < 0 || actual >= classes || predicted < 0 || predicted >= classes) {
            throw new IllegalArgumentException("ConfusionMatrix: pair (true " + actual + ", predicted " + predicted
                    + ") is outside 0.." + (classes - 1));
        }
        counts[actual][predicted]++;
    }

    private void checkClasses(int c) {
        if (c != classes) throw new IllegalArgumentException("ConfusionMatrix: logits have " + c + " classes, the matrix " + classes);
    }

    /** Number of classes. */
    public int classes() {
        return classes;
    }

    /** Items of class actual predicted as predicted. */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** Items counted in all. */
    public long total() {
        long t = 0;
        for (long[] row : counts) for (long v : row) t += v;
        return t;
    }

    /** Diagonal / total, or NaN when empty. */
    public double accuracy() {
        long diag = 0;
        for (int i = 0; i < classes; i++) diag += counts[i][i];
        long t = total();
        return t == 0 ? Double.NaN : (double) diag / t;
    }

    /** For each true class, the fraction predicted correctly (NaN for a class with no examples). */
    public double[] perClassAccuracy() {
        double[] acc = new double[classes];
        for (int i = 0; i < classes; i++) {
            long row = 0;
            for (long v : counts[i]) row += v;
            acc[i] = row == 0 ? Double.NaN : (double) counts[i][i] / row;
        }
        return acc;
    }

    /** Clears every count, to reuse the matrix for another evaluation. */
    public void reset() {
        for (long[] row : counts) Arrays.fill(row, 0);
    }

    /** The table: a header of predicted classes, one row per true class with its counts and accuracy. */
    @Override
    public String toString() {
        int nameWidth = "true \\ predicted".length();
        for (int i = 0; i < classes; i++) nameWidth = Math.max(nameWidth, rowLabel(i).length());
        int cell = 5;
        for (long[] row : counts) for (long v : row) cell = Math.max(cell, Long.toString(v).length() + 1);
        StringBuilder sb = new StringBuilder();
        sb.append(pad("true \\ predicted", nameWidth));
        for (int j = 0; j < classes; j++) sb.append(left(Integer.toString(j), cell));
        sb.append("   accuracy\n");
        double[] acc = perClassAccuracy();
        for (int i = 0; i < classes; i++) {
            sb.append(pad(rowLabel(i), nameWidth));
            for (int j = 0; j < classes; j++) sb.append(left(Long.toString(counts[i][j]), cell));
            sb.append(Double.isNaN(acc[i]) ? "        –" : String.format(Locale.ROOT, "   %6.2f %%", 100 * acc[i])).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "overall accuracy %.2f %% (%d examples)", 100 * accuracy(), total()));
        return sb.toString();
    }

    private String rowLabel(int i) {
        return i + " " + names.get(i);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String left(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
