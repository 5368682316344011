package io.callosum.cuda.alloc;

/** An allocation failed even after the cache was released: the message names the request and the allocator's stats. */
public final class DeviceOutOfMemoryException extends RuntimeException {
    private final long requestedBytes;
    private final MemoryStats stats;

    public DeviceOutOfMemoryException(String message, long requestedBytes, MemoryStats stats) {
        super(message);
        this.requestedBytes = requestedBytes;
        this.stats = stats;
    }

    public long requestedBytes() {
        return requestedBytes;
    }

    public MemoryStats stats() {
        return stats;
    }
}
