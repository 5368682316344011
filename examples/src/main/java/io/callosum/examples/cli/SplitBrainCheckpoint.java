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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Split-brain pretraining checkpoints: nn-layers' {@link Checkpoint} (weights, optimizer state, step, epoch) plus, in
 * its extra entries, every pretraining setting and the loss history, so that a checkpoint alone rebuilds its network
 * for evaluation and {@code pretrain --resume} continues the run exactly.
 */
final class SplitBrainCheckpoint {
    private static final String P = "splitbrain.";
    static final String DATA = P + "data";

    private SplitBrainCheckpoint() {
    }

    /** A network rebuilt from a checkpoint, with the settings it was pretrained with. */
    record Model(SplitBrainNet net, ChannelSplit split, PretrainConfig config, Checkpoint.Info info) {
    }

    /** Writes the pretrainer's state after its last finished epoch; data describes the unlabelled images. */
    static void save(Path file, Pretrainer p, String data) throws IOException {
        Map<String, String> extra = settings(p.config());
        extra.put(DATA, data);
        extra.put(P + "step_losses", join(p.loop().stepLosses()));
        extra.put(P + "epoch_losses", join(p.loop().epochLosses()));
        Checkpoint.save(file, p.net(), p.optimizer(), p.loop().stepLosses().size(), p.loop().epochsDone(), null, extra);
    }

    /** The network (on the CPU) and settings of a checkpoint, weights loaded. */
    static Model loadModel(Path file) throws IOException {
        PretrainConfig cfg = config(file, Device.CPU, 0);
        ChannelSplit split = ChannelSplit.of(cfg.colorSpace(), cfg.gamutAb());
        SplitBrainNet net = new SplitBrainNet(cfg.architecture(), split, new Generator(cfg.seed()));
        Checkpoint.Info info = Checkpoint.load(file, net, null, null);
        return new Model(net, split, cfg, info);
    }

    /** The pretraining settings a checkpoint was written with, to run on the given device and loader threads. */
    static PretrainConfig config(Path file, Device device, int workers) throws IOException {
        Map<String, String> s = extra(file);
        try {
            return new PretrainConfig(Architecture.parse(get(file, s, "architecture")), ColorSpace.parse(get(file, s, "colour_space")),
                    Boolean.parseBoolean(get(file, s, "gamut_ab")), Boolean.parseBoolean(get(file, s, "rebalance")),
                    get(file, s, "optimizer"), Double.parseDouble(get(file, s, "lr")), Double.parseDouble(get(file, s, "lr_decay")),
                    Double.parseDouble(get(file, s, "weight_decay")), Integer.parseInt(get(file, s, "batch")),
                    Integer.parseInt(get(file, s, "epochs")), Integer.parseInt(get(file, s, "steps_per_epoch")),
                    Long.parseLong(get(file, s, "seed")), device, workers);
        } catch (IllegalArgumentException e) {
            throw new CliUsageException(file + ": invalid pretraining settings in the checkpoint: " + e.getMessage());
        }
    }

    /** What the run was pretrained on (see {@link #save}). */
    static String data(Path file) throws IOException {
        return get(file, extra(file), "data");
    }

    /** Restores weights, optimizer state, epoch count and loss history into a pretrainer built from {@link #config}. */
    static void restore(Path file, Pretrainer p) throws IOException {
        Checkpoint.Info info = Checkpoint.load(file, p.net(), p.optimizer(), null);
        Map<String, String> s = info.extra();
        p.loop().restore(info.epoch(), split(get(file, s, "step_losses")), split(get(file, s, "epoch_losses")));
    }

    private static Map<String, String> settings(PretrainConfig c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(P + "architecture", c.architecture().label());
        m.put(P + "colour_space", c.colorSpace().label());
        m.put(P + "gamut_ab", Boolean.toString(c.gamutAb()));
        m.put(P + "rebalance", Boolean.toString(c.rebalance()));
        m.put(P + "optimizer", c.optimizer());
        m.put(P + "lr", Double.toString(c.lr()));
        m.put(P + "lr_decay", Double.toString(c.decayPerEpoch()));
        m.put(P + "weight_decay", Double.toString(c.weightDecay()));
        m.put(P + "batch", Integer.toString(c.batchSize()));
        m.put(P + "epochs", Integer.toString(c.epochs()));
        m.put(P + "steps_per_epoch", Integer.toString(c.stepsPerEpoch()));
        m.put(P + "seed", Long.toString(c.seed()));
        return m;
    }

    /** The checkpoint's extra entries, read from the safetensors metadata without building a model. */
    private static Map<String, String> extra(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new CliUsageException(file + ": no such checkpoint file");
        Map<String, String> out = new LinkedHashMap<>();
        try (Scope scope = Scope.open()) { // frees the tensors read along with the header
            // Checkpoint stores the caller's entries in the metadata under "extra."
            SafeTensors.read(file).metadata().forEach((k, v) -> {
                if (k.startsWith("extra.")) out.put(k.substring("extra.".length()), v);
            });
        }
        return out;
    }

    private static String get(Path file, Map<String, String> extra, String key) {
        String v = extra.get(key.startsWith(P) ? key : P + key);
        if (v == null) {
            throw new CliUsageException(file + ": not a split-brain checkpoint written by 'callosum pretrain' (it has no "
                    + P + key + " entry)");
        }
        return v;
    }

    private static String join(List<Double> values) {
        StringJoiner j = new StringJoiner(",");
        for (double v : values) j.add(Double.toString(v)); // round-trips exactly
        return j.toString();
    }

    private static List<Double> split(String joined) {
        List<Double> out = new ArrayList<>();
        if (!joined.isEmpty()) for (String s : joined.split(",")) out.add(Double.parseDouble(s));
        return out;
    }
}
