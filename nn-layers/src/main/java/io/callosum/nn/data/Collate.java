package io.callosum.nn.data;

import java.util.List;

/**
 * Turns the samples of one batch into the batch, as PyTorch's {@code collate_fn}: a {@link SampleLoader} calls it
 * with the samples in batch order, on a worker thread (or the consumer's, with no workers), so it must not share
 * mutable state. The batch belongs to the caller: a collate creating tensors should {@link
 * io.callosum.tensor.Scope#escape} them, as {@link TensorDataset#stack()} does, so that a scope open on the
 * consuming thread does not close them; a batch that is {@link AutoCloseable} is closed if the loader drops it.
 *
 * @param <T> the sample type
 * @param <B> the batch type
 */
@FunctionalInterface
public interface Collate<T, B> {
    /** The batch of these samples (at least one; the last batch of an epoch may hold fewer than the batch size). */
    B apply(List<T> samples);
}
