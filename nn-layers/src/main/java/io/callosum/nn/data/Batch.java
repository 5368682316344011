package io.callosum.nn.data;

import io.callosum.tensor.Tensor;

/**
 * A batch from the {@link DataLoader}: images N×C×H×W (FLOAT32, CPU), labels [N] (INT32; −1 for unlabelled items) and
 * the dataset indices they came from. Owned by the caller: close it (or let the garbage collector take it).
 */
public record Batch(Tensor images, Tensor labels, int[] indices) implements AutoCloseable {
    /** Items in the batch (the last batch of an epoch may be short). */
    public int size() {
        return indices.length;
    }

    @Override
    public void close() {
        images.close();
        labels.close();
    }
}
