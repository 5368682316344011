package io.callosum.tensor.cpu.runtime;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The parallel loop helper: every index visited exactly once, nested ranges inline, the caller and named helpers
 * taking chunks, failures reaching the caller, concurrent callers all served.
 */
class ParallelTest {
    @Test
    void everyIndexIsVisitedExactlyOnceWhateverTheGrain() {
        for (int n : new int[]{0, 1, 7, 64, 1000, 100_003}) {
            for (int grain : new int[]{1, 3, 1 << 15}) {
                AtomicIntegerArray seen = new AtomicIntegerArray(Math.max(n, 1));
                Parallel.range(n, grain, (s, e) -> {
                    for (int i = s; i < e; i++) seen.incrementAndGet(i);
                });
                for (int i = 0; i < n; i++) assertEquals(1, seen.get(i), "n " + n + ", grain " + grain + ", index " + i);
            }
        }
    }

    @Test
    void nestedRangesRunInlineOnTheWorker() {
        Set<String> mismatches = ConcurrentHashMap.newKeySet();
        Parallel.range(16, 1, (s, e) -> {
            String outer = Thread.currentThread().getName();
            Parallel.range(1000, 1, (s2, e2) -> {
                if (!Thread.currentThread().getName().equals(outer)) mismatches.add(outer);
            });
        });
        assertTrue(mismatches.isEmpty(), "nested ranges left their worker: " + mismatches);
    }

    /**
     * The caller takes chunks too, and every other chunk runs on a named helper: profiles and thread dumps tell the
     * threads apart only by name. Each chunk waits until every thread holds one, so each thread is seen.
     */
    @Test
    void chunksRunOnTheCallerAndOnNamedHelpers() {
        assumeTrue(Parallel.threads() > 1, "single-threaded: no team");
        Set<String> names = ConcurrentHashMap.newKeySet();
        CountDownLatch all = new CountDownLatch(Parallel.threads());
        Parallel.perThread(Parallel.threads(), (s, e) -> {
            names.add(Thread.currentThread().getName());
            all.countDown();
            try {
                all.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
        });
        assertEquals(Parallel.threads(), names.size(), "thread names " + names);
        assertTrue(names.remove(Thread.currentThread().getName()), "the caller ran no chunk: " + names);
        for (String name : names) assertTrue(name.startsWith("callosum-cpu-"), name);
    }

    /** No more threads than configured ever run one range, however uneven its chunks. */
    @Test
    void unevenChunksStillRunOnAtMostTheConfiguredThreads() {
        assumeTrue(Parallel.threads() > 1, "single-threaded: no team");
        AtomicIntegerArray seen = new AtomicIntegerArray(64);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 200; round++) {
            Parallel.range(64, 1, (s, e) -> {
                threads.add(Thread.currentThread().getName());
                for (int i = s; i < e; i++) {
                    // Chunks of very different lengths: early finishers take more, none waits for another.
                    long until = System.nanoTime() + (i % 7 == 0 ? 200_000 : 2_000);
                    while (System.nanoTime() < until) Thread.onSpinWait();
                    seen.incrementAndGet(i);
                }
            });
        }
        for (int i = 0; i < 64; i++) assertEquals(200, seen.get(i), "index " + i);
        assertTrue(threads.size() <= Parallel.threads(), "threads " + threads);
    }

    /** A chunk's exception reaches the caller once the range is over, and the next range runs normally. */
    @Test
    void aFailingChunkThrowsOnTheCallerAndLeavesTheTeamWorking() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
                Parallel.range(64, 1, (s, e) -> {
                    for (int i = s; i < e; i++) if (i == 37) throw new IllegalStateException("chunk " + i + " failed");
                }));
        assertEquals("chunk 37 failed", thrown.getMessage());
        AtomicIntegerArray seen = new AtomicIntegerArray(1000);
        Parallel.range(1000, 1, (s, e) -> {
            for (int i = s; i < e; i++) seen.incrementAndGet(i);
        });
        for (int i = 0; i < 1000; i++) assertEquals(1, seen.get(i), "index " + i);
    }

    /**
     * Two threads starting ranges at once: one holds the team, the other runs its ranges itself; both finish, every
     * index of every range exactly once.
     */
    @Test
    void rangesFromTwoThreadsAtOnceAllComplete() throws Exception {
        int rounds = 300, n = 5000;
        AtomicLongArray[] sums = {new AtomicLongArray(n), new AtomicLongArray(n)};
        Thread[] callers = new Thread[2];
        Throwable[] failures = new Throwable[2];
        for (int t = 0; t < 2; t++) {
            int id = t;
            callers[t] = new Thread(() -> {
                try {
                    for (int r = 0; r < rounds; r++) {
                        Parallel.range(n, 16, (s, e) -> {
                            for (int i = s; i < e; i++) sums[id].incrementAndGet(i);
                        });
                    }
                } catch (Throwable x) {
                    failures[id] = x;
                }
            });
            callers[t].start();
        }
        for (Thread c : callers) {
            c.join(60_000);
            assertFalse(c.isAlive(), "a caller is still running after 60 s");
        }
        for (int t = 0; t < 2; t++) {
            if (failures[t] != null) throw new AssertionError("caller " + t + " failed", failures[t]);
            for (int i = 0; i < n; i++) assertEquals(rounds, sums[t].get(i), "caller " + t + ", index " + i);
        }
    }
}
