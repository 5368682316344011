package io.callosum.splitbrain.config;

import io.callosum.nn.optim.OptimizerKind;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.targets.ColorSpace;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the configuration of checkpoints written before {@link ExperimentJson} existed (format version 0): the
 * pretraining settings as display labels under {@code config.*}. The labels below are frozen as those checkpoints
 * wrote them; they are not today's report labels. Format 0 stored no evaluation settings (those come from
 * {@link Preset#PAPER}; resuming only needs the pretraining ones) and no image counts (0: not recorded).
 */
final class FormatZeroConfig {
    private static final String PREFIX = "config.";

    private FormatZeroConfig() {
    }

    /** The {@code config.*} entries of a checkpoint's metadata (extra entries under extraPrefix), prefix removed. */
    static Map<String, String> labels(Map<String, String> metadata, String extraPrefix) {
        Map<String, String> out = new LinkedHashMap<>();
        String p = extraPrefix + PREFIX;
        metadata.forEach((k, v) -> {
            if (k.startsWith(p)) out.put(k.substring(p.length()), v);
        });
        return out;
    }

    static ExperimentConfig read(Map<String, String> c) {
        try {
            ModelConfig model = new ModelConfig(Architecture.parse(get(c, "architecture")), ColorSpace.parse(get(c, "colour space")));
            TargetConfig targets = new TargetConfig(quantization(get(c, "ab quantization")), bool(get(c, "class rebalancing")));
            String steps = get(c, "steps per epoch");
            Budget pretrain = new Budget(OptimizerKind.parse(get(c, "optimizer")), Double.parseDouble(get(c, "lr")), Double.parseDouble(get(c, "lr decay per epoch")),
                    Double.parseDouble(get(c, "weight decay")), Integer.parseInt(get(c, "batch")), Integer.parseInt(get(c, "epochs")),
                    steps.equals("full pass") ? 0 : Integer.parseInt(steps));
            ExperimentConfig base = Preset.PAPER.config();
            return new ExperimentConfig(model, targets, pretrain, base.eval(), new DataConfig(0, 0, 0), Long.parseLong(get(c, "seed")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint configuration of format version 0 (display labels, written before format version "
                    + ExperimentConfig.FORMAT_VERSION + ") cannot be read: " + e.getMessage()
                    + "; pretrain again with this build to get a checkpoint of format version " + ExperimentConfig.FORMAT_VERSION, e);
        }
    }

    private static boolean quantization(String label) {
        return switch (label) {
            case "in-gamut cells" -> true;
            case "10×10 grid" -> false;
            default -> throw new IllegalArgumentException("config.ab quantization is '" + label + "', expected 'in-gamut cells' or '10×10 grid'");
        };
    }

    private static boolean bool(String label) {
        return switch (label) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("config.class rebalancing is '" + label + "', expected true or false");
        };
    }

    private static String get(Map<String, String> c, String key) {
        String v = c.get(key);
        if (v == null) throw new IllegalArgumentException("config." + key + " is missing");
        return v;
    }
}
