package io.callosum.spark;

import io.callosum.nn.optim.Optimizer;
import io.callosum.tensor.Tensor;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A worker's optimizer for one round of K local steps, so that the round runs through the ordinary {@code Trainer}:
 * every step adds batch × gradient into one flat sum (the round's result), and every step but the last also moves the
 * replica by plain SGD at the round's learning rate. After the K-th step the replica is left where the K-th gradient
 * was taken, and only the sum leaves the task.
 */
final class LocalSgd extends Optimizer {
    private final int batch;
    private final int localSteps;
    private final float[] gradSum;
    private final Map<Tensor, Integer> offsets = new IdentityHashMap<>();

    /** Sums into a fresh array laid out as {@link FlatState#flatten} lays out params. */
    LocalSgd(List<Tensor> params, double lr, int batch, int localSteps) {
        super(params, lr);
        this.batch = batch;
        this.localSteps = localSteps;
        int at = 0;
        for (Tensor p : params) {
            offsets.put(p, at);
            at += p.numel();
        }
        this.gradSum = new float[at];
    }

    @Override
    protected void update(Tensor p, Tensor grad, Map<String, Tensor> state) {
        float[] g = grad.toFloatArray();
        int at = offsets.get(p);
        for (int i = 0; i < g.length; i++) gradSum[at + i] += batch * g[i];
        if (steps() < localSteps) p.addInPlace(grad, -lr()); // steps() counts this step: no move after the K-th
    }

    /** Σ over the steps taken of batch × gradient, flattened in parameter order. */
    float[] gradientSum() {
        return gradSum;
    }
}
