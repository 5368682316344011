package io.callosum.spark;

import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import io.callosum.nn.optim.OptimizerKind;
import io.callosum.nn.train.Trainer;
import io.callosum.splitbrain.data.SyntheticColorDataset;
import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.config.Preset;
import io.callosum.tensor.Device;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Split-brain pretraining on local[2] (2 × 4 images of 32×32 per step) follows the single-process loss curve on the
 * union batches (8 images). SimpleNet has batch norm, which each worker computes over its own 4 images, so the curves
 * agree to within a few per cent rather than to rounding; the BN running statistics are averaged over the workers.
 */
@EnabledForJreRange(max = JRE.JAVA_22, disabledReason = LocalSpark.JDK_LIMIT)
class SparkPretrainTest {
    static final int STEPS = 6;

    @Test
    void lossCurveOnTwoWorkersMatchesOneProcess() {
        SyntheticColorDataset images = new SyntheticColorDataset(64, 32, 10, 4, false);
        ExperimentConfig config = Preset.PAPER.config().withPretrain(new Budget(OptimizerKind.ADAM, 3e-3, 1.0, 0, 8, 1, STEPS)).withSeed(6);
        ShardedData data = ShardedData.of(LocalSpark.context(), images, 2, 8);
        SparkTrainer spark = SparkPretrain.trainer(LocalSpark.context(), data, config, 4, 1);
        spark.fit();
        data.release();

        SplitBrainReplicas replicas = SplitBrainReplicas.of(config);
        Replica one = replicas.create(Device.CPU);
        ExperimentConfig c = replicas.config(config);
        Trainer single = io.callosum.splitbrain.train.BudgetTraining.trainer("single", c.pretrain(), new Placement(Device.CPU, 0),
                one.model(), io.callosum.splitbrain.train.Optimizers.create(c.pretrain(), one.model().parameters()), one.step()).build();
        single.fit(new UnionBatches(images, new ShardPlan(2, 4, 1, 8)));

        List<Double> a = spark.trainer().stepLosses(), b = single.stepLosses();
        assertEquals(STEPS, a.size());
        assertEquals(STEPS, b.size());
        for (int i = 0; i < STEPS; i++) {
            double rel = Math.abs(a.get(i) - b.get(i)) / b.get(i);
            System.out.printf("step %d: spark %.5f single %.5f (rel %.2e)%n", i, a.get(i), b.get(i), rel);
            assertTrue(rel < 0.05, "step " + i + ": spark loss " + a.get(i) + " vs single-process " + b.get(i));
        }
        assertTrue(a.get(STEPS - 1) < a.get(0), "the loss went down: " + a);
        assertEquals(STEPS, spark.roundStats().size());
    }
}
