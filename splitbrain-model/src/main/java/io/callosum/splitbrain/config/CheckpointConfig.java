package io.callosum.splitbrain.config;

import io.callosum.nn.io.SafeTensors;
import io.callosum.tensor.Scope;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The experiment configuration stored beside a checkpoint's weights, so that a checkpoint alone rebuilds its network
 * and resumes its run: {@link ExperimentJson} under the checkpoint's extra entry {@value #EXTRA_KEY}. Checkpoints
 * written before it (format version 0: display labels under {@code config.*}) are read by {@link FormatZeroConfig}.
 */
public final class CheckpointConfig {
    /** The entry of {@code Checkpoint.save}'s extra map that holds the configuration. */
    public static final String EXTRA_KEY = "experiment";
    /** Checkpoint keeps its caller's extra entries under this prefix in the safetensors metadata. */
    private static final String EXTRA_PREFIX = "extra.";

    private CheckpointConfig() {
    }

    /** The extra entries a checkpoint of this experiment stores. */
    public static Map<String, String> extra(ExperimentConfig config) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(EXTRA_KEY, ExperimentJson.toJson(config));
        return m;
    }

    /** An extra entry a checkpoint holds (see {@code Pretrainer.checkpointExtra}); empty when it has none. */
    public static Optional<String> readExtra(Path file, String key) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such checkpoint file");
        try (Scope scope = Scope.open()) {
            return Optional.ofNullable(SafeTensors.read(file).metadata().get(EXTRA_PREFIX + key));
        }
    }

    /** The configuration a checkpoint was written with; a clear error, naming the file, when there is none to read. */
    public static ExperimentConfig read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such checkpoint file");
        Map<String, String> meta;
        try (Scope scope = Scope.open()) { // frees the tensors read along with the header
            meta = SafeTensors.read(file).metadata();
        }
        String json = meta.get(EXTRA_PREFIX + EXTRA_KEY);
        try {
            if (json != null) return ExperimentJson.fromJson(json);
            Map<String, String> labels = FormatZeroConfig.labels(meta, EXTRA_PREFIX);
            if (!labels.isEmpty()) return FormatZeroConfig.read(labels);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(file + ": not a split-brain checkpoint written by 'callosum pretrain' (its metadata holds no "
                + EXTRA_PREFIX + EXTRA_KEY + " entry)");
    }
}
