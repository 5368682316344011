package io.callosum.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callosum.nn.io.SafeTensors;
import io.callosum.splitbrain.config.CheckpointConfig;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a checkpoint brings back is checked: a resume reads the same images as the run it continues, a finished run
 * whose report was lost gets it back, and a checkpoint with NaN weights is refused naming the tensor.
 */
class PretrainResumeChecksTest {
    @Test
    void resumeChecksTheDataRecoversALostReportAndRefusesNaNWeights(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRun first = CliRun.of("pretrain", "--unlabelled", "16", "--batch", "8", "--steps", "1", "--epochs", "1", "--workers", "0",
                "--out", out.toString());
        assertEquals(0, first.status(), first.toString());
        Path last = out.resolve("last.safetensors");
        String stored = CheckpointConfig.readExtra(last, DataIdentity.KEY).orElseThrow();
        assertEquals(new DataIdentity("synthetic", "", 0, 16, 1000, 1000, 0, ""), DataIdentity.fromJson(stored));

        // other images than the run's: refused, saying what differs
        CliRun more = CliRun.of("pretrain", "--resume", last.toString(), "--epochs", "2", "--unlabelled", "24", "--out", out.toString());
        assertEquals(2, more.status(), more.toString());
        assertTrue(more.err().contains("this run reads other images than the run it continues (--unlabelled: it was 16 images, now 24)"), more.toString());
        Path pictures = dir.resolve("pictures");
        for (int i = 0; i < 4; i++) {
            TestImages.writePng(TestImages.picture(32, 32, i), pictures.resolve("a/" + i + ".png"));
            TestImages.writePng(TestImages.picture(32, 32, 9 + i), pictures.resolve("b/" + i + ".png"));
        }
        CliRun folder = CliRun.of("pretrain", "--resume", last.toString(), "--epochs", "2", "--data", pictures.toString(),
                "--image-size", "32", "--out", out.toString());
        assertEquals(2, folder.status(), folder.toString());
        assertTrue(folder.err().contains("the data: it was synthetic, now image-folder " + pictures.toAbsolutePath()), folder.toString());

        // killed between the last checkpoint and the report: --resume writes the report instead of refusing
        JsonNode before = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        Files.delete(out.resolve("report.md"));
        Files.delete(out.resolve("results.json"));
        CliRun report = CliRun.of("pretrain", "--resume", last.toString(), "--out", out.toString(), "--workers", "0");
        assertEquals(0, report.status(), report.toString());
        assertTrue(report.out().contains("the run finished its 1 epoch(s) but its report is missing"), report.toString());
        assertFalse(report.out().contains("pretrain epoch"), "nothing was trained again:\n" + report);
        JsonNode after = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(before.get("results").get("step_losses"), after.get("results").get("step_losses"));
        assertTrue(Files.isRegularFile(out.resolve("report.md")));
        CliRun done = CliRun.of("pretrain", "--resume", last.toString(), "--out", out.toString());
        assertEquals(2, done.status(), done.toString());
        assertTrue(done.err().contains("has finished its 1 epoch(s)"), done.toString());

        // a diverged checkpoint: colorize names the tensor in one line, exit 2
        Path nan = withNaN(last, dir.resolve("nan.safetensors"));
        Path picture = TestImages.writePng(TestImages.picture(32, 32, 1), dir.resolve("p.png"));
        CliRun col = CliRun.of("colorize", picture.toString(), "--checkpoint", nan.toString(), "--out", dir.resolve("col").toString());
        assertEquals(2, col.status(), col.toString());
        assertEquals(1, col.errLines(), col.toString());
        assertTrue(col.err().contains(nan + ": tensor '") && col.err().contains("holds NaN at flat index 3"), col.toString());
        assertFalse(Files.exists(dir.resolve("col/p-colorized.png")));
    }

    /** A copy of checkpoint whose first weight tensor holds NaN at flat index 3. */
    private static Path withNaN(Path checkpoint, Path copy) throws Exception {
        try (Scope s = Scope.open()) {
            SafeTensors.Contents c = SafeTensors.read(checkpoint);
            Map<String, Tensor> tensors = new LinkedHashMap<>(c.tensors());
            String name = tensors.keySet().stream().filter(k -> k.startsWith("model.") && k.endsWith(".weight")).findFirst().orElseThrow();
            float[] v = tensors.get(name).toFloatArray();
            v[3] = Float.NaN;
            tensors.put(name, Tensor.of(v, tensors.get(name).shape()));
            SafeTensors.write(copy, tensors, c.metadata());
        }
        return copy;
    }
}
