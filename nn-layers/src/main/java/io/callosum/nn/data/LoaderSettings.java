package io.callosum.nn.data;

/** The batching settings {@link DataLoader} and {@link SampleLoader} share, each checked when set. */
final class LoaderSettings {
    int batchSize = 1;
    boolean shuffle;
    long seed;
    boolean dropLast;
    int workers;
    int prefetch;

    void batchSize(int batchSize) {
        if (batchSize <= 0) throw new IllegalArgumentException("DataLoader: batch size must be positive, got " + batchSize);
        this.batchSize = batchSize;
    }

    void workers(int workers) {
        if (workers < 0) throw new IllegalArgumentException("DataLoader: worker count must be ≥ 0, got " + workers);
        this.workers = workers;
    }

    void prefetch(int prefetch) {
        if (prefetch <= 0) throw new IllegalArgumentException("DataLoader: prefetch must be positive, got " + prefetch);
        this.prefetch = prefetch;
    }
}
