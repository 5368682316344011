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

/** reproduce single-image at a tiny budget: 1 and 10 augmented images, the full set and random init, probed per layer. */
class ReproduceSingleImageTest {
    @Test
    void tinySingleImageStudyProbesEveryMethodAtEveryLayer(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("reproduce", "single-image", "--budget", "tiny", "--archs", "simplenet", "--unlabelled", "32",
                "--train", "40", "--test", "20", "--steps", "2", "--batch", "8", "--probe-epochs", "2", "--workers", "0", "--out", dir.toString());
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("reproduce single-image"), r.toString());
        JsonNode probes = new ObjectMapper().readTree(dir.resolve("results.json").toFile()).get("results").get("probes");
        List<String> methods = new ArrayList<>();
        probes.fieldNames().forEachRemaining(methods::add);
        assertEquals(List.of("1 image + augmentation", "10 images + augmentation", "full set (32)", "random init"), methods);
        int layers = -1;
        for (JsonNode m : probes) {
            if (layers < 0) layers = m.size();
            assertEquals(layers, m.size(), "every method probed at the same layers");
            for (JsonNode l : m) {
                double t1 = l.get("top1").asDouble(Double.NaN), t5 = l.get("top5").asDouble(Double.NaN);
                assertTrue(t1 >= 0 && t5 >= t1 && t5 <= 1, l.toString());
            }
        }
        assertTrue(layers >= 4, "conv1 … conv5 of simplenet: " + layers);
    }

    @Test
    void anUnknownTableNamesTheThree() {
        CliRun r = CliRun.of("reproduce", "table2");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("expected table1, fewshot or single-image"), r.toString());
    }
}
