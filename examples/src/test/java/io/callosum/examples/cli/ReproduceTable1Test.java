package io.callosum.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** reproduce table1 at a tiny budget: split-brain and the three baselines in every colour space, each with its interval. */
class ReproduceTable1Test {
    @Test
    void tinyTable1HasTheBaselineRowsAndIntervals(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("reproduce", "table1", "--budget", "tiny", "--archs", "simplenet", "--spaces", "lab,rgb", "--unlabelled", "16",
                "--train", "16", "--test", "8", "--steps", "1", "--finetune-steps", "1", "--seed", "4", "--workers", "0", "--out", dir.toString());
        assertEquals(0, r.status(), r.toString());
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        JsonNode table = results.get("tables").get("table1");
        assertEquals("[\"architecture\",\"method\",\"lab top-1 [95 % CI] / top-5\",\"rgb top-1 [95 % CI] / top-5\"]", table.get("header").toString());
        List<String> rows = new ArrayList<>();
        for (JsonNode row : table.get("rows")) rows.add(row.get(0).asText() + " " + row.get(1).asText());
        assertEquals(List.of("simplenet split-brain", "simplenet random init", "simplenet rotation", "- DAE (salt-and-pepper 5 %)"), rows);
        JsonNode cells = results.get("results").get("cells");
        assertEquals(8, cells.size(), "4 methods × 2 colour spaces");
        for (JsonNode c : cells) {
            double t1 = c.get("top1").asDouble(Double.NaN), t5 = c.get("top5").asDouble(Double.NaN);
            double lo = c.get("top1_ci95").get(0).asDouble(Double.NaN), hi = c.get("top1_ci95").get(1).asDouble(Double.NaN);
            assertTrue(t1 >= 0 && t5 >= t1 && t5 <= 1, c.toString());
            assertTrue(lo >= 0 && lo <= t1 && t1 <= hi && hi <= 1, "the interval holds top-1: " + c);
        }
    }
}
