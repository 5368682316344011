package io.callosum.tensor.cpu;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reuses freed arrays by exact length: a training step allocates the same sizes every time, so closing a step's
 * tensors (through a Scope) makes the next step allocation-free and spares the GC large short-lived arrays.
 * Bounded by a byte budget (system property {@code callosum.cpu.poolBytes}, default a quarter of the max heap).
 */
final class CpuBufferPool {
    private CpuBufferPool() {
    }

    private static final ConcurrentHashMap<Integer, ArrayDeque<float[]>> FLOATS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Integer, ArrayDeque<int[]>> INTS = new ConcurrentHashMap<>();
    private static final AtomicLong HELD = new AtomicLong();
    private static final long BUDGET = Long.getLong("callosum.cpu.poolBytes", Runtime.getRuntime().maxMemory() / 4);
    /** Small arrays are cheap to allocate; pooling them costs more than it saves. */
    private static final int MIN_POOLED = 4096;

    static float[] floats(int n) {
        if (n >= MIN_POOLED) {
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

    static int[] ints(int n) {
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

    static boolean pools(int n) {
        return n >= MIN_POOLED;
    }

    static void release(float[] a) {
        if (a.length < MIN_POOLED || HELD.get() + 4L * a.length > BUDGET) return;
        HELD.addAndGet(4L * a.length);
        ArrayDeque<float[]> q = FLOATS.computeIfAbsent(a.length, k -> new ArrayDeque<>());
        synchronized (q) {
            q.addLast(a);
        }
    }

    static void release(int[] a) {
        if (a.length < MIN_POOLED || HELD.get() + 4L * a.length > BUDGET) return;
        HELD.addAndGet(4L * a.length);
        ArrayDeque<int[]> q = INTS.computeIfAbsent(a.length, k -> new ArrayDeque<>());
        synchronized (q) {
            q.addLast(a);
        }
    }

    /** Bytes currently parked in the pool. */
    static long heldBytes() {
        return HELD.get();
    }

    static void clear() {
        FLOATS.clear();
        INTS.clear();
        HELD.set(0);
    }
}
