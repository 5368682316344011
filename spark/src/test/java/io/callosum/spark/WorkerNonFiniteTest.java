package io.callosum.spark;

import io.callosum.nn.optim.SGD;
import io.callosum.nn.train.NonFinitePolicy;
import io.callosum.nn.train.TrainStep;
import io.callosum.nn.train.Trainer;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A worker whose local step yields a non-finite loss hands the decision to the driver's Trainer: under SKIP the round
 * is dropped (the weights do not move), under STOP the run ends naming the round, as on one process.
 */
@EnabledForJreRange(max = JRE.JAVA_22, disabledReason = LocalSpark.JDK_LIMIT)
class WorkerNonFiniteTest {
    static final int K = 2, ROUNDS = 3, BATCH = 8;
    static ShardedData data;

    @BeforeAll
    static void shard() {
        data = ShardedData.of(LocalSpark.context(), new RandomImages(2 * BATCH * K * ROUNDS, 3, 6, 4, 5), 2, 4);
    }

    @AfterAll
    static void release() {
        data.release();
    }

    /** The MLP whose second local step of round 1 (global local step K + 1) returns NaN on partition 0. */
    static ReplicaFactory nanInRoundOne() {
        return device -> {
            Replica r = SyncEquivalenceTest.mlp(3);
            TrainStep step = (x, y, s) -> {
                TrainStep.Output out = r.step().forward(x, y, s);
                boolean poisoned = s == K + 1L && org.apache.spark.TaskContext.getPartitionId() == 0;
                return poisoned ? new TrainStep.Output(out.loss().mul(Float.NaN), null) : out;
            };
            return new Replica(r.model(), step);
        };
    }

    static SparkTrainer trainer(ReplicaFactory factory, NonFinitePolicy policy) {
        return SparkTrainer.builder(LocalSpark.context(), data, factory, BATCH).syncEvery(K)
                .trainer((model, step) -> Trainer.builder(model, new SGD(model.parameters(), 0.1), step).onNonFinite(policy))
                .build();
    }

    @Test
    void skipDropsTheRoundWithTheNonFiniteLocalStep() {
        SparkTrainer t = trainer(nanInRoundOne(), NonFinitePolicy.SKIP);
        t.fit();
        assertEquals(ROUNDS, t.trainer().globalStep());
        assertEquals(1, t.trainer().skippedSteps());
        assertEquals(ROUNDS - 1, t.trainer().stepLosses().size());
        for (float v : FlatState.flatten(t.model().parameters())) assertTrue(Float.isFinite(v), "finite parameters");
    }

    @Test
    void stopEndsTheRunAtThatRoundWithTheWeightsOfTheRoundBefore() {
        SparkTrainer clean = trainer(device -> SyncEquivalenceTest.mlp(3), NonFinitePolicy.STOP);
        Trainer one = clean.trainer();
        SparkTrainer t = trainer(nanInRoundOne(), NonFinitePolicy.STOP);
        ArithmeticException e = assertThrows(ArithmeticException.class, t::fit);
        assertTrue(e.getMessage().contains("global step 1"), e.getMessage());
        assertEquals(1, t.trainer().stepLosses().size());
        clean.fit(new io.callosum.nn.train.Callback() {
            @Override
            public void onStepEnd(Trainer tr, StepEnd s) {
                tr.requestStop();
            }
        });
        assertEquals(1, one.globalStep());
        assertArrayEquals(FlatState.flatten(clean.model().parameters()), FlatState.flatten(t.model().parameters()));
    }
}
