package io.callosum.cuda.alloc;

/**
 * The raw allocate/free of a device, as the caching allocator sees it: segments of device memory identified by a
 * handle {@code S} (a JCuda device pointer in production, a fake in tests).
 */
public interface RawDeviceMemory<S> {
    /** A new segment of exactly {@code bytes} bytes; throws when the device has no room. */
    S allocate(long bytes) throws RawOutOfMemoryException;

    /** Returns a segment obtained from {@link #allocate}; the caller has called {@link #awaitIdle()} first. */
    void free(S segment);

    /**
     * Waits until no queued device work can still read or write memory this device handed out (a stream
     * synchronisation). Freeing a cached block right after its last kernel was merely queued would hand memory that
     * kernel still uses back to the driver, so the allocator calls this before every {@link #free}.
     */
    void awaitIdle();

    /** What the device says about its memory, for out-of-memory messages (e.g. "1.2 GiB free of 79.1 GiB"). */
    default String describe() {
        return "";
    }
}
