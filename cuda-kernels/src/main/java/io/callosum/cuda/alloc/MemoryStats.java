package io.callosum.cuda.alloc;

import java.util.Locale;

/**
 * A snapshot of the caching allocator. Allocated: bytes in blocks handed out (rounded sizes); reserved: bytes held
 * from the device (allocated plus the cache); peaks since the start or the last {@code resetPeaks}.
 */
public record MemoryStats(long allocatedBytes, long reservedBytes, long peakAllocatedBytes, long peakReservedBytes,
                          long requestedBytes, int liveBlocks, int segments, long allocations, long frees,
                          long cacheHits, long deviceAllocations, long deviceFrees, long oomRetries) {

    /** Bytes reserved but not handed out. */
    public long cachedBytes() {
        return reservedBytes - allocatedBytes;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "allocated %s, reserved %s (cached %s), peak allocated %s, peak reserved %s, %d live blocks in %d segments",
                bytes(allocatedBytes), bytes(reservedBytes), bytes(cachedBytes()), bytes(peakAllocatedBytes),
                bytes(peakReservedBytes), liveBlocks, segments);
    }

    /** "1.50 GiB", "512 B": binary units, two decimals above a KiB. */
    public static String bytes(long b) {
        if (b < 1024) return b + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s", v, units[u]);
    }
}
