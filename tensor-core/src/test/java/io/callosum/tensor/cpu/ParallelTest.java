package io.callosum.tensor.cpu;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The fork-join helper: every index visited exactly once, nested ranges inline, workers told apart by name. */
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

    /** Profiles and thread dumps tell the workers apart only by name (they used to be all "callosum-cpu-0"). */
    @Test
    void workersHaveDistinctNames() throws Exception {
        assumeTrue(Parallel.threads() > 1, "single-threaded: no pool");
        Set<String> names = ConcurrentHashMap.newKeySet();
        CountDownLatch all = new CountDownLatch(Parallel.threads());
        // Each chunk waits until every worker holds one, so each worker is seen.
        Parallel.perThread(Parallel.threads(), (s, e) -> {
            names.add(Thread.currentThread().getName());
            all.countDown();
            try {
                all.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
        });
        assertEquals(Parallel.threads(), names.size(), "worker names " + names);
        for (String name : names) assertTrue(name.startsWith("callosum-cpu-"), name);
    }

    /**
     * A worker that waits for a stolen chunk must not get a compensating thread: with more runnable threads than
     * cores the chunks time-slice, and a training step ran 6–11 % slower (2026-12-04). Uneven chunks make such
     * waits happen; the pool must still hold no more workers than its parallelism.
     */
    @Test
    void joinsNeverAddWorkersBeyondTheThreadCount() {
        assumeTrue(Parallel.threads() > 1, "single-threaded: no pool");
        AtomicIntegerArray seen = new AtomicIntegerArray(64);
        for (int round = 0; round < 200; round++) {
            Parallel.range(64, 1, (s, e) -> {
                for (int i = s; i < e; i++) {
                    // Chunks of very different lengths: early finishers steal and then wait on slow ones.
                    long until = System.nanoTime() + (i % 7 == 0 ? 200_000 : 2_000);
                    while (System.nanoTime() < until) Thread.onSpinWait();
                    seen.incrementAndGet(i);
                }
            });
        }
        for (int i = 0; i < 64; i++) assertEquals(200, seen.get(i), "index " + i);
        assertTrue(Parallel.poolSize() <= Parallel.threads(),
                "pool grew to " + Parallel.poolSize() + " workers for " + Parallel.threads() + " threads");
    }
}
