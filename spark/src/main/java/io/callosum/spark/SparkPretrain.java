package io.callosum.spark;

import io.callosum.nn.optim.OptimizerKind;
import io.callosum.nn.train.CheckpointCallback;
import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.CheckpointConfig;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.ModelConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.train.BudgetTraining;
import io.callosum.splitbrain.train.Optimizers;
import io.callosum.tensor.Device;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Split-brain pretraining on Spark, for spark-submit:
 *
 * <pre>
 * spark-submit --class io.callosum.spark.SparkPretrain --driver-java-options "--add-modules jdk.incubator.vector" \
 *     callosum-spark.jar --data hdfs:///images/*.jpg --out /runs/sb --workers 8 --batch-per-worker 32 --epochs 2
 * </pre>
 *
 * The driver writes {@code <out>/pretrain.safetensors} atomically after every epoch and every
 * {@code --checkpoint-every} rounds, and resumes from it when it exists (same settings, same final weights).
 */
public final class SparkPretrain {
    private SparkPretrain() {
    }

    /**
     * A SparkTrainer for split-brain pretraining with the configuration's optimizer, lr decay per epoch, epochs and
     * steps per epoch (the configuration's batch size is ignored: the cluster's batch is workers × batchPerWorker).
     */
    public static SparkTrainer trainer(JavaSparkContext sc, ShardedData data, ExperimentConfig config, int batchPerWorker,
                                       int syncEvery) {
        SplitBrainReplicas replicas = SplitBrainReplicas.of(config);
        ExperimentConfig driver = replicas.config(config);
        return SparkTrainer.builder(sc, data, replicas, batchPerWorker).syncEvery(syncEvery)
                .trainer((model, step) -> BudgetTraining.trainer("spark-pretrain", driver.pretrain(), new Placement(Device.CPU, 0),
                                model, Optimizers.create(driver.pretrain(), model.parameters()), step)
                        .checkpointMetadata(() -> metadata(driver, data.workers(), batchPerWorker, syncEvery)))
                .build();
    }

    private static Map<String, String> metadata(ExperimentConfig config, int workers, int batchPerWorker, int syncEvery) {
        Map<String, String> m = new LinkedHashMap<>(CheckpointConfig.extra(config));
        m.put("spark.workers", Integer.toString(workers));
        m.put("spark.batchPerWorker", Integer.toString(batchPerWorker));
        m.put("spark.syncEvery", Integer.toString(syncEvery));
        return m;
    }

    /** Runs the pretraining with the {@code --name value} options of the class comment; --data and --out are required. */
    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        String data = require(a, "data");
        Path out = Path.of(require(a, "out"));
        int workers = Integer.parseInt(a.getOrDefault("workers", "2"));
        int size = Integer.parseInt(a.getOrDefault("size", "96"));
        int batch = Integer.parseInt(a.getOrDefault("batch-per-worker", "32"));
        int syncEvery = Integer.parseInt(a.getOrDefault("sync-every", "1"));
        long checkpointEvery = Long.parseLong(a.getOrDefault("checkpoint-every", "0"));
        ExperimentConfig paper = Preset.PAPER.config();
        ExperimentConfig config = paper
                .withModel(new ModelConfig(Architecture.parse(a.getOrDefault("arch", "simplenet")), paper.model().colorSpace()))
                .withPretrain(new Budget(OptimizerKind.parse(a.getOrDefault("optimizer", "adam")), Double.parseDouble(a.getOrDefault("lr", "1e-4")),
                        Double.parseDouble(a.getOrDefault("decay", "0.1")), 0, batch * workers,
                        Integer.parseInt(a.getOrDefault("epochs", "1")), Integer.parseInt(a.getOrDefault("steps-per-epoch", "0"))))
                .withSeed(Long.parseLong(a.getOrDefault("seed", "0")));
        SparkConf conf = new SparkConf().setAppName("callosum split-brain pretraining").setIfMissing("spark.master", "local[" + workers + "]");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            ShardedData shards = ShardedData.imageFiles(sc, data, 3, size, size, true, workers, config.seed());
            SparkTrainer t = trainer(sc, shards, config, batch, syncEvery);
            Files.createDirectories(out);
            Path ckpt = out.resolve("pretrain.safetensors");
            if (Files.exists(ckpt)) {
                t.trainer().resume(ckpt);
                System.out.printf(Locale.ROOT, "resumed from %s at step %d%n", ckpt, t.trainer().globalStep());
            }
            List<CheckpointCallback> saves = checkpointEvery > 0
                    ? List.of(CheckpointCallback.everyEpoch(ckpt), CheckpointCallback.everySteps(ckpt, checkpointEvery))
                    : List.of(CheckpointCallback.everyEpoch(ckpt));
            t.fit(saves.toArray(new CheckpointCallback[0]));
            List<Double> losses = t.trainer().epochLosses();
            System.out.printf(Locale.ROOT, "%d images on %d workers, %d steps; epoch losses %s; checkpoint %s%n",
                    shards.size(), workers, t.trainer().globalStep(), losses, ckpt);
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("SparkPretrain: expected --name value pairs, got '" + args[i] + "'");
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }

    private static String require(Map<String, String> a, String key) {
        String v = a.get(key);
        if (v == null) throw new IllegalArgumentException("SparkPretrain: --" + key + " is required");
        return v;
    }
}
