package io.callosum.cuda.alloc;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The caching allocator's book-keeping against a fake device: rounding, reuse, splitting, merging, stats, OOM. */
class CachingAllocatorTest {
    static final long MiB = 1L << 20;

    @Test
    void smallRequestsShareOneTwoMegabyteSegmentInRoundedBlocks() {
        FakeDevice dev = new FakeDevice(64 * MiB);
        CachingAllocator<Integer> a = new CachingAllocator<>(dev, "fake:0");
        Block<Integer> b1 = a.allocate(1);
        Block<Integer> b2 = a.allocate(700);
        Block<Integer> b3 = a.allocate(0);
        assertEquals(List.of("alloc " + 2 * MiB), dev.calls, "one small segment serves all three");
        assertEquals(512, b1.size());
        assertEquals(1024, b2.size());
        assertEquals(512, b3.size(), "zero bytes still gets an address");
        assertEquals(0, b1.offset());
        assertEquals(512, b2.offset());
        assertEquals(1536, b3.offset());
        MemoryStats s = a.stats();
        assertEquals(2048, s.allocatedBytes());
        assertEquals(701, s.requestedBytes());
        assertEquals(2 * MiB, s.reservedBytes());
        assertEquals(3, s.liveBlocks());
        assertEquals(1, s.segments());
    }

    @Test
    void freedBlocksAreReusedWithoutTouchingTheDevice() {
        FakeDevice dev = new FakeDevice(64 * MiB);
        CachingAllocator<Integer> a = new CachingAllocator<>(dev, "fake:0");
        Block<Integer> big = a.allocate(5 * MiB + 3);
        assertEquals(6 * MiB, dev.used, "large segments round up to 2 MiB");
        a.free(big);
        assertEquals(0, a.stats().allocatedBytes());
        assertEquals(6 * MiB, a.stats().reservedBytes(), "freed memory stays reserved");
        Block<Integer> again = a.allocate(5 * MiB);
        assertSame(big.segmentHandle(), again.segmentHandle());
        assertEquals(1, dev.calls.size(), "no second device allocation");
        assertEquals(1, a.stats().cacheHits());
    }

    @Test
    void largeBlocksSplitAndMergeBackOnFree() {
        FakeDevice dev = new FakeDevice(64 * MiB);
        CachingAllocator<Integer> a = new CachingAllocator<>(dev, "fake:0");
        Block<Integer> whole = a.allocate(20 * MiB);
        a.free(whole);
        Block<Integer> x = a.allocate(4 * MiB);
        Block<Integer> y = a.allocate(6 * MiB);
        assertEquals(1, dev.calls.size(), "both carved out of the cached 20 MiB segment");
        assertSame(x.segmentHandle(), y.segmentHandle());
        assertEquals(0, x.offset());
        assertEquals(4 * MiB, y.offset());
        // the 10 MiB tail is still free: a 10 MiB request fits without the device
        Block<Integer> z = a.allocate(10 * MiB);
        assertEquals(10 * MiB, z.offset());
        assertEquals(1, dev.calls.size());
        a.free(y);
        a.free(x);
        a.free(z);
        // merged back into one 20 MiB block: a 20 MiB request needs no new segment
        Block<Integer> w = a.allocate(20 * MiB);
        assertEquals(0, w.offset());
        assertEquals(20 * MiB, w.size());
        assertEquals(1, dev.calls.size());
    }

    @Test
    void smallRemaindersOfLargeBlocksAreNotSplitOff() {
        FakeDevice dev = new FakeDevice(64 * MiB);
        CachingAllocator<Integer> a = new CachingAllocator<>(dev, "fake:0");
        Block<Integer> b = a.allocate(3 * MiB + 1);   // 4 MiB segment; 512 KiB left is below the 1 MiB split limit
        assertEquals(4 * MiB, b.size());
        assertEquals(4 * MiB, a.stats().allocatedBytes());
    }

    @Test
    void bestFitPicksTheSmallestFreeBlock() {
        FakeDevice dev = new FakeDevice(64 * MiB);
        CachingAllocator<Integer> a = new CachingAllocator<>(dev, "fake:0");
        Block<Integer> big = a.allocate(8 * MiB);
        Block<Integer> mid = a.allocate(4 * MiB);
        a.free(big);
        a.free(mid);
        Block<Integer> got = a.allocate(3 * MiB);
        assertSame(mid.segmentHandle(), got.segmentHandle(), "the 4 MiB block, not the 8 MiB one");
    }

    @Test
    void peakTracksTheHighWaterMark() {
        CachingAllocator<Integer> a = new CachingAllocator<>(new FakeDevice(64 * MiB), "fake:0");
        Block<Integer> b1 = a.allocate(4 * MiB);
        Block<Integer> b2 = a.allocate(4 * MiB);
        a.free(b1);
        a.free(b2);
        assertEquals(8 * MiB, a.stats().peakAllocatedBytes());
        a.resetPeaks();
        assertEquals(0, a.stats().peakAllocatedBytes());
        assertEquals(8 * MiB, a.stats().peakReservedBytes());
    }

    @Test
    void outOfMemoryReleasesTheCacheAndRetries() {
        FakeDevice dev = new FakeDevice(10 * MiB);
        CachingAllocator<Integer> a = new CachingAllocator<>(dev, "fake:0");
        a.free(a.allocate(6 * MiB));            // 6 MiB cached
        Block<Integer> b = a.allocate(8 * MiB); // 6 + 8 > 10: refuse, wait for queued work, free cache, retry
        assertEquals(List.of("alloc " + 6 * MiB, "refuse " + 8 * MiB, "sync", "free " + 6 * MiB, "alloc " + 8 * MiB), dev.calls,
                "the cached segment goes back to the driver only after the stream is synchronised");
        assertEquals(8 * MiB, b.size());
        assertEquals(1, a.stats().oomRetries());
        assertEquals(8 * MiB, a.stats().reservedBytes());
    }

    @Test
    void outOfMemoryNamesTheRequestAndTheStats() {
        FakeDevice dev = new FakeDevice(10 * MiB);
        CachingAllocator<Integer> a = new CachingAllocator<>(dev, "fake:0");
        Block<Integer> held = a.allocate(6 * MiB);
        DeviceOutOfMemoryException e = assertThrows(DeviceOutOfMemoryException.class, () -> a.allocate(7 * MiB));
        String m = e.getMessage();
        assertTrue(m.startsWith("fake:0 out of memory: tried to allocate 8.00 MiB for a request of 7340032 bytes (7.00 MiB)"), m);
        assertTrue(m.contains("allocated 6.00 MiB, reserved 6.00 MiB"), m);
        assertTrue(m.contains("device: 4194304 bytes free of 10485760"), m);
        assertTrue(m.contains("driver: CUDA_ERROR_OUT_OF_MEMORY (fake)"), m);
        assertEquals(7 * MiB, e.requestedBytes());
        assertEquals(6 * MiB, e.stats().allocatedBytes());
        assertTrue(held.isAllocated(), "a failed request leaves live blocks alone");
    }

    @Test
    void emptyCacheReturnsOnlyWhollyFreeSegments() {
        FakeDevice dev = new FakeDevice(64 * MiB);
        CachingAllocator<Integer> a = new CachingAllocator<>(dev, "fake:0");
        Block<Integer> s1 = a.allocate(100);
        a.allocate(100);                   // keeps the small segment partly in use
        a.free(s1);
        a.free(a.allocate(4 * MiB));      // a wholly free large segment
        long released = a.emptyCache();
        assertEquals(4 * MiB, released);
        assertEquals(2 * MiB, dev.used);
        assertEquals(1, a.stats().segments());
        assertEquals(List.of("alloc " + 2 * MiB, "alloc " + 4 * MiB, "sync", "free " + 4 * MiB), dev.calls, "sync before free");
    }

    @Test
    void emptyCacheSynchronisesOnceBeforeTheFirstFreeAndNotAtAllWhenNothingIsFree() {
        FakeDevice dev = new FakeDevice(64 * MiB);
        CachingAllocator<Integer> a = new CachingAllocator<>(dev, "fake:0");
        Block<Integer> held = a.allocate(4 * MiB);
        assertEquals(0, a.emptyCache());
        assertEquals(List.of("alloc " + 4 * MiB), dev.calls, "nothing to return: no wait for the GPU");
        a.free(a.allocate(100));
        a.free(a.allocate(8 * MiB));
        a.free(held);
        dev.calls.clear();
        assertEquals(14 * MiB, a.emptyCache());
        assertEquals("sync", dev.calls.get(0), "one synchronisation first: " + dev.calls);
        assertEquals(4, dev.calls.size(), "then one free per segment: " + dev.calls);
        assertEquals(1, java.util.Collections.frequency(dev.calls, "sync"));
    }

    @Test
    void doubleFreeIsAnError() {
        CachingAllocator<Integer> a = new CachingAllocator<>(new FakeDevice(64 * MiB), "fake:0");
        Block<Integer> b = a.allocate(10);
        a.free(b);
        assertThrows(IllegalStateException.class, () -> a.free(b));
    }

    @Test
    void randomWorkloadKeepsBlocksDisjointAndStatsConsistent() {
        FakeDevice dev = new FakeDevice(512 * MiB);
        CachingAllocator<Integer> a = new CachingAllocator<>(dev, "fake:0");
        SplittableRandom r = new SplittableRandom(7);
        List<Block<Integer>> live = new ArrayList<>();
        for (int step = 0; step < 5000; step++) {
            if (live.isEmpty() || (live.size() < 40 && r.nextBoolean())) {
                long bytes = r.nextBoolean() ? r.nextLong(1, 4096) : r.nextLong(1, 12 * MiB);
                Block<Integer> b = a.allocate(bytes);
                assertTrue(b.size() >= bytes);
                for (Block<Integer> o : live) {
                    if (o.segmentHandle().equals(b.segmentHandle())) {
                        assertNotSame(o, b);
                        boolean disjoint = o.offset() + o.size() <= b.offset() || b.offset() + b.size() <= o.offset();
                        assertTrue(disjoint, o + " overlaps " + b);
                    }
                }
                live.add(b);
            } else {
                a.free(live.remove(r.nextInt(live.size())));
            }
            long sum = 0;
            for (Block<Integer> b : live) sum += b.size();
            assertEquals(sum, a.stats().allocatedBytes());
            assertEquals(dev.used, a.stats().reservedBytes());
        }
        for (Block<Integer> b : live) a.free(b);
        a.emptyCache();
        assertEquals(0, dev.used, "everything merges back into whole segments");
    }
}
