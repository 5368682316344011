package io.callosum.spark;

import java.io.Serializable;

/**
 * One round's contribution of one or more workers, summed: gradients (each local step's gradient times its batch
 * size), buffers (times the batch size), losses (times the batch size), and the longest worker compute time.
 */
final class RoundResult implements Serializable {
    final float[] gradSum;
    final float[] bufferSum;
    double lossSum;
    long examples;
    long lossExamples;
    long maxComputeNanos;

    RoundResult(float[] gradSum, float[] bufferSum, double lossSum, long examples, long lossExamples, long computeNanos) {
        this.gradSum = gradSum;
        this.bufferSum = bufferSum;
        this.lossSum = lossSum;
        this.examples = examples;
        this.lossExamples = lossExamples;
        this.maxComputeNanos = computeNanos;
    }

    /** a + b, accumulated into a (Spark's combine: the operands are not reused). */
    static RoundResult merge(RoundResult a, RoundResult b) {
        if (a.gradSum.length != b.gradSum.length || a.bufferSum.length != b.bufferSum.length) {
            throw new IllegalStateException("RoundResult: workers returned " + a.gradSum.length + " and " + b.gradSum.length
                    + " gradient values (replicas of different models?)");
        }
        for (int i = 0; i < a.gradSum.length; i++) a.gradSum[i] += b.gradSum[i];
        for (int i = 0; i < a.bufferSum.length; i++) a.bufferSum[i] += b.bufferSum[i];
        a.lossSum += b.lossSum;
        a.examples += b.examples;
        a.lossExamples += b.lossExamples;
        a.maxComputeNanos = Math.max(a.maxComputeNanos, b.maxComputeNanos);
        return a;
    }

    /** Bytes this result carries over the network. */
    long bytes() {
        return 4L * (gradSum.length + bufferSum.length) + 40;
    }
}
