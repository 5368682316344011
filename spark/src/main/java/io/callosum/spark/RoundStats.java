package io.callosum.spark;

/**
 * What one synchronisation round cost: its wall time on the driver, the slowest worker's compute inside it, and the
 * bytes moved (parameters broadcast to every worker, gradients and buffers aggregated back). The difference of the
 * first two is the synchronisation overhead: scheduling, (de)serialisation, broadcast and aggregation.
 */
public record RoundStats(long wallNanos, long maxComputeNanos, long bytesBroadcast, long bytesAggregated) {
    /** Wall time minus the slowest worker's compute, in milliseconds: what synchronising cost this round. */
    public double overheadMillis() {
        return (wallNanos - maxComputeNanos) / 1e6;
    }
}
