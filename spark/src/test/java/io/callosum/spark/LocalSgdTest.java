package io.callosum.spark;

import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import io.callosum.nn.data.Batch;
import io.callosum.nn.optim.SGD;
import io.callosum.nn.train.Trainer;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * With K = 3 local steps and plain SGD on the driver, every round ends with the average of the workers' weights after
 * their own 3 SGD steps from the same start (local SGD / model averaging), computed here by hand on one process.
 */
@EnabledForJreRange(max = JRE.JAVA_22, disabledReason = LocalSpark.JDK_LIMIT)
class LocalSgdTest {
    static final int K = 3, ROUNDS = 3, BATCH = 16;
    static final double LR = 0.4;

    @Test
    void aRoundEndsWithTheAverageOfTheWorkersLocalSgdWeights() {
        RandomImages images = new RandomImages(2 * BATCH * K * ROUNDS, 3, 6, 4, 31);
        ShardedData data = ShardedData.of(LocalSpark.context(), images, 2, 12);
        SparkTrainer spark = SparkTrainer.builder(LocalSpark.context(), data, device -> SyncEquivalenceTest.mlp(3), BATCH).syncEvery(K)
                .trainer((model, step) -> Trainer.builder(model, new SGD(model.parameters(), LR), step))
                .build();
        spark.fit();
        data.release();
        assertEquals(ROUNDS, spark.trainer().globalStep());

        UnionBatches batches = new UnionBatches(images, new ShardPlan(2, BATCH, K, 12));
        float[] start = FlatState.flatten(SyncEquivalenceTest.mlp(3).model().parameters());
        for (int round = 0; round < ROUNDS; round++) {
            float[] mean = new float[start.length];
            for (int w = 0; w < 2; w++) {
                float[] end = localSgd(start, batches, w, round);
                for (int i = 0; i < mean.length; i++) mean[i] += end[i] / 2;
            }
            start = mean;
        }
        float[] sparkParams = FlatState.flatten(spark.model().parameters());
        double diff = SyncEquivalenceTest.maxAbsDiff(start, sparkParams);
        assertTrue(diff < 1e-5, "K=" + K + ": driver vs averaged local SGD, max |Δparameter| = " + diff);
    }

    private static float[] localSgd(float[] start, UnionBatches batches, int w, int round) {
        Replica r = SyncEquivalenceTest.mlp(3);
        FlatState.load(r.model().parameters(), start);
        SGD sgd = new SGD(r.model().parameters(), LR);
        for (int k = 0; k < K; k++) {
            try (Scope s = Scope.open(); Batch b = batches.workerBatch(w, 0, round, k)) {
                sgd.zeroGrad();
                r.step().forward(b.images(), b.labels(), 0).loss().backward();
                sgd.step();
            }
        }
        return FlatState.flatten(r.model().parameters());
    }
}
