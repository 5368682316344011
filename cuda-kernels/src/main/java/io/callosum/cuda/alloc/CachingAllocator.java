package io.callosum.cuda.alloc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * A caching device allocator in the manner of PyTorch's: freed blocks stay reserved and are reused, so steady-state
 * training does no device allocations at all.
 *
 * <ul>
 *   <li>Requests are rounded up to {@value #ROUND} bytes. Requests up to {@value #SMALL_LIMIT} bytes are served from
 *       2 MiB "small" segments shared by many blocks; larger ones from segments rounded up to 2 MiB.</li>
 *   <li>Free blocks live in two pools ordered by size; a request takes the smallest that fits (best fit) and splits off
 *       the remainder when it is worth keeping (any remainder in the small pool, more than 1 MiB in the large one).</li>
 *   <li>Freeing merges a block with free neighbours of its segment.</li>
 *   <li>When the device refuses a new segment, every wholly free cached segment is returned and the request retried
 *       once; if it still fails, {@link DeviceOutOfMemoryException} names the request and these statistics.</li>
 * </ul>
 * Work on one stream is ordered, so a block freed after its last kernel was queued can be reused at once; but before
 * a segment goes back to the driver ({@link #emptyCache}, the out-of-memory retry) the allocator waits for the queued
 * work ({@link RawDeviceMemory#awaitIdle}), since that work may still use it.
 */
public final class CachingAllocator<S> {
    /** Every request is rounded up to a multiple of this many bytes. */
    public static final long ROUND = 512;
    /** Requests up to this many bytes (after rounding) are small and share small segments. */
    public static final long SMALL_LIMIT = 1L << 20;
    /** The size of each segment that small requests are carved from. */
    public static final long SMALL_SEGMENT = 2L << 20;
    /** Segments for large requests are rounded up to a multiple of this many bytes. */
    public static final long LARGE_ROUND = 2L << 20;

    private static final Comparator<Block<?>> BY_SIZE = Comparator.<Block<?>>comparingLong(b -> b.size)
            .thenComparingLong(b -> b.segment.id).thenComparingLong(b -> b.offset);

    private final RawDeviceMemory<S> device;
    private final String deviceName;
    private final TreeSet<Block<S>> smallPool = new TreeSet<>(BY_SIZE);
    private final TreeSet<Block<S>> largePool = new TreeSet<>(BY_SIZE);
    private long nextSegmentId;
    private long allocated, reserved, requested, peakAllocated, peakReserved;
    private int liveBlocks, segments;
    private long allocations, frees, cacheHits, deviceAllocations, deviceFrees, oomRetries;

    /** An empty cache over {@code device}'s raw allocations; {@code deviceName} labels its error messages. */
    public CachingAllocator(RawDeviceMemory<S> device, String deviceName) {
        this.device = device;
        this.deviceName = deviceName;
    }

    /** A block of at least {@code bytes} bytes (0 gets the minimum block, so every tensor has a valid address). */
    public synchronized Block<S> allocate(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("allocate: negative size " + bytes + " on " + deviceName);
        long size = roundUp(Math.max(bytes, 1), ROUND);
        boolean small = size <= SMALL_LIMIT;
        TreeSet<Block<S>> pool = small ? smallPool : largePool;
        Block<S> block = pool.ceiling(probe(size));
        if (block != null) {
            pool.remove(block);
            cacheHits++;
        } else {
            block = newSegment(bytes, small ? SMALL_SEGMENT : roundUp(size, LARGE_ROUND), small);
        }
        split(block, size, pool);
        block.allocated = true;
        block.requested = bytes;
        allocated += block.size;
        requested += bytes;
        liveBlocks++;
        allocations++;
        peakAllocated = Math.max(peakAllocated, allocated);
        return block;
    }

    /** Returns a block to the cache (merging with free neighbours); the memory stays reserved. */
    public synchronized void free(Block<S> block) {
        if (!block.allocated) throw new IllegalStateException("free: " + block + " on " + deviceName + " is not allocated (double free?)");
        block.allocated = false;
        allocated -= block.size;
        requested -= block.requested;
        block.requested = 0;
        liveBlocks--;
        frees++;
        TreeSet<Block<S>> pool = block.segment.small ? smallPool : largePool;
        Block<S> merged = block;
        if (merged.prev != null && !merged.prev.allocated) {
            Block<S> p = merged.prev;
            pool.remove(p);
            p.size += merged.size;
            unlink(merged);
            merged = p;
        }
        if (merged.next != null && !merged.next.allocated) {
            Block<S> n = merged.next;
            pool.remove(n);
            merged.size += n.size;
            unlink(n);
        }
        pool.add(merged);
    }

    /**
     * Gives every wholly free cached segment back to the device, after waiting for the queued work that may still
     * use them; returns the bytes released.
     */
    public synchronized long emptyCache() {
        List<Block<S>> whole = new ArrayList<>();
        for (TreeSet<Block<S>> pool : List.of(smallPool, largePool)) {
            for (Block<S> b : pool) if (b.prev == null && b.next == null) whole.add(b);
        }
        if (whole.isEmpty()) return 0;
        device.awaitIdle();
        long released = 0;
        for (Block<S> b : whole) {
            (b.segment.small ? smallPool : largePool).remove(b);
            device.free(b.segment.handle);
            reserved -= b.segment.size;
            released += b.segment.size;
            segments--;
            deviceFrees++;
        }
        return released;
    }

    /** A snapshot of the byte counts, peaks and event counters, for memory reports and out-of-memory messages. */
    public synchronized MemoryStats stats() {
        return new MemoryStats(allocated, reserved, peakAllocated, peakReserved, requested, liveBlocks, segments,
                allocations, frees, cacheHits, deviceAllocations, deviceFrees, oomRetries);
    }

    /** Restarts peak tracking from the current values. */
    public synchronized void resetPeaks() {
        peakAllocated = allocated;
        peakReserved = reserved;
    }

    private Block<S> newSegment(long bytes, long segmentSize, boolean small) {
        S handle;
        try {
            handle = device.allocate(segmentSize);
        } catch (RawOutOfMemoryException first) {
            oomRetries++;
            long released = emptyCache();
            try {
                handle = device.allocate(segmentSize);
            } catch (RawOutOfMemoryException second) {
                throw outOfMemory(bytes, segmentSize, released, second.getMessage());
            }
        }
        Block.Segment<S> seg = new Block.Segment<>(handle, segmentSize, nextSegmentId++, small);
        reserved += segmentSize;
        peakReserved = Math.max(peakReserved, reserved);
        segments++;
        deviceAllocations++;
        return new Block<>(seg, 0, segmentSize);
    }

    private DeviceOutOfMemoryException outOfMemory(long bytes, long segmentSize, long released, String deviceMessage) {
        MemoryStats s = stats();
        String dev = device.describe();
        String msg = deviceName + " out of memory: tried to allocate " + MemoryStats.bytes(segmentSize) + " for a request of "
                + bytes + " bytes (" + MemoryStats.bytes(bytes) + "); " + s
                + "; released " + MemoryStats.bytes(released) + " of cached segments and retried"
                + (dev.isEmpty() ? "" : "; device: " + dev)
                + (deviceMessage == null || deviceMessage.isEmpty() ? "" : "; driver: " + deviceMessage)
                + ". Close tensors you no longer need (or use a Scope), or reduce the batch size.";
        return new DeviceOutOfMemoryException(msg, bytes, s);
    }

    /** Cuts the tail off a block when the remainder is worth keeping, and puts the tail in the pool. */
    private void split(Block<S> block, long size, TreeSet<Block<S>> pool) {
        long rest = block.size - size;
        boolean worth = block.segment.small ? rest >= ROUND : rest > SMALL_LIMIT;
        if (!worth) return;
        Block<S> tail = new Block<>(block.segment, block.offset + size, rest);
        tail.prev = block;
        tail.next = block.next;
        if (block.next != null) block.next.prev = tail;
        block.next = tail;
        block.size = size;
        pool.add(tail);
    }

    private static <S> void unlink(Block<S> b) {
        if (b.prev != null) b.prev.next = b.next;
        if (b.next != null) b.next.prev = b.prev;
        b.prev = null;
        b.next = null;
    }

    private Block<S> probe(long size) {
        Block<S> key = new Block<>(new Block.Segment<>(null, 0, Long.MIN_VALUE, false), Long.MIN_VALUE, size);
        return key;
    }

    static long roundUp(long v, long to) {
        return (v + to - 1) / to * to;
    }
}
