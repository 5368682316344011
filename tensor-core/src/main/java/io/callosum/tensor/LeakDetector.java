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
    /** How much leak detection does. */
    public enum Level {
        /** Nothing is tracked. */
        OFF,
        /** Tracked, closed and leaked tensors are counted. */
        COUNT,
        /** Counted, and each tensor records where it was created, to name leaked ones. */
        TRACE
    }

    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong TRACKED = new AtomicLong(), CLOSED = new AtomicLong(), LEAKED = new AtomicLong();
    private static final List<String> SITES = new ArrayList<>();
    private static final int MAX_SITES = 50;
    /** Bumped by {@link #reset()}: only tensors created since the last reset are counted. */
    private static volatile int generation;
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

    /**
     * Sets the level from now on; tensors created earlier are not tracked retroactively.
     *
     * @param l the new level
     */
    public static void enable(Level l) {
        level = l;
    }

    /**
     * The current level, from {@code -Dcallosum.leakDetection} unless {@link #enable(Level)} changed it.
     *
     * @return the level
     */
    public static Level level() {
        return level;
    }

    /** Per-tensor state the cleaner sees; must not reference the tensor. */
    static final class Handle implements Runnable {
        private volatile boolean closed;
        private final String site;
        private final int born = generation;

        Handle(String site) {
            this.site = site;
        }

        void markClosed() {
            if (!closed) {
                closed = true;
                if (born == generation) CLOSED.incrementAndGet();
            }
        }

        @Override
        public void run() {
            if (closed || born != generation) return;
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

    /**
     * Tensors created while detection was on, closed, and collected without being closed.
     *
     * @param tracked tensors created while detection was on
     * @param closed those closed
     * @param leaked those collected without being closed
     * @param sites the first creation sites of leaked tensors (TRACE only, at most 50)
     */
    public record Report(long tracked, long closed, long leaked, List<String> sites) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "tensors tracked %d, closed %d, leaked (collected unclosed) %d%s", tracked, closed, leaked,
                    sites.isEmpty() ? "" : "; first creation sites " + sites);
        }
    }

    /**
     * The counts since the last {@link #reset()}; call after {@code System.gc()} to see recent leaks.
     *
     * @return a snapshot of the counters
     */
    public static Report report() {
        synchronized (SITES) {
            return new Report(TRACKED.get(), CLOSED.get(), LEAKED.get(), List.copyOf(SITES));
        }
    }

    /**
     * Clears the counters and starts a new count: tensors created before the reset are no longer reported, even when
     * they are collected later (for tests that measure one stretch of work).
     */
    public static void reset() {
        generation++;
        TRACKED.set(0);
        CLOSED.set(0);
        LEAKED.set(0);
        synchronized (SITES) {
            SITES.clear();
        }
    }
}
