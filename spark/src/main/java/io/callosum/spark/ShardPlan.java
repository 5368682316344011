package io.callosum.spark;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Which examples each worker trains on, as a pure function of the seed: examples sorted by name are shuffled once
 * (position p goes to partition p mod workers, at local index p / workers), and every epoch each partition walks its
 * examples in an order drawn from (seed, epoch, partition). A retried task, a resumed run and a single-process
 * reference therefore all see the same batches.
 *
 * @param workers        partitions, one replica each
 * @param batchPerWorker examples per local step
 * @param syncEvery      local steps per synchronisation round (K)
 * @param seed           the shuffle's seed
 * @serial exclude
 */
public record ShardPlan(int workers, int batchPerWorker, int syncEvery, long seed) implements Serializable {
    /** Rejects a worker count, batch or round length below 1. */
    public ShardPlan {
        if (workers < 1 || batchPerWorker < 1 || syncEvery < 1) {
            throw new IllegalArgumentException("ShardPlan: workers " + workers + ", batch per worker " + batchPerWorker
                    + " and sync every " + syncEvery + " must all be >= 1");
        }
    }

    /** Examples one round consumes over all workers. */
    public int examplesPerRound() {
        return workers * batchPerWorker * syncEvery;
    }

    /** The shuffled position of each of n examples sorted by name. */
    public int[] positions(int n) {
        return permutation(n, seed);
    }

    /** Rounds in an epoch when the smallest partition holds this many examples (a short remainder is dropped). */
    public int roundsPerEpoch(int smallestPartition) {
        return smallestPartition / (batchPerWorker * syncEvery);
    }

    /** Local indices (into the partition's examples, sorted by position) of local step k of a round in an epoch. */
    public int[] localBatch(int partition, int partitionSize, int epoch, int round, int k) {
        if (partitionSize < batchPerWorker * syncEvery * (round + 1)) {
            throw new IllegalArgumentException("ShardPlan: partition " + partition + " holds " + partitionSize
                    + " examples, too few for round " + round + " of " + batchPerWorker + " × " + syncEvery + " per round");
        }
        long mixed = seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + partition * 0x165667B19E3779F9L;
        int[] order = permutation(partitionSize, mixed);
        int[] out = new int[batchPerWorker];
        System.arraycopy(order, (round * syncEvery + k) * batchPerWorker, out, 0, batchPerWorker);
        return out;
    }

    private static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
