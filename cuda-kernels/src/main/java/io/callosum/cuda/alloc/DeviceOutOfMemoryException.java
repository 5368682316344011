package io.callosum.cuda.alloc;

/** An allocation failed even after the cache was released: the message names the request and the allocator's stats. */
public final class DeviceOutOfMemoryException extends RuntimeException {
    /** The size of the request that failed. */
    private final long requestedBytes;
    /** The allocator's statistics when it failed. */
    private final MemoryStats stats;

    /** A failed request of {@code requestedBytes}, with the allocator's {@code stats} at that moment. */
    public DeviceOutOfMemoryException(String message, long requestedBytes, MemoryStats stats) {
        super(message);
        this.requestedBytes = requestedBytes;
        this.stats = stats;
    }

    /** The size of the request that failed, in bytes. */
    public long requestedBytes() {
        return requestedBytes;
    }

    /** The allocator's statistics when the request failed: how much was in use, cached and at peak. */
    public MemoryStats stats() {
        return stats;
    }
}
