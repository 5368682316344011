package io.callosum.nn.metrics;

import io.callosum.tensor.Tensor;

/**
 * Top-k accuracy accumulated over batches: an example counts as correct when its label is among the k highest logits
 * (ties broken towards the lower class index, as a stable descending sort does). Top-1 is ordinary accuracy.
 */
public final class TopKAccuracy {
    private final int k;
    private long correct;
    private long total;

    /** Counts items whose label is among the k highest logits. */
    public TopKAccuracy(int k) {
        if (k <= 0) throw new IllegalArgumentException("TopKAccuracy: k must be positive, got " + k);
        this.k = k;
    }

    /** Top-1 accuracy. */
    public static TopKAccuracy top1() {
        return new TopKAccuracy(1);
    }

    /** Top-5 accuracy. */
    public static TopKAccuracy top5() {
        return new TopKAccuracy(5);
    }

    /** Adds a batch: logits [N, C] (any device), labels [N] (INT32). */
    public void update(Tensor logits, Tensor labels) {
        add(Logits.of(name(), logits, labels));
    }

    /** Adds a batch given as row-major logits of `classes` columns. */
    public void update(float[] logits, int classes, int[] labels) {
        add(Logits.of(name(), logits, classes, labels));
    }

    /** Adds counts made elsewhere (a checkpoint of a run in progress, another shard of the data). */
    public void add(long correct, long total) {
        if (correct < 0 || total < correct) {
            throw new IllegalArgumentException("TopKAccuracy: " + correct + " correct of " + total + " is not a valid count");
        }
        this.correct += correct;
        this.total += total;
    }

    private void add(Logits l) {
        for (int r = 0; r < l.rows(); r++) if (l.rankOfLabel(r) < k) correct++;
        total += l.rows();
    }

    /** The fraction of logits rows whose label is in the top k (one batch, no accumulation). */
    public static double of(Tensor logits, Tensor labels, int k) {
        TopKAccuracy m = new TopKAccuracy(k);
        m.update(logits, labels);
        return m.value();
    }

    /** The k of this metric. */
    public int k() {
        return k;
    }

    /** Items counted correct so far. */
    public long correct() {
        return correct;
    }

    /** Items counted so far. */
    public long total() {
        return total;
    }

    /** correct / total, or NaN before any example. */
    public double value() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /** Forgets every count, to start another evaluation. */
    public void reset() {
        correct = 0;
        total = 0;
    }

    private String name() {
        return "top-" + k + " accuracy";
    }

    @Override
    public String toString() {
        return String.format("%s %.4f (%d/%d)", name(), value(), correct, total);
    }
}
