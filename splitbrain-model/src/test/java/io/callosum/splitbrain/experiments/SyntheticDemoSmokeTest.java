package io.callosum.splitbrain.experiments;

import io.callosum.nn.optim.OptimizerKind;
import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.DataConfig;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.ExperimentJson;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.config.ProbeConfig;
import io.callosum.splitbrain.train.TrainListener;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole demo pipeline at a tiny budget: it must run end to end and write every report artefact. */
class SyntheticDemoSmokeTest {
    @Test
    void tinyDemoWritesReport(@TempDir Path dir) throws Exception {
        ExperimentConfig demo = Preset.DEMO.config();
        ExperimentConfig cfg = demo.withPretrain(new Budget(OptimizerKind.ADAM, 1e-3, 0.3, 0, 16, 1, 4)).withData(new DataConfig(64, 40, 40))
                .withEval(demo.eval().withProbe(new ProbeConfig(2, 20, 1e-3, 1e-3, 100)));
        long t0 = System.nanoTime();
        SyntheticDemo.Result r = SyntheticDemo.run(cfg, Placement.CPU, dir, TrainListener.SILENT);
        System.out.printf("tiny demo: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(r.splitBrain().layers().size(), r.random().layers().size());
        for (String f : new String[]{"report.md", "results.json", "colorization.png"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        // results.json carries the experiment in its serialised form, read back exactly
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(cfg, ExperimentJson.fromTree(results.get("experiment")));
        JsonNode auc = results.get("results").get("colorization_auc");
        for (String row : new String[]{"prediction", "grey", "prior"}) {
            for (String k : new String[]{"auc", "rebalanced_auc"}) {
                double v = auc.get(row).get(k).asDouble(Double.NaN);
                assertTrue(v >= 0 && v <= 1, row + " " + k + " = " + v);
            }
        }
        assertEquals(r.colorization().grey().auc(), auc.get("grey").get("auc").asDouble(), 1e-12);
        assertTrue(Files.readString(dir.resolve("report.md")).contains("rebalanced AuC"), "the AuC table is in report.md");
    }
}
