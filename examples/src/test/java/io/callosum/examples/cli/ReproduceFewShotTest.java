package io.callosum.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** reproduce fewshot on the colour set at a tiny budget: split-brain and its three baselines, top-1 and top-5 per k. */
class ReproduceFewShotTest {
    private static final int SEEDS = 3;

    @Test
    void tinyColourFewShotHasEveryRowAndOnlyAccuracies(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("reproduce", "fewshot", "--data", "synthetic", "--budget", "tiny", "--archs", "simplenet",
                "--unlabelled", "32", "--train", "100", "--test", "40", "--steps", "2", "--batch", "16", "--shots", "1,2",
                "--seeds", Integer.toString(SEEDS), "--probe-epochs", "2", "--workers", "0", "--out", dir.toString());
        assertEquals(0, r.status(), r.toString());
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        JsonNode table = results.get("tables").get("fewshot");
        assertEquals("[\"method\",\"layer\",\"metric\",\"1-shot\",\"2-shot\"]", table.get("header").toString());
        List<String> methods = new ArrayList<>();
        for (JsonNode row : table.get("rows")) methods.add(row.get(0).asText() + " " + row.get(2).asText());
        assertEquals(List.of("split-brain (simplenet, lab) top-1", "split-brain (simplenet, lab) top-5", "random init top-1", "random init top-5",
                "rotation top-1", "rotation top-5", "DAE (salt-and-pepper 5 %) top-1", "DAE (salt-and-pepper 5 %) top-5"), methods);
        JsonNode perMethod = results.get("results").get("methods");
        assertEquals(4, perMethod.size());
        for (JsonNode m : perMethod) {
            assertEquals(2, m.get("fewshot").size());
            for (JsonNode cell : m.get("fewshot")) {
                assertEquals(SEEDS, cell.get("top1").size());
                for (int s = 0; s < SEEDS; s++) {
                    double t1 = cell.get("top1").get(s).asDouble(Double.NaN), t5 = cell.get("top5").get(s).asDouble(Double.NaN);
                    assertTrue(t1 >= 0 && t1 <= 1 && t5 >= t1 && t5 <= 1, "top-1 " + t1 + ", top-5 " + t5);
                }
            }
        }
        for (String png : new String[]{"fewshot.png", "fewshot_top5.png"}) assertNotNull(ImageIO.read(dir.resolve(png).toFile()), png);
    }
}
