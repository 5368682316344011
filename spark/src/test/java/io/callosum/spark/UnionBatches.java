package io.callosum.spark;

import io.callosum.nn.data.Batch;
import io.callosum.nn.data.BatchSource;
import io.callosum.nn.data.Dataset;
import io.callosum.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The single-process reference of a Spark run: batch r·K + k is the union of what the workers train on at local
 * step k of round r (worker 0's examples, then worker 1's, …); with K = 1 one batch per round. Computed from the same {@link ShardPlan} on the dataset
 * itself (names are zero-padded indices, so sorted names are index order).
 */
final class UnionBatches implements BatchSource {
    private final Dataset data;
    private final ShardPlan plan;
    private final List<List<Integer>> shards = new ArrayList<>();

    UnionBatches(Dataset data, ShardPlan plan) {
        this.data = data;
        this.plan = plan;
        int[] positions = plan.positions(data.size());
        int[] byPosition = new int[data.size()];
        for (int i = 0; i < positions.length; i++) byPosition[positions[i]] = i;
        for (int w = 0; w < plan.workers(); w++) shards.add(new ArrayList<>());
        for (int pos = 0; pos < byPosition.length; pos++) shards.get(pos % plan.workers()).add(byPosition[pos]);
    }

    @Override
    public Iterable<Batch> epoch(int epoch) {
        List<Batch> out = new ArrayList<>();
        for (int round = 0; round < rounds(); round++) {
            for (int k = 0; k < plan.syncEvery(); k++) {
                List<Integer> indices = new ArrayList<>();
                for (int w = 0; w < plan.workers(); w++) indices.addAll(workerIndices(w, epoch, round, k));
                out.add(batch(indices));
            }
        }
        return out;
    }

    /** What worker w trains on at local step k of a round. */
    Batch workerBatch(int w, int epoch, int round, int k) {
        return batch(workerIndices(w, epoch, round, k));
    }

    private List<Integer> workerIndices(int w, int epoch, int round, int k) {
        List<Integer> indices = new ArrayList<>();
        for (int local : plan.localBatch(w, shards.get(w).size(), epoch, round, k)) indices.add(shards.get(w).get(local));
        return indices;
    }

    private Batch batch(List<Integer> indices) {
        List<Sample> samples = new ArrayList<>();
        for (int i : indices) samples.add(Sample.of(data.image(i), data.label(i)));
        int[] all = new int[samples.size()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        Tensor[] t = LocalBatches.stack(samples, all);
        return new Batch(t[0], t[1], indices.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public int batchesPerEpoch() {
        return rounds() * plan.syncEvery();
    }

    private int rounds() {
        int smallest = Integer.MAX_VALUE;
        for (List<Integer> s : shards) smallest = Math.min(smallest, s.size());
        return plan.roundsPerEpoch(smallest);
    }
}
