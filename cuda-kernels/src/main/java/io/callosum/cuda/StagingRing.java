package io.callosum.cuda;

/**
 * Pinned host buffers for transfers, used in turn, each with its own completion event. An upload fills the next
 * buffer, queues the copy and records that buffer's event; the host waits only when it comes back to a buffer whose
 * copy is still queued ({@value #SLOTS} uploads later), not for the upload just before. A synchronising download
 * leaves every buffer idle. Generic over the buffer type so the ordering is tested without a GPU.
 */
final class StagingRing<B> {
    static final int SLOTS = 4;
    static final long MIN_CAPACITY = 1L << 20;

    /** The native side: pinned allocations and one event per slot on the backend's stream. */
    interface Host<B> {
        B allocate(long bytes);

        void free(B buffer);

        /** Records slot's event on the stream, after the copy just queued. */
        void record(int slot);

        /** Blocks the host until slot's event has completed. */
        void await(int slot);
    }

    /** A slot in use: its index and its buffer, holding at least the requested bytes. */
    record Lease<B>(int slot, B buffer) {
    }

    private final Host<B> host;
    private final Object[] buffers = new Object[SLOTS];
    private final long[] capacity = new long[SLOTS];
    private final boolean[] pending = new boolean[SLOTS];
    private int next;

    StagingRing(Host<B> host) {
        this.host = host;
    }

    /** The next slot, grown to at least bytes, once the GPU has finished reading what it held. */
    @SuppressWarnings("unchecked")
    Lease<B> acquire(long bytes) {
        int slot = next;
        next = (next + 1) % SLOTS;
        if (pending[slot]) {
            host.await(slot);
            pending[slot] = false;
        }
        if (capacity[slot] < bytes) {
            if (buffers[slot] != null) host.free((B) buffers[slot]);
            buffers[slot] = null;
            capacity[slot] = 0;
            long cap = Math.min(Math.max(MIN_CAPACITY, Long.highestOneBit(Math.max(bytes - 1, 1)) << 1), Integer.MAX_VALUE);
            buffers[slot] = host.allocate(cap);
            capacity[slot] = cap;
        }
        return new Lease<>(slot, (B) buffers[slot]);
    }

    /** The copy out of (or into) the lease's buffer has been queued: record its event. */
    void queued(Lease<B> lease) {
        host.record(lease.slot());
        pending[lease.slot()] = true;
    }

    /** The stream was synchronised: no slot's copy is outstanding. */
    void allIdle() {
        java.util.Arrays.fill(pending, false);
    }

    long capacity(int slot) {
        return capacity[slot];
    }
}
