package io.callosum.examples.cli;

import io.callosum.splitbrain.config.CheckpointConfig;
import io.callosum.splitbrain.config.DataConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A checkpoint records the image counts it was trained on, and --resume takes them when none are given again. */
class PretrainResumeSizesTest {
    @Test
    void resumeUsesTheFirstRunsImageCounts(@TempDir Path dir) throws Exception {
        CliRun first = CliRun.of("pretrain", "--unlabelled", "24", "--train", "8", "--test", "8", "--batch", "8", "--steps", "1",
                "--epochs", "1", "--workers", "0", "--out", dir.toString());
        assertEquals(0, first.status(), first.toString());
        Path last = dir.resolve("last.safetensors");
        assertEquals(new DataConfig(24, 8, 8), CheckpointConfig.read(last).data());

        CliRun resumed = CliRun.of("pretrain", "--resume", last.toString(), "--epochs", "2", "--workers", "0", "--out", dir.toString());
        assertEquals(0, resumed.status(), resumed.toString());
        assertTrue(resumed.out().contains("on 24 images"), resumed.toString());
        assertEquals(2, CheckpointConfig.read(last).pretrain().epochs());
        assertEquals(new DataConfig(24, 8, 8), CheckpointConfig.read(last).data());
    }
}
