package io.callosum.tensor.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Splits index ranges over a fork-join pool sized to the cores (system property {@code callosum.cpu.threads}).
 * Work below the grain runs inline on the caller: small ops do not pay for a thread hand-off.
 */
public final class Parallel {
    private Parallel() {
    }

    /** Body of a parallel loop over [start, end). */
    @FunctionalInterface
    public interface Range {
        void run(int start, int end);
    }

    private static final int THREADS = Math.max(1, Integer.getInteger("callosum.cpu.threads", Runtime.getRuntime().availableProcessors()));
    /** Numbers the workers: getPoolIndex() is still 0 when the factory runs, so every worker was "callosum-cpu-0". */
    private static final java.util.concurrent.atomic.AtomicInteger WORKERS = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * Exactly THREADS workers, never more. By default a worker that waits in a join for a chunk another worker stole
     * gets a compensating thread (the pool grew to 4 workers on 2 cores in a ResNet18 step); the extra thread finds
     * queued chunks, and then more threads are runnable than there are cores and the chunks time-slice. Capping the
     * pool (saturate: carry on without the spare) made the SplitBrain-ResNet18 step 6–11 % faster and SimpleNet's
     * 6–8 % (median and mean of 40 steps alternating two pools in one JVM, three runs, 2026-12-04). The joins here
     * always make progress without a spare: a chunk never waits on anything but its own stolen sibling, and nested
     * ranges run inline.
     */
    private static final ForkJoinPool POOL = THREADS == 1 ? null : new ForkJoinPool(THREADS, pool -> {
        var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setName("callosum-cpu-" + WORKERS.getAndIncrement());
        t.setDaemon(true);
        return t;
    }, null, false, THREADS, THREADS, 1, pool -> true, 60, java.util.concurrent.TimeUnit.SECONDS);

    /**
     * Chunks per thread at most. A thread that finishes early idles until the last chunk is done, and a core may be
     * slowed by other work for a while, so chunks are kept small (a 64-image convolution splits into one image per
     * chunk on two threads instead of eight). On the shared 2-core machine the ResNet18 step kept the cores 1.72–1.76
     * busy with 4 or 16 per thread alike; the smaller chunks are for machines and moments where one core lags.
     */
    static final int CHUNKS_PER_THREAD = 16;

    /** Workers the pool holds now (0 when single-threaded): for tests. */
    static int poolSize() {
        return POOL == null ? 0 : POOL.getPoolSize();
    }

    public static int threads() {
        return THREADS;
    }

    /**
     * Runs body over [0, n) in chunks of at least {@code grain} items, at most {@link #CHUNKS_PER_THREAD} per thread
     * (for balance). Inline when n &lt; 2·grain, when single-threaded, or when already on a pool thread.
     */
    public static void range(int n, int grain, Range body) {
        if (n <= 0) return;
        int g = Math.max(1, grain);
        if (POOL == null || n < 2 * g || onPool()) {
            body.run(0, n);
            return;
        }
        int chunks = Math.min(THREADS * CHUNKS_PER_THREAD, (n + g - 1) / g);
        int step = (n + chunks - 1) / chunks;
        POOL.invoke(new Split(body, 0, n, step));
    }

    /** Exactly one chunk per thread: for kernels that keep per-thread scratch buffers. */
    public static void perThread(int n, Range body) {
        if (n <= 0) return;
        if (POOL == null || n == 1 || onPool()) {
            body.run(0, n);
            return;
        }
        int step = (n + THREADS - 1) / THREADS;
        POOL.invoke(new Split(body, 0, n, step));
    }

    private static boolean onPool() {
        return Thread.currentThread() instanceof java.util.concurrent.ForkJoinWorkerThread w && w.getPool() == POOL;
    }

    private static final class Split extends RecursiveAction {
        private final Range body;
        private final int lo, hi, step;

        Split(Range body, int lo, int hi, int step) {
            this.body = body;
            this.lo = lo;
            this.hi = hi;
            this.step = step;
        }

        @Override
        protected void compute() {
            if (hi - lo <= step) {
                body.run(lo, hi);
                return;
            }
            int mid = lo + Math.max(step, ((hi - lo) / 2 / step) * step);
            invokeAll(new Split(body, lo, mid, step), new Split(body, mid, hi, step));
        }
    }
}
