package io.callosum.tensor.cpu.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.*;

class CpuBufferPoolTest {
    /** Sizes no other code in this JVM asks for, so that parallel users of the pool cannot take these arrays. */
    private static final int N = 4096 + 37, BIG = CpuBufferPool.LOCAL_MAX + 53;

    @BeforeEach
    @AfterEach
    void empty() {
        CpuBufferPool.clear();
    }

    @Test
    void aReturnedArrayIsReusedByTheSameThreadForTheSameLengthOnly() {
        float[] a = CpuBufferPool.floats(N);
        CpuBufferPool.release(a);
        assertNotSame(a, CpuBufferPool.floats(N + 1), "another length");
        assertSame(a, CpuBufferPool.floats(N));
        assertNotSame(a, CpuBufferPool.floats(N), "taken once, not twice");
    }

    @Test
    void smallArraysAreNotPooled() {
        float[] a = CpuBufferPool.floats(100);
        CpuBufferPool.release(a);
        assertNotSame(a, CpuBufferPool.floats(100));
    }

    @Test
    void theMostRecentlyReturnedOfSeveralIsTakenFirst() {
        float[] a = CpuBufferPool.floats(N), b = CpuBufferPool.floats(N);
        CpuBufferPool.release(a);
        CpuBufferPool.release(b);
        assertSame(b, CpuBufferPool.floats(N));
        assertSame(a, CpuBufferPool.floats(N));
    }

    @Test
    void arraysBeyondAThreadsOwnSlotsReachOtherThreads() throws Exception {
        int count = CpuBufferPool.LOCAL_SLOTS + 3;
        List<float[]> released = new ArrayList<>();
        for (int i = 0; i < count; i++) released.add(CpuBufferPool.floats(N));
        released.forEach(CpuBufferPool::release);
        Map<float[], Boolean> mine = new IdentityHashMap<>();
        released.forEach(a -> mine.put(a, true));
        int reused = CompletableFuture.supplyAsync(() -> {
            int hits = 0;
            for (int i = 0; i < count; i++) if (mine.containsKey(CpuBufferPool.floats(N))) hits++;
            return hits;
        }).get();
        assertEquals(3, reused, "the three that did not fit this thread's slots went to the shared pool");
    }

    @Test
    void largeArraysGoToTheSharedPool() throws Exception {
        float[] a = CpuBufferPool.floats(BIG);
        CpuBufferPool.release(a);
        assertSame(a, CompletableFuture.supplyAsync(() -> CpuBufferPool.floats(BIG)).get());
    }

    @Test
    void clearDropsTheThreadsOwnArraysToo() {
        float[] a = CpuBufferPool.floats(N);
        CpuBufferPool.release(a);
        CpuBufferPool.clear();
        assertNotSame(a, CpuBufferPool.floats(N));
        assertEquals(0, CpuBufferPool.heldBytes());
    }
}
