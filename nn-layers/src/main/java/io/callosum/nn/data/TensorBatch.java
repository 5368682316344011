package io.callosum.nn.data;

import io.callosum.tensor.Tensor;

import java.util.List;

/**
 * A batch of a {@link TensorDataset} stacked by {@link TensorDataset#stack()}: one tensor per dataset tensor, each
 * [batch, …] in the dataset tensor's order. Owned by the caller; closing it frees the tensors.
 */
public record TensorBatch(List<Tensor> tensors) implements AutoCloseable {
    /** Keeps an unmodifiable copy of the list. */
    public TensorBatch {
        tensors = List.copyOf(tensors);
    }

    /** The i-th tensor, stacked from the i-th tensor of each sample. */
    public Tensor get(int i) {
        return tensors.get(i);
    }

    /** Samples in the batch. */
    public int size() {
        return tensors.get(0).size(0);
    }

    @Override
    public void close() {
        tensors.forEach(Tensor::close);
    }
}
