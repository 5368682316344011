package io.callosum.tensor;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds tensors that were garbage collected without ever being closed (by {@link Tensor#close()} or their
 * {@link Scope}): on the CPU their buffers are only reclaimed by the garbage collector and never return to the buffer
 * pool; on a GPU they hold device memory until the collector happens to run. Off by default; switch it on with
 * {@code -Dcallosum.leakDetection=count} (counts only; the test suite runs this way) or {@code =trace} (also records
 * where each leaked tensor was created, at a real cost per tensor), or with {@link #enable(Level)}.
 */
public final class LeakDetector {
    public enum Level { OFF, COUNT, TRACE }

    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong TRACKED = new AtomicLong(), CLOSED = new AtomicLong(), LEAKED = new AtomicLong();
    /** Bumped by {@link #reset()}: tensors tracked before it no longer count when closed or collected after it. */
    private static final AtomicLong EPOCH = new AtomicLong();
    private static final List<String> SITES = new ArrayList<>();
    private static final int MAX_SITES = 50;
    private static volatile Level level = parse(System.getProperty("callosum.leakDetection", "off"));

    private LeakDetector() {
    }

    static Level parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "", "off", "false" -> Level.OFF;
            case "count", "on", "true" -> Level.COUNT;
            case "trace" -> Level.TRACE;
            default -> throw new IllegalArgumentException("callosum.leakDetection: expected off, count or trace, got '" + s + "'");
        };
    }

    public static void enable(Level l) {
        level = l;
    }

    public static Level level() {
        return level;
    }

    /** Per-tensor state the cleaner sees; must not reference the tensor. */
    static final class Handle implements Runnable {
        private volatile boolean closed;
        private final String site;
        private final long bornIn = EPOCH.get();

        Handle(String site) {
            this.site = site;
        }

        void markClosed() {
            if (!closed) {
                closed = true;
                if (bornIn == EPOCH.get()) CLOSED.incrementAndGet();
            }
        }

        @Override
        public void run() {
            if (closed || bornIn != EPOCH.get()) return;
            LEAKED.incrementAndGet();
            if (site != null) {
                synchronized (SITES) {
                    if (SITES.size() < MAX_SITES) SITES.add(site);
                }
            }
        }
    }

    /** Called by every new tensor; null when detection is off. */
    static Handle track(Tensor t) {
        Level l = level;
        if (l == Level.OFF) return null;
        TRACKED.incrementAndGet();
        Handle h = new Handle(l == Level.TRACE ? site() : null);
        CLEANER.register(t, h);
        return h;
    }

    private static String site() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !isLibraryFrame(f.getClassName()))
                .findFirst().map(f -> f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber()).orElse("?"));
    }

    /** tensor-core's own classes (its tests excepted): the creation site is the first frame outside them. */
    private static boolean isLibraryFrame(String cls) {
        return cls.startsWith("io.callosum.tensor.") && !cls.contains("Test");
    }

    /** Tensors created while detection was on, closed, and collected without being closed. */
    public record Report(long tracked, long closed, long leaked, List<String> sites) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "tensors tracked %d, closed %d, leaked (collected unclosed) %d%s", tracked, closed, leaked,
                    sites.isEmpty() ? "" : "; first creation sites " + sites);
        }
    }

    public static Report report() {
        synchronized (SITES) {
            return new Report(TRACKED.get(), CLOSED.get(), LEAKED.get(), List.copyOf(SITES));
        }
    }

    /** Clears the counters (for tests that measure one stretch of work). */
    public static void reset() {
        EPOCH.incrementAndGet();
        TRACKED.set(0);
        CLOSED.set(0);
        LEAKED.set(0);
        synchronized (SITES) {
            SITES.clear();
        }
    }
}
