package io.callosum.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callosum.splitbrain.config.CheckpointConfig;
import io.callosum.splitbrain.config.DataConfig;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.ExperimentJson;
import io.callosum.splitbrain.config.FewShotConfig;
import io.callosum.splitbrain.config.ProbeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * probe and fewshot on a checkpoint: both compare it with its random-init twin, and record the checkpoint's experiment
 * with the evaluation's seed, settings and image counts.
 */
class EvaluationCommandsTest {
    private static ExperimentConfig written(Path dir) throws Exception {
        return ExperimentJson.fromTree(new ObjectMapper().readTree(dir.resolve("results.json").toFile()).get("experiment"));
    }

    @Test
    void probeAndFewShotRecordTheCheckpointsExperimentWithTheirOwnSettings(@TempDir Path dir) throws Exception {
        CliRun pre = CliRun.of("pretrain", "--unlabelled", "16", "--batch", "8", "--steps", "1", "--epochs", "1", "--rebalance",
                "--workers", "0", "--out", dir.resolve("pre").toString());
        assertEquals(0, pre.status(), pre.toString());
        Path ckpt = dir.resolve("pre/last.safetensors");
        ExperimentConfig trained = CheckpointConfig.read(ckpt);
        String[] data = {"--checkpoint", ckpt.toString(), "--train", "20", "--test", "10", "--probe-epochs", "2", "--seed", "7", "--workers", "0"};

        CliRun probe = CliRun.of(PretrainWorkflowTest.concat(new String[]{"probe", "--out", dir.resolve("probe").toString()}, data));
        assertEquals(0, probe.status(), probe.toString());
        assertTrue(probe.out().contains("split-brain: best layer") && probe.out().contains("random init: best layer"), probe.toString());
        ProbeConfig p = trained.eval().probe();
        assertEquals(trained.withSeed(7).withData(new DataConfig(16, 20, 10))
                .withEval(trained.eval().withProbe(new ProbeConfig(2, p.batchSize(), p.lr(), p.weightDecay(), p.extractBatch()))),
                written(dir.resolve("probe")));

        CliRun fewShot = CliRun.of(PretrainWorkflowTest.concat(new String[]{"fewshot", "--out", dir.resolve("fs").toString(),
                "--shots", "1,2", "--seeds", "2"}, data));
        assertEquals(0, fewShot.status(), fewShot.toString());
        assertTrue(fewShot.out().contains("split-brain ") && fewShot.out().contains("random init "), fewShot.toString());
        assertEquals(trained.withSeed(7).withData(new DataConfig(16, 20, 10))
                .withEval(trained.eval().withProbe(new ProbeConfig(2, p.batchSize(), p.lr(), p.weightDecay(), p.extractBatch()))
                        .withFewShot(new FewShotConfig(List.of(1, 2), 2))),
                written(dir.resolve("fs")));
    }
}
