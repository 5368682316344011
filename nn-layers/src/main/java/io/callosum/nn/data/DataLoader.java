package io.callosum.nn.data;

import io.callosum.nn.data.transforms.Transform;
import io.callosum.tensor.Generator;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Batches from a {@link Dataset}, epoch after epoch: seeded shuffling, a transform pipeline, and background worker
 * threads with a bounded prefetch queue.
 *
 * <pre>{@code
 * try (DataLoader loader = DataLoader.builder(train).batchSize(64).shuffle(true).seed(42).workers(2)
 *         .transform(Compose.of(new HorizontalFlip(), new Normalize(0.286f, 0.353f))).build()) {
 *     for (int epoch = 0; epoch < epochs; epoch++) {
 *         for (Batch b : loader) { … b.close(); }           // each for-loop is the next epoch
 *     }
 * }
 * }</pre>
 *
 * <p>Output is a function of (seed, epoch) alone: epoch e's order is a permutation drawn from a generator seeded by
 * (seed, e), and item i's transform draws from a generator seeded by (seed, e, i). The worker count and thread
 * timing change nothing, and {@link #epoch(int)} replays any epoch (to resume a run). One epoch runs at a time:
 * starting another closes the one in progress. Methods are meant to be called from one consumer thread;
 * {@link #close()} may come from any thread.
 */
public final class DataLoader implements Iterable<Batch>, BatchSource, AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();
    static final long SHUFFLE_STREAM = 0x5348554646L;

    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final int workers;
    private final int prefetch;
    private final BatchMaker maker;
    private final String threadPrefix = "callosum-data-" + IDS.incrementAndGet();

    private int nextEpoch;
    private EpochIterator active;
    private boolean closed;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.dropLast = b.dropLast;
        this.workers = b.workers;
        this.prefetch = b.prefetch > 0 ? b.prefetch : Math.max(2, 2 * b.workers);
        this.maker = new BatchMaker(dataset, b.transform, seed, batchSize);
    }

    public static Builder builder(Dataset dataset) {
        return new Builder(dataset);
    }

    public static final class Builder {
        private final Dataset dataset;
        private int batchSize = 1;
        private boolean shuffle;
        private long seed;
        private boolean dropLast;
        private Transform transform;
        private int workers;
        private int prefetch;

        private Builder(Dataset dataset) {
            if (dataset == null) throw new NullPointerException("DataLoader: dataset is null");
            this.dataset = dataset;
        }

        public Builder batchSize(int batchSize) {
            if (batchSize <= 0) throw new IllegalArgumentException("DataLoader: batch size must be positive, got " + batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** Reorder items each epoch (default: dataset order). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** The seed for shuffling and transforms (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Drop a final batch smaller than the batch size (default: keep it). */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Applied to every image, with a generator seeded by (seed, epoch, index); null for none. */
        public Builder transform(Transform transform) {
            this.transform = transform;
            return this;
        }

        /** Background threads building batches; 0 builds them on the consumer's thread (default). */
        public Builder workers(int workers) {
            if (workers < 0) throw new IllegalArgumentException("DataLoader: worker count must be ≥ 0, got " + workers);
            this.workers = workers;
            return this;
        }

        /** Batches built ahead of the consumer at most (default 2 × workers, at least 2). */
        public Builder prefetch(int prefetch) {
            if (prefetch <= 0) throw new IllegalArgumentException("DataLoader: prefetch must be positive, got " + prefetch);
            this.prefetch = prefetch;
            return this;
        }

        /** Also refuses a dataset whose per-epoch order array would not fit the heap, before any epoch starts. */
        public DataLoader build() {
            checkOrderFits(dataset.size(), dataset.name(), Runtime.getRuntime().maxMemory());
            return new DataLoader(this);
        }
    }

    /** The largest int[] the JVM allocates is a few elements short of Integer.MAX_VALUE. */
    static final int MAX_ITEMS = Integer.MAX_VALUE - 8;

    /**
     * Every epoch holds its visiting order as an int[] of the dataset's size: refuse a size whose array cannot be
     * allocated or would take more than a quarter of the heap, with a message instead of an OutOfMemoryError mid-run.
     */
    static void checkOrderFits(int size, String name, long maxHeapBytes) {
        long bytes = 4L * size;
        if (size > MAX_ITEMS || bytes > maxHeapBytes / 4) {
            throw new IllegalArgumentException("DataLoader over " + name + ": " + size + " items need a " + (bytes >> 20)
                    + " MiB order array per epoch, more than " + (size > MAX_ITEMS ? "the largest Java array" : "a quarter of the "
                    + (maxHeapBytes >> 20) + " MiB heap") + "; use fewer items (or a larger -Xmx)");
        }
    }

    public Dataset dataset() {
        return dataset;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Batches in one epoch; computed without {@code n + batchSize − 1}, which overflows for a batch size near 2³¹. */
    @Override
    public int batchesPerEpoch() {
        return batchesPerEpoch(dataset.size(), batchSize, dropLast);
    }

    /** ⌈n / batchSize⌉ (or ⌊n / batchSize⌋ when dropping a partial last batch), for any non-negative n and positive batch size. */
    static int batchesPerEpoch(int n, int batchSize, boolean dropLast) {
        int full = n / batchSize;
        return dropLast || n % batchSize == 0 ? full : full + 1;
    }

    /** The order in which epoch e visits the dataset (before dropping a partial last batch). */
    public int[] order(int epoch) {
        if (!shuffle) {
            int[] order = new int[dataset.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            return order;
        }
        return new Generator(Seeds.mix(seed, SHUFFLE_STREAM, epoch)).permutation(dataset.size());
    }

    /** The epoch the next plain {@link #iterator()} will run. */
    public synchronized int nextEpoch() {
        return nextEpoch;
    }

    /** Makes the next plain {@link #iterator()} run epoch e (to resume a run). */
    public synchronized void setNextEpoch(int epoch) {
        if (epoch < 0) throw new IllegalArgumentException("DataLoader: epoch must be ≥ 0, got " + epoch);
        this.nextEpoch = epoch;
    }

    /** Starts the next epoch (0, 1, 2, … on successive calls). */
    @Override
    public synchronized EpochIterator iterator() {
        return iterator(nextEpoch++);
    }

    /** Starts epoch e, closing any epoch still in progress. */
    public synchronized EpochIterator iterator(int epoch) {
        if (closed) throw new IllegalStateException("DataLoader over " + dataset.name() + " is closed");
        if (active != null) active.close();
        active = new EpochIterator(maker, epoch, order(epoch), batchesPerEpoch(), workers, prefetch, threadPrefix);
        return active;
    }

    /** Epoch e as an Iterable, for {@code for (Batch b : loader.epoch(e))}. */
    @Override
    public Iterable<Batch> epoch(int epoch) {
        return () -> iterator(epoch);
    }

    /** Stops the epoch in progress, if any, and its workers. */
    @Override
    public void close() {
        EpochIterator running;
        synchronized (this) {
            closed = true;
            running = active;
            active = null;
        }
        if (running != null) running.close();
    }
}
