package io.callosum.tensor.cpu.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads behind {@link Parallel}: the calling thread and {@code helpers} daemon threads take the chunks of one
 * range at a time from a shared counter. The caller works instead of waiting, so a range wakes one thread fewer, and
 * an idle helper spins for a moment before it parks, because the next range usually follows within microseconds.
 * One range at a time: a second thread that asks while the team is busy runs its range itself, serially (the cores
 * are busy anyway), and a range started from inside a chunk runs inline.
 */
final class ThreadTeam {
    /** How long an idle helper polls for the next range before it parks. */
    private static final long SPIN_NANOS = 50_000;

    private final Helper[] helpers;
    private final ReentrantLock busy = new ReentrantLock();
    /** The range being run, or null. */
    private volatile Job current;

    ThreadTeam(int helpers, String namePrefix) {
        this.helpers = new Helper[helpers];
        for (int i = 0; i < helpers; i++) {
            this.helpers[i] = new Helper(namePrefix + i);
            this.helpers[i].start();
        }
    }

    /** Whether the calling thread is running a chunk of this team's current range. */
    boolean insideRange() {
        Thread me = Thread.currentThread();
        if (me instanceof Helper h) return h.team() == this;
        Job job = current;
        return job != null && job.owner == me;
    }

    /** body over [0, n) in chunks of {@code step}, on the caller and the helpers; rethrows a chunk's failure. */
    void run(int n, int step, Parallel.Range body) {
        if (!busy.tryLock()) {
            body.run(0, n);
            return;
        }
        try {
            Job job = new Job(body, n, step, Thread.currentThread());
            current = job;
            for (Helper h : helpers) if (h.parked) LockSupport.unpark(h);
            job.work();
            job.awaitDone();
            current = null;
            job.rethrow();
        } finally {
            current = null;
            busy.unlock();
        }
    }

    /** One range: chunks handed out by a counter, counted back when done. */
    private static final class Job {
        final Parallel.Range body;
        final int n, step, chunks;
        final Thread owner;
        final AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
        volatile Throwable failure;

        Job(Parallel.Range body, int n, int step, Thread owner) {
            this.body = body;
            this.n = n;
            this.step = step;
            this.chunks = (n + step - 1) / step;
            this.owner = owner;
        }

        void work() {
            for (int c; (c = next.getAndIncrement()) < chunks; ) {
                try {
                    if (failure == null) body.run(c * step, Math.min(n, (c + 1) * step));
                } catch (Throwable t) {
                    synchronized (this) {
                        if (failure == null) failure = t;
                    }
                } finally {
                    if (done.incrementAndGet() == chunks && Thread.currentThread() != owner) LockSupport.unpark(owner);
                }
            }
        }

        /** Spins while the helpers finish their last chunks, then parks until the last one unparks it. */
        void awaitDone() {
            long until = System.nanoTime() + SPIN_NANOS;
            while (done.get() < chunks && System.nanoTime() < until) Thread.onSpinWait();
            while (done.get() < chunks) LockSupport.park(this);
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException r) throw r;
            if (t instanceof Error e) throw e;
            if (t != null) throw new IllegalStateException("parallel range failed", t);
        }
    }

    /** A helper: takes chunks of each new range, spins briefly when idle, then parks until the next one. */
    private final class Helper extends Thread {
        volatile boolean parked;

        Helper(String name) {
            super(name);
            setDaemon(true);
        }

        ThreadTeam team() {
            return ThreadTeam.this;
        }

        @Override
        public void run() {
            Job last = null;
            while (true) {
                Job job = current;
                if (job != null && job != last) {
                    last = job;
                    job.work();
                    continue;
                }
                long until = System.nanoTime() + SPIN_NANOS;
                while (System.nanoTime() < until && isIdle(last)) Thread.onSpinWait();
                if (!isIdle(last)) continue;
                // Dekker with the publisher: it writes current then reads parked; this writes parked then reads current.
                parked = true;
                if (isIdle(last)) LockSupport.park(this);
                parked = false;
            }
        }

        private boolean isIdle(Job last) {
            Job job = current;
            return job == null || job == last;
        }
    }
}
