package io.callosum.nn.data;

import io.callosum.nn.data.transforms.Transform;

/**
 * Batches from a {@link Dataset} of images, epoch after epoch: seeded shuffling, a transform pipeline, and background
 * worker threads with a bounded prefetch queue. For samples of any other kind (rows of tensors, records), batched by
 * a collate function of your own, use {@link #builder(Samples, Collate)}.
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
    static final long SHUFFLE_STREAM = 0x5348554646L;

    private final Dataset dataset;
    private final SampleLoader<Batch> loader;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.loader = new SampleLoader<>(dataset.name(), dataset.size(), b.settings,
                new BatchMaker(dataset, b.transform, b.settings.seed, b.settings.batchSize));
    }

    /** Starts a loader over an image dataset; every setting has a default. */
    public static Builder builder(Dataset dataset) {
        return new Builder(dataset);
    }

    /**
     * Starts a loader over samples of any kind, each batch made by collate from its samples — PyTorch's
     * {@code DataLoader(dataset, collate_fn=collate)}; e.g. {@code DataLoader.builder(tensorDataset, TensorDataset.stack())}.
     */
    public static <T, B> SampleLoader.Builder<T, B> builder(Samples<T> samples, Collate<T, B> collate) {
        return SampleLoader.builder(samples, collate);
    }

    /** Settings of a {@link DataLoader}: batch size 1, dataset order, seed 0, the last partial batch kept, no transform, no workers. */
    public static final class Builder {
        private final Dataset dataset;
        private final LoaderSettings settings = new LoaderSettings();
        private Transform transform;

        private Builder(Dataset dataset) {
            if (dataset == null) throw new NullPointerException("DataLoader: dataset is null");
            this.dataset = dataset;
        }

        /** Images per batch (default 1). */
        public Builder batchSize(int batchSize) {
            settings.batchSize(batchSize);
            return this;
        }

        /** Reorder items each epoch (default: dataset order). */
        public Builder shuffle(boolean shuffle) {
            settings.shuffle = shuffle;
            return this;
        }

        /** The seed for shuffling and transforms (default 0). */
        public Builder seed(long seed) {
            settings.seed = seed;
            return this;
        }

        /** Drop a final batch smaller than the batch size (default: keep it). */
        public Builder dropLast(boolean dropLast) {
            settings.dropLast = dropLast;
            return this;
        }

        /** Applied to every image, with a generator seeded by (seed, epoch, index); null for none. */
        public Builder transform(Transform transform) {
            this.transform = transform;
            return this;
        }

        /** Background threads building batches; 0 builds them on the consumer's thread (default). */
        public Builder workers(int workers) {
            settings.workers(workers);
            return this;
        }

        /** Batches built ahead of the consumer at most (default 2 × workers, at least 2). */
        public Builder prefetch(int prefetch) {
            settings.prefetch(prefetch);
            return this;
        }

        /** Also refuses a dataset whose per-epoch order array would not fit the heap, before any epoch starts. */
        public DataLoader build() {
            return new DataLoader(this);
        }
    }

    /** The dataset this loader reads. */
    public Dataset dataset() {
        return dataset;
    }

    /** Images per batch. */
    public int batchSize() {
        return loader.batchSize();
    }

    /** Batches in one epoch. */
    @Override
    public int batchesPerEpoch() {
        return loader.batchesPerEpoch();
    }

    /** The order in which epoch e visits the dataset (before dropping a partial last batch). */
    public int[] order(int epoch) {
        return loader.order(epoch);
    }

    /** The epoch the next plain {@link #iterator()} will run. */
    public int nextEpoch() {
        return loader.nextEpoch();
    }

    /** Makes the next plain {@link #iterator()} run epoch e (to resume a run). */
    public void setNextEpoch(int epoch) {
        loader.setNextEpoch(epoch);
    }

    /** Starts the next epoch (0, 1, 2, … on successive calls). */
    @Override
    public EpochIterator<Batch> iterator() {
        return loader.iterator();
    }

    /** Starts epoch e, closing any epoch still in progress. */
    public EpochIterator<Batch> iterator(int epoch) {
        return loader.iterator(epoch);
    }

    /** Epoch e as an Iterable, for {@code for (Batch b : loader.epoch(e))}. */
    @Override
    public Iterable<Batch> epoch(int epoch) {
        return loader.epoch(epoch);
    }

    /** Stops the epoch in progress, if any, and its workers. */
    @Override
    public void close() {
        loader.close();
    }
}
