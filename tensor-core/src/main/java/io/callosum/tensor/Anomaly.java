package io.callosum.tensor;

import java.util.Arrays;

/**
 * Anomaly detection (like PyTorch's detect_anomaly): while enabled, every recorded op checks its output and every
 * backward rule checks its gradients for NaN/Inf, and the first op that turns finite inputs into a non-finite result
 * throws {@link AnomalyException} naming that op. Costs one reduction per op; off by default.
 */
public final class Anomaly {
    private Anomaly() {
    }

    private static volatile boolean enabled;

    /** Thrown when an op first produces NaN or Inf from finite inputs. */
    public static final class AnomalyException extends ArithmeticException {
        /** The op that produced the first non-finite value. */
        private final String op;

        AnomalyException(String op, String message) {
            super(message);
            this.op = op;
        }

        /**
         * The op that produced the first non-finite value.
         *
         * @return the op's name, as recorded by autodiff (e.g. {@code "log"})
         */
        public String op() {
            return op;
        }
    }

    /**
     * Whether anomaly detection is on (for all threads).
     *
     * @return true while enabled
     */
    public static boolean isEnabled() {
        return enabled;
    }

    /**
     * {@code try (var a = Anomaly.detect()) { … }}
     *
     * @return a guard that restores the previous setting when closed
     */
    public static Grad.Guard detect() {
        boolean prev = enabled;
        enabled = true;
        return () -> enabled = prev;
    }

    /**
     * Switches anomaly detection on or off for every thread, e.g. for a whole debugging run.
     *
     * @param on true to check every recorded op
     */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /** Set while a check runs, so the ops the check itself uses are not checked in turn. */
    private static final ThreadLocal<boolean[]> CHECKING = ThreadLocal.withInitial(() -> new boolean[1]);

    /**
     * True when t (FLOAT32 or FLOAT64) holds a NaN or infinity.
     *
     * @param t any tensor, or null
     * @return false for null, closed or integer tensors
     */
    public static boolean hasNonFinite(Tensor t) {
        if (t == null || !t.dtype().isFloating() || t.isClosed()) return false;
        boolean[] busy = CHECKING.get();
        boolean prev = busy[0];
        busy[0] = true;
        try (Grad.Guard ng = Grad.disabled(); Tensor mask = t.isNonFinite(); Tensor f = mask.to(DType.FLOAT32); Tensor s = f.sum()) {
            return s.item() > 0;
        } finally {
            busy[0] = prev;
        }
    }

    /** Runs a backward rule with forward checks off: its non-finite results are blamed on the rule by checkBackward. */
    static Tensor[] runBackwardRule(Node.BackwardFn fn, Tensor g) {
        boolean[] busy = CHECKING.get();
        boolean prev = busy[0];
        busy[0] = true;
        try {
            return fn.apply(g);
        } finally {
            busy[0] = prev;
        }
    }

    /** True while this thread is inside a check (Autograd skips checking then). */
    static boolean checking() {
        return CHECKING.get()[0];
    }

    static void checkForward(String op, Tensor out, Tensor[] inputs) {
        if (!hasNonFinite(out)) return;
        for (Tensor in : inputs) if (hasNonFinite(in)) return; // not the first op: an input was already bad
        throw new AnomalyException(op, "anomaly: '" + op + "' produced NaN/Inf in its output " + Shape.str(out.shape())
                + " from finite inputs " + shapes(inputs));
    }

    static void checkBackward(String op, Tensor[] grads, Tensor[] inputs) {
        for (int i = 0; i < grads.length; i++) {
            if (hasNonFinite(grads[i])) {
                throw new AnomalyException(op, "anomaly: the backward of '" + op + "' produced NaN/Inf in the gradient of input " + i
                        + " " + Shape.str(grads[i].shape()) + " (inputs " + shapes(inputs) + ")");
            }
        }
    }

    private static String shapes(Tensor[] ts) {
        StringBuilder sb = new StringBuilder();
        for (Tensor t : ts) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(t == null ? "null" : Arrays.toString(t.shape()));
        }
        return "[" + sb + "]";
    }
}
