package io.callosum.nn.metrics;

import io.callosum.tensor.Tensor;

/**
 * A weighted running mean, e.g. of the loss over an epoch: add each batch's mean loss with the batch size as weight,
 * and {@link #mean()} is the mean over examples. Compensated (Kahan) summation keeps long runs exact.
 */
public final class RunningMean {
    private double sum;
    private double compensation;
    private long count;

    /** Adds value with weight 1. */
    public void add(double value) {
        add(value, 1);
    }

    /** Adds value as the mean of `weight` examples. Non-finite values are rejected: they would poison the mean. */
    public void add(double value, long weight) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException("RunningMean: value " + value + " is not finite");
        if (weight <= 0) throw new IllegalArgumentException("RunningMean: weight must be positive, got " + weight);
        double y = value * weight - compensation;
        double t = sum + y;
        compensation = (t - sum) - y;
        sum = t;
        count += weight;
    }

    /** Adds a scalar tensor (e.g. a batch's mean loss) with the batch size as weight. */
    public void add(Tensor scalar, long weight) {
        add(scalar.item(), weight);
    }

    /** The mean, or NaN before anything was added. */
    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Values averaged so far. */
    public long count() {
        return count;
    }

    /** Forgets every value, to start a new average. */
    public void reset() {
        sum = 0;
        compensation = 0;
        count = 0;
    }

    @Override
    public String toString() {
        return String.format("mean %.6f over %d", mean(), count);
    }
}
