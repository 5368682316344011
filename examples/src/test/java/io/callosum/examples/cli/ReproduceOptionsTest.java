package io.callosum.examples.cli;

import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.DataConfig;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.ExperimentJson;
import io.callosum.splitbrain.config.Preset;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * reproduce is option parsing plus one call: the experiment in results.json is the named preset with exactly the
 * options given put in, every other value the preset's, and the image counts used.
 */
class ReproduceOptionsTest {
    @Test
    void givenOptionsReplaceThePresetsValuesAndNothingElse(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("reproduce", "table1", "--budget", "tiny", "--archs", "simplenet", "--spaces", "lab", "--unlabelled", "16",
                "--train", "16", "--test", "8", "--steps", "1", "--lr", "0.002", "--finetune-steps", "1", "--shots", "1,3",
                "--seed", "4", "--workers", "0", "--out", dir.toString());
        assertEquals(0, r.status(), r.toString());
        ExperimentConfig written = ExperimentJson.fromTree(new ObjectMapper().readTree(dir.resolve("results.json").toFile()).get("experiment"));

        ExperimentConfig tiny = Preset.TINY.config();
        Budget p = tiny.pretrain(), f = tiny.eval().finetune();
        ExperimentConfig expected = tiny.withSeed(4).withData(new DataConfig(16, 16, 8))
                .withPretrain(new Budget(p.optimizer(), 0.002, p.decayPerEpoch(), p.weightDecay(), p.batchSize(), p.epochs(), 1))
                .withEval(tiny.eval().withFinetune(new Budget(f.optimizer(), f.lr(), f.decayPerEpoch(), f.weightDecay(), f.batchSize(), f.epochs(), 1))
                        .withFewShot(new io.callosum.splitbrain.config.FewShotConfig(List.of(1, 3), tiny.eval().fewShot().seeds())));
        assertEquals(expected, written);
    }

    @Test
    void anUnknownBudgetNamesThePresets() {
        CliRun r = CliRun.of("reproduce", "table1", "--budget", "huge");
        assertEquals(2, r.status(), r.toString());
        assertEquals(true, r.err().contains("unknown preset 'huge': expected one of [paper, demo, quick, tiny, small, full]"), r.toString());
    }
}
