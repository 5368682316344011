package io.callosum.spark;

import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import io.callosum.nn.optim.SGD;
import io.callosum.nn.train.Callback;
import io.callosum.nn.train.TrainStep;
import io.callosum.nn.train.Trainer;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A task that dies mid-round (after its first local step has already moved its replica's weights) is retried by Spark
 * (local[2,3] allows 3 attempts) and the run ends with the same parameters, bit for bit, as one without the failure;
 * a run resumed from a mid-epoch checkpoint ends there too.
 */
@EnabledForJreRange(max = JRE.JAVA_22, disabledReason = LocalSpark.JDK_LIMIT)
class FaultToleranceTest {
    static final RandomImages DATA = new RandomImages(256, 3, 6, 4, 23);
    static final int K = 2, ROUNDS = 3;
    static ShardedData data;

    @BeforeAll
    static void shard() {
        data = ShardedData.of(LocalSpark.context(), DATA, 2, 9);
    }

    @AfterAll
    static void release() {
        data.release();
    }

    /** Partition 1's task throws at local step 1 of round 1, once: the marker file records that it did. */
    static ReplicaFactory failingOnce(String marker) {
        return device -> {
            Replica r = SyncEquivalenceTest.mlp(3);
            TrainStep step = (x, y, s) -> {
                if (s == K + 1L && TaskContext.getPartitionId() == 1 && firstTime(marker)) {
                    throw new IllegalStateException("injected failure of partition 1 at local step " + s);
                }
                return r.step().forward(x, y, s);
            };
            return new Replica(r.model(), step);
        };
    }

    static boolean firstTime(String marker) {
        try {
            Files.createFile(Path.of(marker));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SparkTrainer trainer(ReplicaFactory factory, int epochs) {
        return SparkTrainer.builder(LocalSpark.context(), data, factory, 16).syncEvery(K)
                .trainer((model, step) -> Trainer.builder(model, SGD.builder(model.parameters()).lr(0.3).momentum(0.9).build(), step)
                        .epochs(epochs).stepsPerEpoch(ROUNDS))
                .build();
    }

    @Test
    void aRetriedTaskLeavesTheParametersAsWithoutTheFailure(@TempDir Path dir) {
        SparkTrainer clean = trainer(device -> SyncEquivalenceTest.mlp(3), 1);
        clean.fit();
        Path marker = dir.resolve("failed-once");
        SparkTrainer failing = trainer(failingOnce(marker.toString()), 1);
        failing.fit();
        assertTrue(Files.exists(marker), "the injected failure happened");
        assertEquals(ROUNDS, failing.trainer().globalStep());
        assertArrayEquals(FlatState.flatten(clean.model().parameters()), FlatState.flatten(failing.model().parameters()));
        assertEquals(clean.trainer().stepLosses(), failing.trainer().stepLosses());
    }

    @Test
    void resumingFromAMidEpochCheckpointEndsWithTheUninterruptedWeights(@TempDir Path dir) throws IOException {
        SparkTrainer whole = trainer(device -> SyncEquivalenceTest.mlp(3), 2);
        whole.fit();
        Path ckpt = dir.resolve("spark.safetensors");
        SparkTrainer killed = trainer(device -> SyncEquivalenceTest.mlp(3), 2);
        killed.fit(new Callback() {
            @Override
            public void onStepEnd(Trainer t, StepEnd s) {
                if (s.globalStep() == ROUNDS + 1) {
                    try {
                        t.saveCheckpoint(ckpt);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    t.requestStop();
                }
            }
        });
        assertEquals(ROUNDS + 1, killed.trainer().globalStep());
        SparkTrainer resumed = trainer(device -> SyncEquivalenceTest.mlp(3), 2);
        resumed.trainer().resume(ckpt);
        resumed.fit();
        assertEquals(2L * ROUNDS, resumed.trainer().globalStep());
        assertArrayEquals(FlatState.flatten(whole.model().parameters()), FlatState.flatten(resumed.model().parameters()));
    }
}
