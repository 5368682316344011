package io.callosum.nn.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One epoch of a {@link DataLoader}: batches in order, built either on the caller's thread (0 workers) or by
 * background workers that claim batch numbers in order and run at most `prefetch` batches ahead of the consumer.
 * Batch k always holds the same items whichever worker built it, so the output does not depend on the worker count.
 * Batches that are {@link AutoCloseable} and were built but never taken are closed.
 *
 * <p>Closing (explicitly, when the loader closes or starts another epoch, after the last batch, or after a failure)
 * stops the workers — each finishes at most the batch in hand — and waits for them to end. A failure in a worker
 * reaches the consumer when it asks for that batch, after the batches before it.
 */
public final class EpochIterator<B> implements Iterator<B>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EpochIterator.class);
    private static final long JOIN_MILLIS = 30_000;

    private final BatchFactory<B> maker;
    private final int epoch;
    private final int[] order;
    private final int batches;
    private final AtomicReferenceArray<CompletableFuture<B>> slots; // batch k's result; null once the consumer takes it
    private CompletableFuture<B> awaited; // the slot the consumer is waiting on (guarded by this)
    private final Semaphore permits;
    private final AtomicInteger nextClaim = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private int consumed;
    private boolean closed;

    EpochIterator(BatchFactory<B> maker, int epoch, int[] order, int batches, int workers, int prefetch, String threadPrefix) {
        this.maker = maker;
        this.epoch = epoch;
        this.order = order;
        this.batches = batches;
        int n = Math.min(workers, batches);
        if (n == 0) {
            slots = null;
            permits = null;
            return;
        }
        slots = new AtomicReferenceArray<>(batches);
        for (int i = 0; i < batches; i++) slots.set(i, new CompletableFuture<>());
        permits = new Semaphore(prefetch);
        for (int w = 0; w < n; w++) {
            Thread t = new Thread(this::work, threadPrefix + "-epoch" + epoch + "-worker" + w);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    /** The epoch these batches belong to. */
    public int epoch() {
        return epoch;
    }

    /** Batches this epoch yields in all. */
    public int batches() {
        return batches;
    }

    private void work() {
        while (!stopping) {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                return;
            }
            if (stopping) return;
            int b = nextClaim.getAndIncrement();
            if (b >= batches) return;
            CompletableFuture<B> slot = slots.get(b); // not yet taken: the consumer takes it only once complete
            if (slot == null) return;
            try {
                B batch = maker.make(epoch, order, b);
                if (!slot.complete(batch)) release(batch); // the epoch was closed meanwhile
            } catch (Throwable t) { // handed to the consumer, who rethrows it
                slot.completeExceptionally(t);
                stopping = true; // later batches are not needed: the consumer stops at this one
                return;
            }
        }
    }

    @Override
    public synchronized boolean hasNext() {
        return !closed && consumed < batches;
    }

    @Override
    public B next() {
        int k;
        CompletableFuture<B> slot;
        synchronized (this) {
            if (!hasNext()) throw new NoSuchElementException("DataLoader: epoch " + epoch + " has no more batches");
            k = consumed;
            slot = slots == null ? null : slots.get(k);
            awaited = slot; // close() leaves this slot's batch to the consumer
        }
        B b;
        try {
            b = slot == null ? maker.make(epoch, order, k) : await(slot, k);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        synchronized (this) {
            if (slots != null) slots.set(k, null); // the batch is the consumer's now: keep no reference to it
            awaited = null;
            consumed++;
            if (permits != null) permits.release();
            if (consumed == batches) close();
        }
        return b;
    }

    private B await(CompletableFuture<B> slot, int k) {
        try {
            return slot.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataLoaderException("DataLoader: interrupted while waiting for batch " + k + " of epoch " + epoch, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error err) throw err;
            throw new DataLoaderException(cause.getMessage(), cause);
        }
    }

    /** Stops the workers, waits for them, and releases batches built but not taken. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        stopping = true;
        if (slots == null) return;
        // Fail the batches not yet built first, so that a consumer blocked in another thread wakes at once.
        DataLoaderException closedError = new DataLoaderException("DataLoader: epoch " + epoch + " was closed", null);
        CompletableFuture<B> waiting;
        synchronized (this) {
            waiting = awaited;
        }
        if (waiting != null) waiting.completeExceptionally(closedError);
        for (int k = 0; k < batches; k++) {
            CompletableFuture<B> slot = slots.get(k);
            if (slot != null) slot.completeExceptionally(closedError);
        }
        permits.release(threads.size());
        joinWorkers();
        for (int k = 0; k < batches; k++) { // batches built but never taken
            CompletableFuture<B> slot = slots.get(k);
            if (slot == null || slot == waiting) continue;
            slots.set(k, null);
            if (!slot.isCompletedExceptionally()) release(slot.join());
        }
    }

    /** Frees a batch nobody will take, when it holds resources. */
    private static void release(Object batch) {
        if (batch instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("DataLoader: closing a batch nobody took failed: {}", e.toString());
            }
        }
    }

    private void joinWorkers() {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
        for (Thread t : threads) {
            while (t.isAlive()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) break;
                try {
                    t.join(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (t.isAlive()) {
                t.interrupt();
                LOG.warn("DataLoader: worker {} did not stop within {} s of closing epoch {}; interrupted it",
                        t.getName(), JOIN_MILLIS / 1000, epoch);
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
