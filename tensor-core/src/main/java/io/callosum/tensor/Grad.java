package io.callosum.tensor;

/** Gradient-recording mode (per thread) and functional gradients. */
public final class Grad {
    private Grad() {
    }

    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[]{true});

    /** Restores the previous mode on close. */
    public interface Guard extends AutoCloseable {
        @Override
        void close();
    }

    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** {@code try (var ng = Grad.disabled()) { … }}: no graph is recorded inside. */
    public static Guard disabled() {
        return set(false);
    }

    public static Guard enabled() {
        return set(true);
    }

    static Guard set(boolean on) {
        boolean[] cell = ENABLED.get();
        boolean prev = cell[0];
        cell[0] = on;
        return () -> cell[0] = prev;
    }

    /**
     * Gradients of {@code output} with respect to {@code inputs} (like torch.autograd.grad), without touching any
     * {@code .grad()}. With createGraph the results are themselves differentiable (higher-order gradients).
     * An input the output does not depend on is an error naming it, as in PyTorch; see the allowUnused overload.
     */
    public static Tensor[] grad(Tensor output, Tensor gradOutput, boolean createGraph, Tensor... inputs) {
        return Autograd.grad(output, gradOutput, createGraph, false, inputs);
    }

    /** As {@link #grad(Tensor, Tensor, boolean, Tensor...)}; with allowUnused an input the output does not depend on gets null. */
    public static Tensor[] grad(Tensor output, Tensor gradOutput, boolean createGraph, boolean allowUnused, Tensor... inputs) {
        return Autograd.grad(output, gradOutput, createGraph, allowUnused, inputs);
    }

    public static Tensor[] grad(Tensor output, Tensor... inputs) {
        return Autograd.grad(output, null, false, false, inputs);
    }
}
