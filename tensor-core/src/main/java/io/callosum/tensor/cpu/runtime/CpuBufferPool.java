package io.callosum.tensor.cpu.runtime;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reuses freed arrays by exact length: a training step allocates the same sizes every time, so closing a step's
 * tensors (through a Scope) makes the next step allocation-free and spares the GC large short-lived arrays.
 * Bounded by a byte budget ({@link CpuSettings#poolBytes}, default a quarter of the max heap).
 *
 * <p>In front of the shared pool each thread keeps a few float arrays of its own ({@link Local}): a GEMM or a
 * Winograd worker takes and returns the same scratch arrays thousands of times per training step, and through the
 * shared map, queue locks and byte counter every take and return would move their cache lines between the cores.
 * Those arrays are outside the budget: at most {@link #LOCAL_SLOTS} ×
 * {@link #LOCAL_MAX} floats (8 MiB) per thread.
 *
 * <p>{@link CpuSettings#poisonPool} fills every array with NaN as it comes back (an int array with −1): a
 * kernel that reads its output or scratch before writing it then shows NaN instead of a plausible stale value. Off
 * by default; tests switch it on.
 */
public final class CpuBufferPool {
    private CpuBufferPool() {
    }

    private static final ConcurrentHashMap<Integer, ArrayDeque<float[]>> FLOATS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Integer, ArrayDeque<int[]>> INTS = new ConcurrentHashMap<>();
    private static final AtomicLong HELD = new AtomicLong();
    /** Small arrays are cheap to allocate; pooling them costs more than it saves. */
    private static final int MIN_POOLED = 4096;
    /** Per-thread cache: this many arrays of at most LOCAL_MAX floats each. */
    static final int LOCAL_SLOTS = 8, LOCAL_MAX = 1 << 18;
    /** Bumped by {@link #clear}: a thread's cache from an older epoch is dropped the next time the thread uses it. */
    private static volatile long epoch;
    private static final ThreadLocal<Local> LOCAL = ThreadLocal.withInitial(Local::new);

    /** One thread's arrays, most recently returned last. */
    private static final class Local {
        final float[][] slots = new float[LOCAL_SLOTS][];
        int count;
        long epoch = CpuBufferPool.epoch;

        Local current() {
            if (epoch != CpuBufferPool.epoch) {
                java.util.Arrays.fill(slots, null);
                count = 0;
                epoch = CpuBufferPool.epoch;
            }
            return this;
        }

        float[] take(int n) {
            for (int i = count - 1; i >= 0; i--) {
                float[] a = slots[i];
                if (a.length == n) {
                    System.arraycopy(slots, i + 1, slots, i, count - 1 - i);
                    slots[--count] = null;
                    return a;
                }
            }
            return null;
        }

        boolean give(float[] a) {
            if (count == LOCAL_SLOTS) return false;
            slots[count++] = a;
            return true;
        }
    }

    /** A float array of exactly n elements, reused from the pool when one is parked (contents then unspecified). */
    public static float[] floats(int n) {
        if (n >= MIN_POOLED) {
            if (n <= LOCAL_MAX) {
                float[] a = LOCAL.get().current().take(n);
                if (a != null) return a;
            }
            ArrayDeque<float[]> q = FLOATS.get(n);
            if (q != null) {
                float[] a;
                synchronized (q) {
                    a = q.pollLast();
                }
                if (a != null) {
                    HELD.addAndGet(-4L * n);
                    return a;
                }
            }
        }
        return new float[n];
    }

    /** An int array of exactly n elements, reused from the pool when one is parked (contents then unspecified). */
    public static int[] ints(int n) {
        if (n >= MIN_POOLED) {
            ArrayDeque<int[]> q = INTS.get(n);
            if (q != null) {
                int[] a;
                synchronized (q) {
                    a = q.pollLast();
                }
                if (a != null) {
                    HELD.addAndGet(-4L * n);
                    return a;
                }
            }
        }
        return new int[n];
    }

    /** Whether arrays of n elements are large enough to be pooled. */
    public static boolean pools(int n) {
        return n >= MIN_POOLED;
    }

    /** Parks a for reuse if it is large enough and the budget allows; the caller must not touch it afterwards. */
    public static void release(float[] a) {
        if (a.length < MIN_POOLED) return;
        if (CpuSettings.poisonPool()) java.util.Arrays.fill(a, Float.NaN);
        if (a.length <= LOCAL_MAX && LOCAL.get().current().give(a)) return;
        if (HELD.get() + 4L * a.length > CpuSettings.poolBytes()) return;
        HELD.addAndGet(4L * a.length);
        ArrayDeque<float[]> q = FLOATS.computeIfAbsent(a.length, k -> new ArrayDeque<>());
        synchronized (q) {
            q.addLast(a);
        }
    }

    /** Parks a for reuse if it is large enough and the budget allows; the caller must not touch it afterwards. */
    public static void release(int[] a) {
        if (a.length < MIN_POOLED || HELD.get() + 4L * a.length > CpuSettings.poolBytes()) return;
        if (CpuSettings.poisonPool()) java.util.Arrays.fill(a, -1);
        HELD.addAndGet(4L * a.length);
        ArrayDeque<int[]> q = INTS.computeIfAbsent(a.length, k -> new ArrayDeque<>());
        synchronized (q) {
            q.addLast(a);
        }
    }

    /** Bytes currently parked in the pool. */
    public static long heldBytes() {
        return HELD.get();
    }

    /** Empties the shared pool now and every thread's own arrays the next time that thread takes or returns one. */
    public static synchronized void clear() {
        epoch++;
        FLOATS.clear();
        INTS.clear();
        HELD.set(0);
    }
}
