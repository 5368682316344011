package io.callosum.spark;

import io.callosum.nn.data.Dataset;
import io.callosum.nn.data.ImageDecoder;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Training examples spread over the workers by a {@link ShardPlan}: one cached Spark partition per replica, keyed
 * and sorted by shuffled position. The cache is Spark's own: an executor that loses it recomputes the partition from
 * its lineage (the files and the seed), to the same examples in the same order.
 */
public final class ShardedData {
    private final JavaPairRDD<Integer, Sample> rdd;
    private final int[] partitionSizes;
    private final int total;
    private final long seed;

    private ShardedData(JavaPairRDD<Integer, Sample> rdd, int[] partitionSizes, long seed) {
        this.rdd = rdd;
        this.seed = seed;
        this.partitionSizes = partitionSizes;
        int t = 0;
        for (int s : partitionSizes) t += s;
        this.total = t;
    }

    /**
     * Named examples sharded over workers partitions: names are sorted, shuffled with seed, and position p goes to
     * partition p mod workers. Names must be unique (they fix the order whatever the input's partitioning).
     */
    public static ShardedData of(JavaSparkContext sc, JavaPairRDD<String, Sample> named, int workers, long seed) {
        named.persist(StorageLevel.MEMORY_AND_DISK()); // read (and decoded) once for the names and once for the shards otherwise
        List<String> names = new ArrayList<>(named.keys().collect());
        Collections.sort(names);
        String problem = names.size() < workers ? names.size() + " examples cannot fill " + workers + " partitions" : null;
        for (int i = 1; i < names.size() && problem == null; i++) {
            if (names.get(i).equals(names.get(i - 1))) problem = "duplicate example name " + names.get(i);
        }
        if (problem != null) {
            named.unpersist(false);
            throw new IllegalArgumentException("ShardedData: " + problem);
        }
        int[] positions = new ShardPlan(workers, 1, 1, seed).positions(names.size());
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < names.size(); i++) position.put(names.get(i), positions[i]);
        Broadcast<Map<String, Integer>> where = sc.broadcast(position);
        JavaPairRDD<Integer, Sample> sharded = named
                .mapToPair(e -> new Tuple2<>(where.value().get(e._1()), e._2()))
                .repartitionAndSortWithinPartitions(new ModPartitioner(workers))
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<Integer> sizes = sharded.mapPartitions(it -> {
            int n = 0;
            for (; it.hasNext(); it.next()) n++;
            return List.of(n).iterator();
        }).collect();
        where.unpersist();
        named.unpersist(false);
        return new ShardedData(sharded, sizes.stream().mapToInt(Integer::intValue).toArray(), seed);
    }

    /**
     * Every image file under path (a Hadoop path or glob on any file system Spark reads: local, HDFS, S3, …), decoded
     * per partition by the image folder's decoder to channels × height × width (resized when resize), unlabelled.
     */
    public static ShardedData imageFiles(JavaSparkContext sc, String path, int channels, int height, int width, boolean resize,
                                         int workers, long seed) {
        JavaPairRDD<String, Sample> named = sc.binaryFiles(path, workers).mapPartitionsToPair(files -> {
            ImageDecoder decoder = new ImageDecoder(channels, height, width, resize, true);
            List<Tuple2<String, Sample>> out = new ArrayList<>();
            while (files.hasNext()) {
                var f = files.next();
                out.add(new Tuple2<>(f._1(), Sample.of(decoder.decode(f._2().toArray(), f._1(), out.size()), -1)));
            }
            return out.iterator();
        });
        return of(sc, named, workers, seed);
    }

    /** An in-memory dataset (decoded on the driver), named by index: for tests and small runs. */
    public static ShardedData of(JavaSparkContext sc, Dataset data, int workers, long seed) {
        List<Tuple2<String, Sample>> named = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) named.add(new Tuple2<>(String.format("%010d", i), Sample.of(data.image(i), data.label(i))));
        return of(sc, sc.parallelizePairs(named, workers), workers, seed);
    }

    JavaPairRDD<Integer, Sample> rdd() {
        return rdd;
    }

    /** The seed of the shuffle and of every epoch's order within the partitions. */
    public long seed() {
        return seed;
    }

    /** How many partitions, one per replica. */
    public int workers() {
        return partitionSizes.length;
    }

    /** How many examples over all partitions. */
    public int size() {
        return total;
    }

    /** How many examples {@code partition} holds. */
    public int partitionSize(int partition) {
        return partitionSizes[partition];
    }

    /** The fewest examples any partition holds, which bounds the rounds in an epoch. */
    public int smallestPartition() {
        int m = Integer.MAX_VALUE;
        for (int s : partitionSizes) m = Math.min(m, s);
        return m;
    }

    /** Frees the cached partitions. */
    public void release() {
        rdd.unpersist(false);
    }
}
