package io.callosum.nn.data;

import io.callosum.tensor.Generator;
import io.callosum.tensor.Shape;
import io.callosum.tensor.Tensor;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Batches of rows of a tensor already in memory (e.g. frozen features [N, D]) with their labels, so models trained on
 * precomputed inputs use the same loop as image models. Rows come in order, or in a permutation drawn from a
 * generator each time a new epoch starts (a replayed epoch reuses its permutation). The last batch may be short.
 */
public final class TensorBatches implements BatchSource {
    private final Tensor rows;
    private final Tensor labels;
    private final int batchSize;
    private final Generator shuffle; // null: in order
    private int permutedEpoch = -1;
    private int[] permutation;

    private TensorBatches(Tensor rows, int[] labels, int batchSize, Generator shuffle) {
        if (rows.dim() < 1 || rows.size(0) != labels.length) {
            throw new IllegalArgumentException("TensorBatches: " + labels.length + " labels for rows of shape " + Shape.str(rows.shape()));
        }
        if (batchSize < 1) throw new IllegalArgumentException("TensorBatches: batch size must be positive, got " + batchSize);
        this.rows = rows;
        this.labels = Tensor.of(labels.clone(), labels.length);
        this.batchSize = batchSize;
        this.shuffle = shuffle;
    }

    /** Rows 0, 1, 2, … in batches of batchSize. */
    public static TensorBatches inOrder(Tensor rows, int[] labels, int batchSize) {
        return new TensorBatches(rows, labels, batchSize, null);
    }

    /** Rows in a fresh permutation per epoch, drawn from g when the epoch first starts. */
    public static TensorBatches shuffled(Tensor rows, int[] labels, int batchSize, Generator g) {
        return new TensorBatches(rows, labels, batchSize, g);
    }

    @Override
    public int batchesPerEpoch() {
        return (rows.size(0) + batchSize - 1) / batchSize;
    }

    @Override
    public Iterable<Batch> epoch(int epoch) {
        int[] order = order(epoch);
        return () -> new Iterator<>() {
            private int start;

            @Override
            public boolean hasNext() {
                return start < order.length;
            }

            @Override
            public Batch next() {
                if (!hasNext()) throw new NoSuchElementException("TensorBatches: epoch " + epoch + " has no more batches");
                int len = Math.min(batchSize, order.length - start);
                int[] picked = Arrays.copyOfRange(order, start, start + len);
                start += len;
                try (Tensor idx = Tensor.of(picked, len)) {
                    return new Batch(rows.indexSelect(0, idx), labels.indexSelect(0, idx), picked);
                }
            }
        };
    }

    private int[] order(int epoch) {
        if (shuffle == null) {
            int[] order = new int[rows.size(0)];
            for (int i = 0; i < order.length; i++) order[i] = i;
            return order;
        }
        if (epoch != permutedEpoch) {
            permutation = shuffle.permutation(rows.size(0));
            permutedEpoch = epoch;
        }
        return permutation;
    }
}
