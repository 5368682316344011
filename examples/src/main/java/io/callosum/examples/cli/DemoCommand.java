package io.callosum.examples.cli;

import io.callosum.splitbrain.config.DataConfig;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.config.ProbeConfig;
import io.callosum.splitbrain.experiments.SyntheticDemo;
import io.callosum.splitbrain.report.ColorizationSection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

/** The main job: split-brain pretraining on synthetic scenes, linear probes against random init, colorization, report. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The main job: pretrains a split-brain autoencoder on synthetic colour scenes, compares per-layer "
                + "linear probes of its features with the same network at random initialisation, colorizes test images "
                + "and writes a report (report.md, results.json, CSV, PNG plots) to --out.",
                "Defaults: SimpleNet, Lab, 8192 unlabelled / 1000 train / 2000 test images, 2 epochs of Adam (lr 1e-3), "
                        + "40 probe epochs."})
final class DemoCommand extends CommandBase {
    private static final ExperimentConfig DEMO = Preset.DEMO.config();

    @Mixin ModelOptions model = new ModelOptions();
    @Mixin BudgetOptions budget = new BudgetOptions(DEMO.pretrain());

    @Option(names = "--unlabelled", paramLabel = "N", description = "Unlabelled images generated for pretraining (default: ${DEFAULT-VALUE}).")
    int unlabelled = DEMO.data().unlabelled();

    @Option(names = "--train", paramLabel = "N", description = "Labelled images the probes train on (default: ${DEFAULT-VALUE}).")
    int train = DEMO.data().train();

    @Option(names = "--test", paramLabel = "N", description = "Held-out images the probes are scored on (default: ${DEFAULT-VALUE}).")
    int test = DEMO.data().test();

    @Option(names = "--probe-epochs", paramLabel = "N", description = "Epochs of each linear probe (default: ${DEFAULT-VALUE}).")
    int probeEpochs = DEMO.eval().probe().epochs();

    @Override
    int execute(ProgressListener progress) throws Exception {
        if (!model.space().isLab()) {
            throw new CliUsageException("--space " + model.space().label() + ": the demo's colorization needs a Lab split (lab or rescaled-lab)");
        }
        if (unlabelled < 1 || train < 1 || test < 1) throw new CliUsageException("--unlabelled, --train and --test must be at least 1");
        ProbeConfig p = DEMO.eval().probe();
        ProbeConfig probe = Usage.check(() -> new ProbeConfig(probeEpochs, p.batchSize(), p.lr(), p.weightDecay(), p.extractBatch()));
        ExperimentConfig cfg = model.applyTo(DEMO).withPretrain(budget.budget()).withSeed(run.seed())
                .withData(new DataConfig(unlabelled, train, test)).withEval(DEMO.eval().withProbe(probe));
        Path dir = outDir();
        out().printf(Locale.ROOT, "demo: %s, %s split, %d unlabelled / %d train / %d test synthetic images, on %s; report to %s%n",
                cfg.model().architecture().label(), cfg.model().colorSpace().label(), unlabelled, train, test, run.device(), dir);
        SyntheticDemo.Result r = SyntheticDemo.run(cfg, run.placement(), dir, progress);
        out().println();
        out().println(r.table().toText());
        out().printf(Locale.ROOT, "best layer: split-brain %s %.1f %% vs random init %s %.1f %% top-1 — %s%n",
                r.splitBrain().layers().get(r.splitBrain().bestLayer()), 100 * r.splitBrain().best().top1(),
                r.random().layers().get(r.random().bestLayer()), 100 * r.random().best().top1(),
                r.beatsRandom() ? "split-brain is better, with the 95 % intervals apart"
                        : r.splitBrain().best().top1() > r.random().best().top1()
                        ? "split-brain is ahead, but the 95 % intervals overlap"
                        : "split-brain does NOT beat random initialisation at this budget");
        out().println();
        out().println(ColorizationSection.table(r.colorization(), "test images").toText());
        out().println("report: " + r.report().resolve("report.md"));
        return 0;
    }
}
