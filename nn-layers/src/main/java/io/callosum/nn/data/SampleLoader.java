package io.callosum.nn.data;

import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Batches of any {@link Samples}, built by a {@link Collate} function, epoch after epoch — PyTorch's
 * {@code DataLoader(dataset, collate_fn=…)}. Seeded shuffling, a last partial batch kept or dropped, and background
 * workers with a bounded prefetch queue work as in {@link DataLoader} (which is this loader for image datasets, with
 * transforms):
 *
 * <pre>{@code
 * TensorDataset data = new TensorDataset(x, y);
 * try (SampleLoader<TensorBatch> loader = DataLoader.builder(data, TensorDataset.stack()).batchSize(32).shuffle(true).build()) {
 *     for (TensorBatch b : loader) { Tensor xb = b.get(0), yb = b.get(1); … b.close(); }
 * }
 * }</pre>
 *
 * <p>Epoch e's order is a permutation drawn from a generator seeded by (seed, e), so the batches are a function of
 * (seed, epoch) alone, whatever the worker count. One epoch runs at a time: starting another closes the one in
 * progress. {@link #asBatchSource} hands the batches to a {@code Trainer}. Methods are meant to be called from one consumer thread; {@link #close()} may come from any thread.
 *
 * @param <B> the batch type
 */
public final class SampleLoader<B> implements Iterable<B>, AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();

    private final String name;
    private final int size;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final int workers;
    private final int prefetch;
    private final BatchFactory<B> factory;
    private final String threadPrefix = "callosum-data-" + IDS.incrementAndGet();

    private int nextEpoch;
    private EpochIterator<B> active;
    private boolean closed;

    SampleLoader(String name, int size, LoaderSettings s, BatchFactory<B> factory) {
        checkOrderFits(size, name, Runtime.getRuntime().maxMemory());
        this.name = name;
        this.size = size;
        this.batchSize = s.batchSize;
        this.shuffle = s.shuffle;
        this.seed = s.seed;
        this.dropLast = s.dropLast;
        this.workers = s.workers;
        this.prefetch = s.prefetch > 0 ? s.prefetch : Math.max(2, 2 * s.workers);
        this.factory = factory;
    }

    /** Starts a loader that batches samples through collate; see {@link DataLoader#builder(Samples, Collate)}. */
    public static <T, B> Builder<T, B> builder(Samples<T> samples, Collate<T, B> collate) {
        return new Builder<>(samples, collate);
    }

    /**
     * Settings of a {@link SampleLoader}, with DataLoader's defaults: batch size 1, dataset order, seed 0, the last
     * partial batch kept, no workers.
     *
     * @param <T> the sample type
     * @param <B> the batch type
     */
    public static final class Builder<T, B> {
        private final Samples<T> samples;
        private final Collate<T, B> collate;
        private final LoaderSettings settings = new LoaderSettings();

        private Builder(Samples<T> samples, Collate<T, B> collate) {
            if (samples == null) throw new NullPointerException("DataLoader: samples are null");
            if (collate == null) throw new NullPointerException("DataLoader over " + samples.name() + ": collate function is null");
            this.samples = samples;
            this.collate = collate;
        }

        /** Samples per batch (default 1). */
        public Builder<T, B> batchSize(int batchSize) {
            settings.batchSize(batchSize);
            return this;
        }

        /** Reorder samples each epoch (default: dataset order). */
        public Builder<T, B> shuffle(boolean shuffle) {
            settings.shuffle = shuffle;
            return this;
        }

        /** The seed for shuffling (default 0). */
        public Builder<T, B> seed(long seed) {
            settings.seed = seed;
            return this;
        }

        /** Drop a final batch smaller than the batch size (default: keep it). */
        public Builder<T, B> dropLast(boolean dropLast) {
            settings.dropLast = dropLast;
            return this;
        }

        /** Background threads building batches; 0 builds them on the consumer's thread (default). */
        public Builder<T, B> workers(int workers) {
            settings.workers(workers);
            return this;
        }

        /** Batches built ahead of the consumer at most (default 2 × workers, at least 2). */
        public Builder<T, B> prefetch(int prefetch) {
            settings.prefetch(prefetch);
            return this;
        }

        /** The loader; refuses a dataset whose per-epoch order array would not fit the heap. */
        public SampleLoader<B> build() {
            int batchSize = settings.batchSize;
            String name = samples.name();
            return new SampleLoader<>(name, samples.size(), settings, (epoch, order, batch) -> {
                int[] indices = BatchFactory.indices(name, order, batch, batchSize);
                List<T> picked = new ArrayList<>(indices.length);
                int at = -1;
                try {
                    for (int index : indices) {
                        at = index;
                        picked.add(samples.get(index));
                    }
                    at = -1;
                    return collate.apply(picked);
                } catch (RuntimeException e) {
                    String where = at >= 0 ? "sample " + at : "collating samples " + java.util.Arrays.toString(indices);
                    throw new DataLoaderException("DataLoader over " + name + ": " + where + " (epoch " + epoch + ", batch " + batch + "): "
                            + e.getMessage(), e);
                }
            });
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

    /** Samples per batch. */
    public int batchSize() {
        return batchSize;
    }

    /** Batches in one epoch; computed without {@code n + batchSize − 1}, which overflows for a batch size near 2³¹. */
    public int batchesPerEpoch() {
        return batchesPerEpoch(size, batchSize, dropLast);
    }

    /** ⌈n / batchSize⌉ (or ⌊n / batchSize⌋ when dropping a partial last batch), for any non-negative n and positive batch size. */
    static int batchesPerEpoch(int n, int batchSize, boolean dropLast) {
        int full = n / batchSize;
        return dropLast || n % batchSize == 0 ? full : full + 1;
    }

    /** The order in which epoch e visits the samples (before dropping a partial last batch). */
    public int[] order(int epoch) {
        if (!shuffle) {
            int[] order = new int[size];
            for (int i = 0; i < order.length; i++) order[i] = i;
            return order;
        }
        return new Generator(Seeds.mix(seed, DataLoader.SHUFFLE_STREAM, epoch)).permutation(size);
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
    public synchronized EpochIterator<B> iterator() {
        return iterator(nextEpoch++);
    }

    /** Starts epoch e, closing any epoch still in progress. */
    public synchronized EpochIterator<B> iterator(int epoch) {
        if (closed) throw new IllegalStateException("DataLoader over " + name + " is closed");
        if (active != null) active.close();
        active = new EpochIterator<>(factory, epoch, order(epoch), batchesPerEpoch(), workers, prefetch, threadPrefix);
        return active;
    }

    /** Epoch e as an Iterable, for {@code for (B b : loader.epoch(e))}. */
    public Iterable<B> epoch(int epoch) {
        return () -> iterator(epoch);
    }

    /**
     * This loader as the {@link BatchSource} a {@link io.callosum.nn.train.Trainer} takes: of each batch, the inputs
     * and the integer labels that the two functions pick (for a {@link TensorBatch} of (x, y), {@code b -> b.get(0)}
     * and {@code b -> b.get(1)}), with the dataset indices of its samples. Closing a Batch closes those two tensors.
     */
    public BatchSource asBatchSource(Function<? super B, Tensor> inputs, Function<? super B, Tensor> labels) {
        return new BatchSource() {
            @Override
            public Iterable<Batch> epoch(int epoch) {
                return () -> new Batches(iterator(epoch), order(epoch), inputs, labels);
            }

            @Override
            public int batchesPerEpoch() {
                return SampleLoader.this.batchesPerEpoch();
            }
        };
    }

    /** One epoch's batches as Batches; closing it stops the epoch (the Trainer closes it when it stops early). */
    private final class Batches implements Iterator<Batch>, AutoCloseable {
        private final EpochIterator<B> epoch;
        private final int[] order;
        private final Function<? super B, Tensor> inputs, labels;
        private int next;

        Batches(EpochIterator<B> epoch, int[] order, Function<? super B, Tensor> inputs, Function<? super B, Tensor> labels) {
            this.epoch = epoch;
            this.order = order;
            this.inputs = inputs;
            this.labels = labels;
        }

        @Override
        public boolean hasNext() {
            return epoch.hasNext();
        }

        @Override
        public Batch next() {
            B b = epoch.next();
            return new Batch(inputs.apply(b), labels.apply(b), BatchFactory.indices(name, order, next++, batchSize));
        }

        @Override
        public void close() {
            epoch.close();
        }
    }

    /** Stops the epoch in progress, if any, and its workers. */
    @Override
    public void close() {
        EpochIterator<B> running;
        synchronized (this) {
            closed = true;
            running = active;
            active = null;
        }
        if (running != null) running.close();
    }
}
