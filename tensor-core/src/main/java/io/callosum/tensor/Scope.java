package io.callosum.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic release of tensors: every tensor created on this thread while a scope is open belongs to it and is
 * closed when the scope closes, unless it was {@linkplain #keep kept} (moved to the enclosing scope) or
 * {@linkplain #escape escaped} (owned by nobody, e.g. parameters, gradients and optimizer state).
 *
 * <pre>{@code
 * try (Scope step = Scope.open()) {
 *     Tensor loss = model.forward(x).crossEntropy(y);
 *     loss.backward();
 *     optimizer.step();
 *     return step.keep(loss);
 * }
 * }</pre>
 */
public final class Scope implements AutoCloseable {
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private final Scope parent;
    private final Thread thread;
    private final List<Tensor> tensors = new ArrayList<>();
    private boolean closed;

    private Scope(Scope parent) {
        this.parent = parent;
        this.thread = Thread.currentThread();
    }

    /**
     * Opens a scope on this thread, nested in the current one; close it (try-with-resources) on the same thread,
     * innermost first.
     *
     * @return the new, now current scope
     */
    public static Scope open() {
        Scope s = new Scope(CURRENT.get());
        CURRENT.set(s);
        return s;
    }

    /**
     * The innermost open scope on this thread, or null.
     *
     * @return the current scope, or null outside any
     */
    public static Scope current() {
        return CURRENT.get();
    }

    static void register(Tensor t) {
        Scope s = CURRENT.get();
        if (s != null) {
            t.owner = s;
            s.tensors.add(t);
        }
    }

    /**
     * Moves t to the enclosing scope (or to nobody at top level) so it survives this scope; returns t.
     *
     * @param t a tensor this scope owns (others are left as they are)
     * @return t
     */
    public Tensor keep(Tensor t) {
        if (t.owner == this) {
            t.owner = parent;
            if (parent != null) parent.tensors.add(t);
        }
        return t;
    }

    /**
     * Keeps several tensors, as {@link #keep(Tensor)} does one.
     *
     * @param ts tensors this scope owns
     */
    public void keep(Tensor... ts) {
        for (Tensor t : ts) keep(t);
    }

    /**
     * Detaches t from whatever scope owns it: it lives until closed explicitly or garbage collected. Returns t.
     *
     * @param t any tensor
     * @return t
     */
    public static Tensor escape(Tensor t) {
        t.owner = null;
        return t;
    }

    /**
     * Number of tensors this scope will close (for leak tests).
     *
     * @return the open tensors this scope still owns
     */
    public int size() {
        int n = 0;
        for (Tensor t : tensors) if (t.owner == this && !t.isClosed()) n++;
        return n;
    }

    /**
     * Closes every tensor this scope still owns, newest first, and makes the enclosing scope current.
     *
     * @throws IllegalStateException if called on another thread or while an inner scope is still open
     */
    @Override
    public void close() {
        if (closed) return;
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("Scope: closed on thread " + Thread.currentThread().getName() + " but opened on " + thread.getName());
        }
        if (CURRENT.get() != this) {
            throw new IllegalStateException("Scope: closed out of order (an inner scope is still open); close scopes in reverse order of opening");
        }
        closed = true;
        for (int i = tensors.size() - 1; i >= 0; i--) {
            Tensor t = tensors.get(i);
            if (t.owner == this) {
                t.owner = null;
                t.close();
            }
        }
        tensors.clear();
        CURRENT.set(parent);
    }
}
