package io.callosum.examples.cli;

import io.callosum.nn.io.Checkpoint;
import io.callosum.nn.io.SafeTensors;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.model.SplitBrainNet;
import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.splitbrain.targets.ColorSpace;
import io.callosum.splitbrain.train.PretrainConfig;
import io.callosum.splitbrain.train.Pretrainer;
import io.callosum.tensor.Device;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Scope;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the pretraining settings back from a checkpoint written by {@link Pretrainer#saveCheckpoint}, which stores
 * {@link PretrainConfig#describe()} under {@code config.*} beside the weights, so that a checkpoint alone rebuilds its
 * network for evaluation and for {@code pretrain --resume}.
 */
final class SplitBrainCheckpoint {
    private SplitBrainCheckpoint() {
    }

    /** A network rebuilt from a checkpoint, with the settings it was pretrained with. */
    record Model(SplitBrainNet net, ChannelSplit split, PretrainConfig config) {
    }

    /** The network (on the CPU) and settings of a checkpoint, weights loaded. */
    static Model loadModel(Path file) throws IOException {
        PretrainConfig cfg = config(file, Device.CPU, 0);
        ChannelSplit split = ChannelSplit.of(cfg.colorSpace(), cfg.gamutAb());
        SplitBrainNet net = new SplitBrainNet(cfg.architecture(), split, new Generator(cfg.seed()));
        Checkpoint.load(file, net, null, null);
        return new Model(net, split, cfg);
    }

    /** The pretraining settings a checkpoint was written with, to run on the given device and loader threads. */
    static PretrainConfig config(Path file, Device device, int workers) throws IOException {
        Map<String, String> c = describedConfig(file);
        try {
            String steps = get(file, c, "steps per epoch");
            return new PretrainConfig(Architecture.parse(get(file, c, "architecture")), ColorSpace.parse(get(file, c, "colour space")),
                    get(file, c, "ab quantization").startsWith("in-gamut"), Boolean.parseBoolean(get(file, c, "class rebalancing")),
                    get(file, c, "optimizer"), Double.parseDouble(get(file, c, "lr")), Double.parseDouble(get(file, c, "lr decay per epoch")),
                    Double.parseDouble(get(file, c, "weight decay")), Integer.parseInt(get(file, c, "batch")),
                    Integer.parseInt(get(file, c, "epochs")), steps.equals("full pass") ? 0 : Integer.parseInt(steps),
                    Long.parseLong(get(file, c, "seed")), device, workers);
        } catch (IllegalArgumentException e) {
            throw new CliUsageException(file + ": invalid pretraining settings in the checkpoint: " + e.getMessage());
        }
    }

    /** The checkpoint's {@code config.*} entries, read from the safetensors metadata without building a model. */
    private static Map<String, String> describedConfig(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new CliUsageException(file + ": no such checkpoint file");
        String prefix = "extra.config."; // Checkpoint keeps the caller's entries under "extra.", Pretrainer its config under "config."
        Map<String, String> out = new LinkedHashMap<>();
        try (Scope scope = Scope.open()) { // frees the tensors read along with the header
            SafeTensors.read(file).metadata().forEach((k, v) -> {
                if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
            });
        }
        return out;
    }

    private static String get(Path file, Map<String, String> config, String key) {
        String v = config.get(key);
        if (v == null) {
            throw new CliUsageException(file + ": not a split-brain checkpoint written by 'callosum pretrain' (its metadata lacks config."
                    + key + ")");
        }
        return v;
    }
}
