package io.callosum.examples.cli;

import io.callosum.splitbrain.config.DataConfig;
import io.callosum.splitbrain.config.EvalConfig;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.report.Report;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The images and the network an evaluation command judges: a checkpoint from 'callosum pretrain' (compared with its architecture at
 * random initialisation) or, without one, a random network from the model options.
 */
public final class NetworkOptions {
    @Mixin DataOptions data = new DataOptions("synthetic");

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "A checkpoint written by 'callosum pretrain'.")
    Path checkpoint;

    @Mixin ModelOptions model = new ModelOptions();

    /** What an evaluation command works on, opened in one go: images, networks, experiment, placement, report. */
    record Evaluation(Data data, List<Pretrained> nets, ExperimentConfig experiment, Placement placement, Report report) {
        Pretrained first() {
            return nets.get(0);
        }
    }

    /**
     * Opens the images and the networks (the checkpoint's first, then, when compared, its random-init twin; model
     * options next to a checkpoint are an error: the checkpoint decides), and the report to the command's output folder.
     * The experiment is the checkpoint's (or the paper preset with the model options) with the run's seed, the
     * command's evaluation settings and its labelled image counts.
     */
    Evaluation open(CommandBase command, String title, boolean compared, UnaryOperator<EvalConfig> settings)
            throws IOException {
        long seed = command.run.seed();
        Placement placement = command.run.placement();
        Path out = command.outDir(); // locked before the data check, so a second run into it fails at once
        Data d = DataSources.open(data, seed, command.out()).requireSplitBrainImages();
        List<Pretrained> nets = networks(command, seed, placement, compared);
        ExperimentConfig own = nets.get(0).config();
        // the unlabelled images are the pretraining's (none for a random network); the labelled ones this command's
        DataConfig sizes = new DataConfig(checkpoint == null ? 0 : own.data().unlabelled(), d.train().size(), d.test().size());
        ExperimentConfig cfg = Usage.check(() -> own.withSeed(seed).withEval(settings.apply(own.eval())).withData(sizes));
        Report report = new Report(out, title + " on " + d.description());
        report.experiment(cfg).config("checkpoint", checkpoint == null ? "none (random init only)" : checkpoint.toString())
                .config("architecture", own.model().architecture().label()).config("colour space", own.model().colorSpace().label())
                .config("data", d.description()).config("train", d.train().size()).config("test", d.test().size())
                .config("seed", seed).config("device", placement.device().toString());
        return new Evaluation(d, nets, cfg, placement, report);
    }

    private List<Pretrained> networks(CommandBase command, long seed, Placement placement, boolean compared) throws IOException {
        if (checkpoint == null) {
            return List.of(Pretrained.randomInit(model.applyTo(Preset.PAPER.config()).withSeed(seed), seed, placement.device()));
        }
        command.rejectGiven("the checkpoint decides the network; drop this option or --checkpoint", ModelOptions.NAMES);
        Pretrained loaded = Pretrained.load(checkpoint, placement.device());
        return compared ? List.of(loaded, loaded.randomTwin(seed)) : List.of(loaded);
    }
}
