package io.callosum.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** demo at a tiny budget: runs end to end, prints the table and writes the whole report. */
class DemoCommandTest {
    @Test
    void tinyDemoWritesTheReport(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("demo", "--unlabelled", "64", "--train", "40", "--test", "40", "--epochs", "1", "--steps", "4",
                "--batch", "16", "--probe-epochs", "2", "--out", dir.toString());
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("split-brain top-1") && r.out().contains("random init") && r.out().contains("conv4"), r.toString());
        assertTrue(r.out().contains("pretrain epoch 1: mean loss"), "one summary line per epoch:\n" + r);
        assertTrue(r.out().contains("report: " + dir.resolve("report.md")), r.toString());
        assertTrue(Files.readString(dir.resolve("report.md")).contains("| conv1 |"));
        assertTrue(Files.readString(dir.resolve("results.json")).contains("\"beats_random_outside_ci\""));
        assertTrue(Files.readString(dir.resolve("results.json")).contains("\"colorization_auc\""));
        assertTrue(r.out().contains("grey (ab = 0)") && r.out().contains("rebalanced AuC"), "the colorization scores are printed:\n" + r);
        for (String png : new String[]{"colorization.png", "pretrain_loss.png", "probe_accuracy.png"}) {
            assertNotNull(ImageIO.read(dir.resolve(png).toFile()), png + " is a PNG");
        }
    }

    @Test
    void demoRefusesTheRgbSplitBeforeTraining() {
        CliRun r = CliRun.of("demo", "--space", "rgb");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("needs a Lab split"), r.toString());
    }
}
