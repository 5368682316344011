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

    /**
     * Whether ops on this thread are recorded for autodiff now (true unless inside {@link #disabled()}).
     *
     * @return the current mode
     */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /**
     * {@code try (var ng = Grad.disabled()) { … }}: no graph is recorded inside.
     *
     * @return a guard that restores the previous mode when closed
     */
    public static Guard disabled() {
        return set(false);
    }

    /**
     * {@code try (var g = Grad.enabled()) { … }}: records inside even within an enclosing {@link #disabled()}.
     *
     * @return a guard that restores the previous mode when closed
     */
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
     *
     * @param output the tensor to differentiate, usually a scalar
     * @param gradOutput the gradient of output (its shape), or null for a scalar output (1)
     * @param createGraph record the gradient computation so the results can be differentiated again
     * @param inputs tensors that require grad
     * @return one gradient per input, of its shape
     */
    public static Tensor[] grad(Tensor output, Tensor gradOutput, boolean createGraph, Tensor... inputs) {
        return Autograd.grad(output, gradOutput, createGraph, false, inputs);
    }

    /**
     * As {@link #grad(Tensor, Tensor, boolean, Tensor...)}; with allowUnused an input the output does not depend on gets null.
     *
     * @param output the tensor to differentiate, usually a scalar
     * @param gradOutput the gradient of output (its shape), or null for a scalar output (1)
     * @param createGraph record the gradient computation so the results can be differentiated again
     * @param allowUnused answer null for an input the output does not depend on, instead of an error
     * @param inputs tensors that require grad
     * @return one gradient per input, of its shape (or null where unused and allowed)
     */
    public static Tensor[] grad(Tensor output, Tensor gradOutput, boolean createGraph, boolean allowUnused, Tensor... inputs) {
        return Autograd.grad(output, gradOutput, createGraph, allowUnused, inputs);
    }

    /**
     * Gradients of a scalar output with respect to inputs, like torch.autograd.grad(output, inputs); no {@code .grad()}
     * is touched.
     *
     * @param output a one-element tensor that requires grad
     * @param inputs tensors that require grad, each used to compute output
     * @return one gradient per input, of its shape
     */
    public static Tensor[] grad(Tensor output, Tensor... inputs) {
        return Autograd.grad(output, null, false, false, inputs);
    }
}
