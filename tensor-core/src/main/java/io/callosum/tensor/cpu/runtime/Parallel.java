package io.callosum.tensor.cpu.runtime;

/**
 * Splits index ranges over the calling thread and a team of helpers, one thread per core in all
 * ({@link CpuSettings#threads}; {@link ThreadTeam}). Work below the grain runs inline on the caller: small ops do
 * not pay for a thread hand-off.
 *
 * <p>The caller takes chunks itself instead of parking, and a helper polls for the next range for a moment before it
 * parks: a training step runs hundreds of ranges, so a hand-off must cost far less than a fork-join round trip.
 */
public final class Parallel {
    private Parallel() {
    }

    /** Body of a parallel loop over [start, end). */
    @FunctionalInterface
    public interface Range {
        /** Processes the indices start (inclusive) to end (exclusive). */
        void run(int start, int end);
    }

    private static final int THREADS = CpuSettings.fixThreads();
    private static final ThreadTeam TEAM = THREADS == 1 ? null : new ThreadTeam(THREADS - 1, "callosum-cpu-");

    /**
     * Chunks per thread at most. A thread that finishes early idles until the last chunk is done, and a core may be
     * slowed by other work for a while, so chunks are kept small (a 64-image convolution splits into one image per
     * chunk on two threads instead of eight).
     */
    static final int CHUNKS_PER_THREAD = 16;

    /** Threads that run parallel loops, the caller included (fixed when the team starts). */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs body over [0, n) in chunks of at least {@code grain} items, at most {@link #CHUNKS_PER_THREAD} per thread
     * (for balance). Inline when n &lt; 2·grain, when single-threaded, when called from inside a chunk, or when another
     * thread's range holds the team (then serially on this thread). A chunk's exception is rethrown here, after the
     * range's other chunks have finished or been skipped.
     */
    public static void range(int n, int grain, Range body) {
        if (n <= 0) return;
        int g = Math.max(1, grain);
        if (TEAM == null || n < 2 * g || insideRange()) {
            body.run(0, n);
            return;
        }
        int chunks = Math.min(THREADS * CHUNKS_PER_THREAD, (n + g - 1) / g);
        int step = (n + chunks - 1) / chunks;
        TEAM.run(n, step, body);
    }

    /** As many chunks as threads: for kernels that keep a scratch buffer per chunk. */
    public static void perThread(int n, Range body) {
        if (n <= 0) return;
        if (TEAM == null || n == 1 || insideRange()) {
            body.run(0, n);
            return;
        }
        TEAM.run(n, (n + THREADS - 1) / THREADS, body);
    }

    /** Whether the calling thread is running a chunk (nested ranges then run inline). */
    static boolean insideRange() {
        return TEAM != null && TEAM.insideRange();
    }
}
