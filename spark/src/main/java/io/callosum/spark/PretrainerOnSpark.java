package io.callosum.spark;

import io.callosum.nn.data.Dataset;
import io.callosum.nn.train.Callback;
import io.callosum.nn.train.Trainer;
import io.callosum.splitbrain.train.Pretrainer;
import io.callosum.splitbrain.train.TrainListener;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a {@link Pretrainer}'s remaining epochs data-parallel on Spark, for the command line's {@code pretrain --spark}.
 * The Spark driver starts from the Pretrainer's state (fresh or resumed) and hands its state back after every epoch
 * (through a checkpoint file, the one format both read), so the Pretrainer's own checkpoints, loss history and report
 * are those of the Spark run. The signature names no Spark type: the command line reaches it by reflection and runs
 * without Spark on its class path otherwise.
 */
public final class PretrainerOnSpark {
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?]");

    private PretrainerOnSpark() {
    }

    /**
     * Trains p on data with workers replicas (Spark partitions; 0 = the N of local[N], else 2), each on batch / workers
     * examples per local step, K = syncEvery local steps per round; log gets one line saying so; afterEpoch runs once p
     * holds each epoch's result.
     * A SparkContext already running in this JVM is used (and left running); otherwise one is started for master.
     */
    public static void train(Pretrainer p, Dataset data, String master, int workers, int syncEvery, TrainListener listener,
                             Runnable afterEpoch, Consumer<String> log) throws IOException {
        int w = workers > 0 ? workers : defaultWorkers(master);
        int batch = p.config().pretrain().batchSize();
        if (batch % w != 0) {
            throw new IllegalArgumentException("pretrain --spark: the batch of " + batch + " images does not split evenly over " + w
                    + " workers; pass a --batch that is a multiple of " + w);
        }
        long before = System.currentTimeMillis();
        SparkContext context = SparkContext.getOrCreate(conf(master));
        boolean ownContext = context.startTime() >= before; // started here, so stopped here (Spark has no public "is one active")
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(context);
        Path handOver = Files.createTempFile("callosum-spark-pretrain", ".safetensors");
        ShardedData shards = null;
        try {
            shards = ShardedData.of(sc, data, w, p.config().seed());
            SparkTrainer t = SparkPretrain.trainer(sc, shards, p.config(), batch / w, syncEvery);
            int rounds = t.plan().roundsPerEpoch(shards.smallestPartition()), cap = p.config().pretrain().stepsPerEpoch();
            String where = ownContext ? "Spark " + master : "the SparkContext running in this JVM (" + sc.master() + ")";
            log.accept(String.format(Locale.ROOT, "on %s: %d workers × %d images per local step, %d local step(s) per round, "
                    + "%d rounds per epoch", where, w, batch / w, syncEvery, cap > 0 ? Math.min(cap, rounds) : rounds));
            p.saveCheckpoint(handOver);
            t.trainer().resume(handOver);
            t.fit(listener, new Callback() {
                @Override
                public void onEpochEnd(Trainer trainer, EpochEnd e) {
                    try {
                        trainer.saveCheckpoint(handOver);
                        p.resume(handOver);
                    } catch (IOException ex) {
                        throw new UncheckedIOException("pretrain --spark: handing epoch " + (e.epoch() + 1) + " back: " + ex.getMessage(), ex);
                    }
                    afterEpoch.run();
                }
            });
        } finally {
            if (shards != null) shards.release();
            Files.deleteIfExists(handOver);
            if (ownContext) sc.stop();
        }
    }

    /** N for local[N] or local[N,retries], the cores for local[*], 1 for local, 2 for a cluster. */
    static int defaultWorkers(String master) {
        Matcher m = LOCAL.matcher(master);
        if (m.matches()) return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
        return master.equals("local") ? 1 : 2;
    }

    private static SparkConf conf(String master) {
        SparkConf conf = new SparkConf().setMaster(master).setAppName("callosum pretrain").setIfMissing("spark.ui.enabled", "false")
                .setIfMissing("spark.log.level", "WARN"); // the command line's progress, not Spark's INFO lines, on the terminal
        if (master.startsWith("local")) { // one machine: no need to resolve its name to an interface
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return conf;
    }
}
