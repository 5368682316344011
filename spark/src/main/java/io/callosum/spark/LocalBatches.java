package io.callosum.spark;

import io.callosum.nn.data.Batch;
import io.callosum.nn.data.BatchSource;
import io.callosum.tensor.Tensor;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A worker's K local batches of one round as a one-epoch {@link BatchSource} for its {@code Trainer}: batch k holds
 * the examples the {@link ShardPlan} assigns to local step k of this round in this partition.
 */
final class LocalBatches implements BatchSource {
    private final List<Sample> samples;
    private final ShardPlan plan;
    private final int partition;
    private final RoundInput in;

    LocalBatches(List<Sample> samples, ShardPlan plan, int partition, RoundInput in) {
        this.samples = samples;
        this.plan = plan;
        this.partition = partition;
        this.in = in;
    }

    @Override
    public Iterable<Batch> epoch(int epoch) {
        return () -> new Iterator<>() {
            private int step;

            @Override
            public boolean hasNext() {
                return step < plan.syncEvery();
            }

            @Override
            public Batch next() {
                if (!hasNext()) throw new NoSuchElementException("LocalBatches: a round has " + plan.syncEvery() + " local steps");
                int[] local = plan.localBatch(partition, samples.size(), in.epoch(), in.round(), step++);
                Tensor[] t = stack(samples, local);
                return new Batch(t[0], t[1], local);
            }
        };
    }

    @Override
    public int batchesPerEpoch() {
        return plan.syncEvery();
    }

    /** Images [b, C, H, W] and labels [b] of the given local indices. */
    static Tensor[] stack(List<Sample> samples, int[] local) {
        Sample first = samples.get(local[0]);
        int per = first.pixels().length;
        float[] pixels = new float[local.length * per];
        int[] labels = new int[local.length];
        for (int i = 0; i < local.length; i++) {
            Sample s = samples.get(local[i]);
            if (s.pixels().length != per) {
                throw new IllegalArgumentException("LocalBatches: images of different sizes in one batch (" + per + " and "
                        + s.pixels().length + " values); decode them to one size");
            }
            System.arraycopy(s.pixels(), 0, pixels, i * per, per);
            labels[i] = s.label();
        }
        return new Tensor[]{Tensor.of(pixels, local.length, first.channels(), first.height(), first.width()), Tensor.of(labels, local.length)};
    }
}
