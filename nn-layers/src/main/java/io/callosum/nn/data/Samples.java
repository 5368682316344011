package io.callosum.nn.data;

/**
 * A map-style dataset of any sample type, as PyTorch's {@code Dataset}: a size and random access by index. The
 * {@link SampleLoader} batches one through a {@link Collate} function. Implementations must be safe to read from
 * several threads at once (a loader's workers do).
 *
 * @param <T> the sample type
 */
public interface Samples<T> {
    /** Number of samples; indices run 0..size−1. */
    int size();

    /** Sample index (0 ≤ index &lt; size). */
    T get(int index);

    /** A short description for messages, e.g. {@code TensorDataset([100, 3], [100])}. */
    String name();
}
