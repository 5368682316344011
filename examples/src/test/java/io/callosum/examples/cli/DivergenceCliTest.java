package io.callosum.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A loss that explodes stops training with the step and a hint, exit 1, and leaves the last checkpoint written before it. */
class DivergenceCliTest {
    private static final Pattern WHERE = Pattern.compile("training diverged at epoch (\\d+) step (\\d+) \\(global step \\d+\\): the loss is ");

    private static int divergedEpoch(CliRun r) {
        assertEquals(1, r.status(), r.toString());
        // the error stream also holds the progress bars; the error itself is one line
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("callosum pretrain: ")).count(), r.toString());
        Matcher m = WHERE.matcher(r.err());
        assertTrue(m.find(), r.toString());
        assertTrue(r.err().contains("lower --lr"), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
        return Integer.parseInt(m.group(1));
    }

    @Test
    void aHugeLearningRateStopsAtTheStepItExplodesWithoutACheckpoint(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRun r = CliRun.of("pretrain", "--unlabelled", "16", "--batch", "8", "--steps", "2", "--epochs", "1", "--lr", "1e9",
                "--workers", "0", "--out", out.toString());
        assertEquals(1, divergedEpoch(r));
        assertFalse(Files.exists(out.resolve("last.safetensors")), "no checkpoint of the diverged weights");
        assertFalse(Files.exists(out.resolve("report.md")));
    }

    @Test
    void aRateThatGrowsUntilTheLossExplodesKeepsTheLastCheckpointBeforeIt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        // SGD at lr 10, ×10 per epoch, one step an epoch: the loss explodes within a few epochs
        CliRun r = CliRun.of("pretrain", "--unlabelled", "16", "--batch", "8", "--steps", "1", "--epochs", "5", "--optimizer", "sgd",
                "--lr", "10", "--lr-decay", "10", "--workers", "0", "--out", out.toString());
        int epoch = divergedEpoch(r);
        assertTrue(epoch >= 2 && epoch <= 5, r.toString());
        Path kept = out.resolve("epoch-" + (epoch - 1) + ".safetensors");
        assertTrue(Files.isRegularFile(kept), r.toString());
        assertFalse(Files.exists(out.resolve("epoch-" + epoch + ".safetensors")), r.toString());
        assertArrayEquals(Files.readAllBytes(kept), Files.readAllBytes(out.resolve("last.safetensors")),
                "last.safetensors is the epoch before the explosion");
    }
}
