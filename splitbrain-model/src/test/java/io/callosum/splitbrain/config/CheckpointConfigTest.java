package io.callosum.splitbrain.config;

import io.callosum.nn.io.SafeTensors;
import io.callosum.nn.optim.OptimizerKind;
import io.callosum.splitbrain.data.SyntheticColorDataset;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.targets.ColorSpace;
import io.callosum.splitbrain.train.Pretrainer;
import io.callosum.splitbrain.train.TrainListener;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A checkpoint stores its experiment's configuration and reads it back exactly; a checkpoint written before the
 * serialised form (format version 0, display labels) is read through the old labels and resumes.
 */
class CheckpointConfigTest {
    /**
     * Written by the code before format version 1 (a one-step SimpleNet run, seed 5): its metadata exactly as saved,
     * its tensors cut down to one layer's to keep the file small.
     */
    private static Path formatZeroResource() throws URISyntaxException {
        return Path.of(CheckpointConfigTest.class.getResource("/checkpoints/format0-simplenet-lab-gamut.safetensors").toURI());
    }

    /** What the format-0 resource was pretrained with. */
    private static ExperimentConfig formatZeroExperiment(int epochs) {
        ExperimentConfig paper = Preset.PAPER.config();
        return new ExperimentConfig(new ModelConfig(Architecture.SIMPLENET, ColorSpace.LAB), new TargetConfig(true, false),
                new Budget(OptimizerKind.ADAM, 1e-3, 0.5, 0, 8, epochs, 1), paper.eval(), new DataConfig(0, 0, 0), 5);
    }

    private static SyntheticColorDataset data() {
        return SyntheticColorDataset.standard(16, 5, false);
    }

    @Test
    void aCheckpointStoresItsExperimentExactly(@TempDir Path dir) throws Exception {
        ExperimentConfig cfg = formatZeroExperiment(1).withEval(ExperimentJsonTest.everyFieldSet().eval());
        Pretrainer p = new Pretrainer(cfg, Placement.CPU);
        Path file = dir.resolve("c.safetensors");
        p.saveCheckpoint(file);
        assertEquals(cfg, CheckpointConfig.read(file));
    }

    @Test
    void extraEntriesAreStoredBesideTheExperimentAndReadBack(@TempDir Path dir) throws Exception {
        ExperimentConfig cfg = formatZeroExperiment(1);
        Pretrainer p = new Pretrainer(cfg, Placement.CPU);
        p.checkpointExtra("data", "{\"kind\":\"synthetic\"}");
        Path file = dir.resolve("c.safetensors");
        p.saveCheckpoint(file);
        assertEquals("{\"kind\":\"synthetic\"}", CheckpointConfig.readExtra(file, "data").orElseThrow());
        assertTrue(CheckpointConfig.readExtra(file, "other").isEmpty());
        assertEquals(cfg, CheckpointConfig.read(file), "the configuration is unchanged by an extra entry");
        assertTrue(CheckpointConfig.readExtra(formatZeroResource(), "data").isEmpty(), "an old checkpoint has none");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.checkpointExtra(CheckpointConfig.EXTRA_KEY, "x"));
        assertTrue(e.getMessage().contains("holds the configuration"), e.getMessage());
    }

    @Test
    void formatZeroLabelsAreMappedToTheExperiment() throws Exception {
        assertEquals(formatZeroExperiment(1), CheckpointConfig.read(formatZeroResource()));
    }

    @Test
    void formatZeroCheckpointResumesExactly(@TempDir Path dir) throws Exception {
        Pretrainer straight = new Pretrainer(formatZeroExperiment(2), Placement.CPU);
        straight.train(data(), TrainListener.SILENT, null);

        // a one-epoch run whose checkpoint carries the format-0 metadata instead of the serialised form
        Pretrainer first = new Pretrainer(formatZeroExperiment(1), Placement.CPU);
        first.train(data(), TrainListener.SILENT, null);
        Path old = dir.resolve("old.safetensors");
        first.saveCheckpoint(old);
        rewriteAsFormatZero(old);

        ExperimentConfig read = CheckpointConfig.read(old);
        Pretrainer resumed = new Pretrainer(read.withPretrain(read.pretrain().withEpochs(2)), Placement.CPU);
        resumed.resume(old);
        assertEquals(1, resumed.loop().epochsDone());
        resumed.train(data(), TrainListener.SILENT, null);
        assertEquals(straight.loop().stepLosses(), resumed.loop().stepLosses());
        Map<String, Tensor> a = straight.net().stateDict(), b = resumed.net().stateDict();
        a.forEach((k, t) -> assertArrayEquals(t.toFloatArray(), b.get(k).toFloatArray(), k));
    }

    @Test
    void anUnreadableFormatZeroCheckpointSaysWhichFormatAndWhatToDo(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.safetensors");
        Files.copy(formatZeroResource(), broken);
        editMetadata(broken, m -> m.put("extra.config.ab quantization", "hexagons"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckpointConfig.read(broken));
        assertTrue(e.getMessage().startsWith(broken.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("format version 0") && e.getMessage().contains("hexagons")
                && e.getMessage().contains("pretrain again"), e.getMessage());
    }

    @Test
    void aFileWithoutConfigurationIsNotACheckpoint(@TempDir Path dir) throws Exception {
        Path bare = dir.resolve("bare.safetensors");
        Files.copy(formatZeroResource(), bare);
        editMetadata(bare, m -> m.keySet().removeIf(k -> k.startsWith("extra.config.")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckpointConfig.read(bare));
        assertTrue(e.getMessage().contains("not a split-brain checkpoint"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CheckpointConfig.read(dir.resolve("none.safetensors")));
        assertTrue(e.getMessage().contains("no such checkpoint file"), e.getMessage());
    }

    /** Replaces the serialised configuration by the format-0 labels of the resource (same settings). */
    private static void rewriteAsFormatZero(Path file) throws Exception {
        Map<String, String> labels = new LinkedHashMap<>();
        try (Scope s = Scope.open()) {
            SafeTensors.read(formatZeroResource()).metadata().forEach((k, v) -> {
                if (k.startsWith("extra.config.")) labels.put(k, v);
            });
        }
        editMetadata(file, m -> {
            assertNotNull(m.remove("extra." + CheckpointConfig.EXTRA_KEY));
            m.putAll(labels);
        });
    }

    private static void editMetadata(Path file, java.util.function.Consumer<Map<String, String>> edit) throws Exception {
        try (Scope s = Scope.open()) {
            SafeTensors.Contents c = SafeTensors.read(file);
            Map<String, String> meta = new LinkedHashMap<>(c.metadata());
            edit.accept(meta);
            SafeTensors.write(file, new LinkedHashMap<>(c.tensors()), meta);
        }
    }
}
