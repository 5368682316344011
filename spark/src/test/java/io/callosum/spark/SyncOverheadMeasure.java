package io.callosum.spark;

import io.callosum.nn.optim.OptimizerKind;
import io.callosum.nn.train.Callback;
import io.callosum.nn.train.Trainer;
import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.ModelConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.data.SyntheticColorDataset;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.train.BudgetTraining;
import io.callosum.splitbrain.train.Optimizers;
import io.callosum.tensor.Device;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The figures of benchmarks/RESULTS.md's Spark section: split-brain pretraining (Adam) on one process with the union
 * batch of 2 × b images against local[2] with b per worker, for each K the same local steps on the same batches.
 * Per K it prints the single-process time per step and the Spark round's wall time, slowest worker's compute and
 * synchronisation overhead (medians over the rounds), bytes moved per round, and how far the Spark loss curve is from
 * the single-process one (max relative difference per round; for K &gt; 1 against the mean of the K single-process
 * steps on the same batches). A warm-up run of each kind goes first (JIT, Spark's first jobs).
 * Arguments: architecture, image side, batch per worker b, K values (comma-separated), local steps per run (a multiple
 * of every K).
 */
public final class SyncOverheadMeasure {
    private static final long SEED = 3;

    public static void main(String[] args) {
        Architecture arch = Architecture.parse(args[0]);
        int side = Integer.parseInt(args[1]), batch = Integer.parseInt(args[2]), steps = Integer.parseInt(args[4]);
        int[] ks = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
        for (int k : ks) {
            if (steps % k != 0) throw new IllegalArgumentException("SyncOverheadMeasure: " + steps + " local steps is not a multiple of K = " + k);
        }
        SyntheticColorDataset images = new SyntheticColorDataset(2 * batch * steps, side, 10, 4, false);
        ExperimentConfig paper = Preset.PAPER.config();
        ExperimentConfig config = paper.withModel(new ModelConfig(arch, paper.model().colorSpace())).withSeed(1);
        ShardedData data = ShardedData.of(LocalSpark.context(), images, 2, SEED);
        SplitBrainReplicas replicas = SplitBrainReplicas.of(config);

        singleProcess(replicas, config, images, new ShardPlan(2, batch, 1, SEED), 8); // warm-up
        spark(data, config, batch, 1, 6);
        System.out.printf(Locale.ROOT, "%s, %d×%d, %d parameters, b = %d per worker, %d local steps per run (medians)%n",
                arch.label(), side, side, replicas.create(Device.CPU).model().parameterCount(), batch, steps);
        for (int k : ks) {
            Run one = singleProcess(replicas, config, images, new ShardPlan(2, batch, k, SEED), steps);
            SparkTrainer t = spark(data, config, batch, k, steps / k);
            List<RoundStats> rounds = t.roundStats();
            double wall = median(rounds.stream().mapToDouble(r -> r.wallNanos() / 1e6).toArray());
            double compute = median(rounds.stream().mapToDouble(r -> r.maxComputeNanos() / 1e6).toArray());
            double[] overheads = rounds.stream().mapToDouble(RoundStats::overheadMillis).sorted().toArray();
            double overhead = median(overheads);
            double singleMs = median(one.stepMillis);
            System.out.printf(Locale.ROOT, "K=%d: one process (batch %d) %.0f ms/step | local[2] %.0f ms/round = %.0f ms per local step "
                            + "(speed-up %.2f×), slowest worker %.0f ms, sync overhead %.0f ms/round (%.0f–%.0f) | %.2f MB broadcast + %.2f MB reduced "
                            + "per round | loss max rel. diff %.2e over %d rounds%n",
                    k, 2 * batch, singleMs, wall, wall / k, singleMs / (wall / k), compute, overhead, overheads[0], overheads[overheads.length - 1],
                    rounds.get(0).bytesBroadcast() / 1e6, rounds.get(0).bytesAggregated() / 1e6,
                    maxRelativeDifference(t.trainer().stepLosses(), one.losses, k), rounds.size());
        }
        data.release();
        LocalSpark.context().stop();
    }

    private record Run(double[] stepMillis, List<Double> losses) {
    }

    private static Run singleProcess(SplitBrainReplicas replicas, ExperimentConfig config, SyntheticColorDataset images, ShardPlan plan,
                                     int steps) {
        Replica one = replicas.create(Device.CPU);
        ExperimentConfig c = replicas.config(config.withPretrain(budget(plan.batchPerWorker() * 2, steps)));
        Trainer single = BudgetTraining.trainer("single", c.pretrain(), new Placement(Device.CPU, 0), one.model(),
                Optimizers.create(c.pretrain(), one.model().parameters()), one.step()).build();
        double[] millis = new double[steps];
        long[] last = {System.nanoTime()};
        single.fit(new UnionBatches(images, plan), new Callback() {
            @Override
            public void onStepEnd(Trainer t, StepEnd s) {
                long now = System.nanoTime();
                millis[(int) s.globalStep() - 1] = (now - last[0]) / 1e6;
                last[0] = now;
            }
        });
        one.model().close();
        return new Run(millis, new ArrayList<>(single.stepLosses()));
    }

    private static SparkTrainer spark(ShardedData data, ExperimentConfig config, int batch, int k, int rounds) {
        SparkTrainer t = SparkPretrain.trainer(LocalSpark.context(), data, config.withPretrain(budget(2 * batch, rounds)), batch, k);
        t.fit();
        return t;
    }

    private static Budget budget(int batch, int steps) {
        return new Budget(OptimizerKind.ADAM, 1e-3, 1.0, 0, batch, 1, steps);
    }

    /** Per round r: |spark[r] − mean(single[rK … rK+K−1])| / that mean, the largest. */
    static double maxRelativeDifference(List<Double> spark, List<Double> single, int k) {
        double worst = 0;
        for (int r = 0; r < spark.size(); r++) {
            double mean = 0;
            for (int i = 0; i < k; i++) mean += single.get(r * k + i) / k;
            worst = Math.max(worst, Math.abs(spark.get(r) - mean) / mean);
        }
        return worst;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
