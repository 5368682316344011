package io.callosum.cuda;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The staging ring's ordering: an upload waits only for the buffer it reuses, never for the one just before. */
class StagingRingTest {
    final List<String> calls = new ArrayList<>();
    int allocations;

    final StagingRing.Host<String> host = new StagingRing.Host<>() {
        @Override
        public String allocate(long bytes) {
            String b = "buf" + allocations++;
            calls.add("alloc " + b + " " + bytes);
            return b;
        }

        @Override
        public void free(String buffer) {
            calls.add("free " + buffer);
        }

        @Override
        public void record(int slot) {
            calls.add("record " + slot);
        }

        @Override
        public void await(int slot) {
            calls.add("await " + slot);
        }
    };

    void upload(StagingRing<String> ring, long bytes) {
        ring.queued(ring.acquire(bytes));
    }

    @Test
    void consecutiveUploadsDoNotWaitForEachOther() {
        StagingRing<String> ring = new StagingRing<>(host);
        StagingRing.Lease<String> first = ring.acquire(100);
        ring.queued(first);
        StagingRing.Lease<String> second = ring.acquire(100);
        assertNotEquals(first.buffer(), second.buffer(), "the second upload fills another buffer while the first copy is queued");
        assertEquals(List.of("alloc buf0 " + StagingRing.MIN_CAPACITY, "record 0", "alloc buf1 " + StagingRing.MIN_CAPACITY), calls);
    }

    @Test
    void theFifthUploadWaitsForTheFirstCopyOnly() {
        StagingRing<String> ring = new StagingRing<>(host);
        for (int i = 0; i < StagingRing.SLOTS; i++) upload(ring, 10);
        calls.clear();
        StagingRing.Lease<String> again = ring.acquire(10);
        assertEquals("buf0", again.buffer());
        assertEquals(List.of("await 0"), calls, "waits for slot 0's event, the oldest copy, before refilling its buffer");
        ring.queued(again);
        calls.clear();
        ring.acquire(10);
        assertEquals(List.of("await 1"), calls);
    }

    @Test
    void afterASynchronisingDownloadNothingIsAwaited() {
        StagingRing<String> ring = new StagingRing<>(host);
        for (int i = 0; i < StagingRing.SLOTS; i++) upload(ring, 10);
        ring.allIdle();
        calls.clear();
        for (int i = 0; i < StagingRing.SLOTS; i++) ring.acquire(10);
        assertEquals(List.of(), calls);
    }

    @Test
    void aBufferGrowsOnlyAfterItsCopyIsDoneAndToAPowerOfTwo() {
        StagingRing<String> ring = new StagingRing<>(host);
        for (int i = 0; i < StagingRing.SLOTS; i++) upload(ring, 10);
        calls.clear();
        long big = 3 * StagingRing.MIN_CAPACITY + 1;
        StagingRing.Lease<String> lease = ring.acquire(big);
        assertEquals(List.of("await 0", "free buf0", "alloc buf" + StagingRing.SLOTS + " " + 4 * StagingRing.MIN_CAPACITY), calls,
                "the old buffer is freed only once the GPU finished reading it");
        assertEquals(4 * StagingRing.MIN_CAPACITY, ring.capacity(lease.slot()));
        calls.clear();
        ring.acquire(StagingRing.MIN_CAPACITY);
        assertEquals(List.of("await 1"), calls, "a request that fits reuses the buffer as it is");
    }
}
