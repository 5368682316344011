package io.callosum.spark;

import io.callosum.nn.optim.OptimizerKind;
import io.callosum.nn.train.Trainer;
import io.callosum.splitbrain.data.SyntheticColorDataset;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.train.BudgetTraining;
import io.callosum.splitbrain.train.Optimizers;
import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.ModelConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.config.Preset;
import io.callosum.tensor.Device;

import java.util.List;
import java.util.Locale;

/**
 * Times split-brain pretraining steps on one process and on local[2] (rounds of K local steps), and the
 * synchronisation overhead of each round: the numbers of benchmarks/RESULTS.md's Spark section.
 * Arguments: architecture, image side, batch per worker, K values (comma-separated), timed rounds.
 */
public final class SyncOverheadMeasure {
    public static void main(String[] args) {
        Architecture arch = Architecture.parse(args[0]);
        int side = Integer.parseInt(args[1]), batch = Integer.parseInt(args[2]), rounds = Integer.parseInt(args[4]);
        int maxK = 1;
        for (String k : args[3].split(",")) maxK = Math.max(maxK, Integer.parseInt(k));
        SyntheticColorDataset images = new SyntheticColorDataset(2 * batch * maxK * (rounds + 1), side, 10, 4, false);
        ExperimentConfig paper = Preset.PAPER.config();
        ExperimentConfig config = paper.withModel(new ModelConfig(arch, paper.model().colorSpace()))
                .withPretrain(new Budget(OptimizerKind.ADAM, 1e-3, 1.0, 0, 2 * batch, 1, 0)).withSeed(1);
        ShardedData data = ShardedData.of(LocalSpark.context(), images, 2, 3);

        SplitBrainReplicas replicas = SplitBrainReplicas.of(config);
        ExperimentConfig c = replicas.config(config);
        singleProcess(replicas, c, images, batch, rounds); // warms the JIT up
        singleProcess(replicas, c, images, batch, rounds);
        for (String ks : args[3].split(",")) sparkRounds(data, config, arch, batch, Integer.parseInt(ks), rounds);
        data.release();
        LocalSpark.context().stop();
    }

    private static void singleProcess(SplitBrainReplicas replicas, ExperimentConfig c, SyntheticColorDataset images, int batch, int rounds) {
        Replica one = replicas.create(Device.CPU);
        Trainer single = BudgetTraining.trainer("single", c.pretrain(), new Placement(Device.CPU, 0), one.model(),
                Optimizers.create(c.pretrain(), one.model().parameters()), one.step()).stepsPerEpoch(rounds + 1).build();
        long[] stepEnds = new long[rounds + 2];
        stepEnds[0] = System.nanoTime();
        single.fit(new UnionBatches(images, new ShardPlan(2, batch, 1, 3)), new io.callosum.nn.train.Callback() {
            @Override
            public void onStepEnd(Trainer t, StepEnd s) {
                stepEnds[(int) s.globalStep()] = System.nanoTime();
            }
        });
        double singleMs = (stepEnds[rounds + 1] - stepEnds[1]) / 1e6 / rounds;
        System.out.printf(Locale.ROOT, "%s %dx%d, %d parameters: one process, batch %d: %.0f ms/step%n",
                c.model().architecture().label(), images.image(0).height(), images.image(0).width(), one.model().parameterCount(), 2 * batch, singleMs);
    }

    private static void sparkRounds(ShardedData data, ExperimentConfig config, Architecture arch, int batch, int k, int rounds) {
        {
            SparkTrainer t = SparkPretrain.trainer(LocalSpark.context(), data, config.withPretrain(new Budget(OptimizerKind.ADAM, 1e-3, 1.0, 0, 2 * batch, 1, rounds + 1)), batch, k);
            t.fit();
            List<RoundStats> timed = t.roundStats().subList(1, rounds + 1);
            double wall = timed.stream().mapToLong(RoundStats::wallNanos).average().orElseThrow() / 1e6;
            double compute = timed.stream().mapToLong(RoundStats::maxComputeNanos).average().orElseThrow() / 1e6;
            double overhead = timed.stream().mapToDouble(RoundStats::overheadMillis).average().orElseThrow();
            RoundStats s = timed.get(0);
            System.out.printf(Locale.ROOT, "  local[2], %d/worker, K=%d: %.0f ms/round (%.0f ms per local step), slowest worker %.0f ms, "
                            + "overhead %.0f ms/round, %.1f MB broadcast + %.1f MB aggregated per round%n",
                    batch, k, wall, wall / k, compute, overhead, s.bytesBroadcast() / 1e6, s.bytesAggregated() / 1e6);
        }
    }
}
