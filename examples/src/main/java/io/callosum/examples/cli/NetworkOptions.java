package io.callosum.examples.cli;

import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.report.Report;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The network an evaluation command judges: a checkpoint from 'callosum pretrain' (compared with its architecture at
 * random initialisation) or, without one, a random network from the model options.
 */
public final class NetworkOptions {
    @Option(names = "--checkpoint", paramLabel = "FILE", description = "A checkpoint written by 'callosum pretrain'.")
    Path checkpoint;

    @Mixin
    ModelOptions model = new ModelOptions();

    /**
     * The networks to evaluate, the checkpoint's first; model options next to a checkpoint are an error (the
     * checkpoint decides). Their experiment is the checkpoint's, or the paper preset with the model options.
     */
    List<Pretrained> networks(CommandBase command, long seed, Placement placement) throws IOException {
        if (checkpoint == null) {
            return List.of(Pretrained.randomInit(model.applyTo(Preset.PAPER.config()).withSeed(seed), seed, placement.device()));
        }
        command.rejectGiven("the checkpoint decides the network; drop this option or --checkpoint", ModelOptions.NAMES);
        Pretrained loaded = Pretrained.load(checkpoint, placement.device());
        return List.of(loaded, loaded.randomTwin(seed));
    }

    /** A report whose configuration names the start, the network and the images. */
    Report report(Path dir, String title, Pretrained net, Data data, long seed) throws IOException {
        Report report = new Report(dir, title + " on " + data.description());
        report.config("checkpoint", checkpoint == null ? "none (random init only)" : checkpoint.toString())
                .config("architecture", net.net().architecture().label()).config("colour space", net.split().space().label())
                .config("data", data.description()).config("train", data.train().size()).config("test", data.test().size())
                .config("seed", seed).config("device", net.device().toString());
        return report;
    }
}
