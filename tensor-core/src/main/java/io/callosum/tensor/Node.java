package io.callosum.tensor;

/**
 * One recorded op in the autodiff graph: its inputs and the rule that maps the gradient of its output to gradients
 * of its inputs. Rules are written with differentiable ops, so running them with graph recording on yields
 * higher-order gradients.
 */
public final class Node {
    /** Maps the output gradient to one gradient per input (null where an input gets none). */
    @FunctionalInterface
    public interface BackwardFn {
        /**
         * Computes the input gradients of one recorded op.
         *
         * @param gradOutput the gradient of the op's output, of the output's shape
         * @return one gradient per input, each of that input's shape, or null where none is needed
         */
        Tensor[] apply(Tensor gradOutput);
    }

    private final String op;
    private Tensor[] inputs;
    private BackwardFn fn;
    private final int[] outputShape;
    private Tensor retained;
    private final int id;
    private static final java.util.concurrent.atomic.AtomicInteger IDS = new java.util.concurrent.atomic.AtomicInteger();

    Node(String op, Tensor[] inputs, BackwardFn fn, int[] outputShape) {
        this.op = op;
        this.inputs = inputs;
        this.fn = fn;
        this.outputShape = outputShape;
        this.id = IDS.incrementAndGet();
    }

    /**
     * The op's name as recorded, e.g. {@code "matmul"}.
     *
     * @return the name
     */
    public String op() {
        return op;
    }

    int id() {
        return id;
    }

    Tensor[] inputs() {
        return inputs;
    }

    int[] outputShape() {
        return outputShape;
    }

    boolean isReleased() {
        return fn == null;
    }

    BackwardFn fn() {
        return fn;
    }

    void retain(Tensor output) {
        this.retained = output;
    }

    Tensor retained() {
        return retained;
    }

    /** Drops the backward closure and its saved tensors once backward has run through this node. */
    void release() {
        fn = null;
        inputs = null;
    }

    @Override
    public String toString() {
        return op + "#" + id;
    }
}
