package io.callosum.spark;

import org.apache.spark.Partitioner;

/** Sends the example at shuffled position p to partition p mod n: shards differ in size by at most one example. */
final class ModPartitioner extends Partitioner {
    private final int partitions;

    ModPartitioner(int partitions) {
        if (partitions < 1) throw new IllegalArgumentException("ModPartitioner: partitions must be >= 1, got " + partitions);
        this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        return Math.floorMod((Integer) key, partitions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModPartitioner m && m.partitions == partitions;
    }

    @Override
    public int hashCode() {
        return partitions;
    }
}
