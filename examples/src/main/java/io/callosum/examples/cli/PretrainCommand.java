package io.callosum.examples.cli;

import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.eval.ColorizationScore;
import io.callosum.splitbrain.eval.Colorizer;
import io.callosum.splitbrain.experiments.SyntheticDemo;
import io.callosum.splitbrain.report.ColorizationSection;
import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.ResultSections;
import io.callosum.splitbrain.train.Pretrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Split-brain pretraining on unlabelled images, with a checkpoint after every epoch and exact resume. */
@Command(name = "pretrain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Pretrains a split-brain autoencoder (both halves, loss CE(A) + CE(B)) on the unlabelled images "
                + "of --data and writes a checkpoint to --out after every epoch (epoch-N.safetensors and "
                + "last.safetensors) plus a report with the loss curve. Defaults are the seed paper's: Adam, batch 64, "
                + "lr 1e-4 decayed ×0.1 per epoch.",
                "--resume continues a run exactly (weights, optimizer state, data order, loss history) with the "
                        + "checkpoint's settings; pass the same --data as the first run (the image counts default to its). Only --epochs, "
                        + "--device, --workers and --out may change. The data must be the first run's (checked against the "
                        + "checkpoint); on a finished run whose report is missing, --resume writes the report."})
final class PretrainCommand extends CommandBase {
    private static final String[] FIXED_ON_RESUME = {"--steps", "--batch", "--lr", "--lr-decay", "--optimizer", "--seed"};

    @Mixin DataOptions data = new DataOptions("synthetic");
    @Mixin ModelOptions model = new ModelOptions();
    @Mixin BudgetOptions budget = new BudgetOptions(Preset.PAPER.config().pretrain());
    @Mixin SparkOptions spark = new SparkOptions();

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "Continue the run saved in this checkpoint.")
    Path resume;

    @Override
    int execute(ProgressListener progress) throws Exception {
        Placement placement = run.placement();
        boolean onSpark = spark.requested();
        ExperimentConfig asked = resume == null ? model.applyTo(Preset.PAPER.config()).withPretrain(budget.budget()).withSeed(run.seed())
                : resumedConfig();
        if (resume != null) data.defaultTo(asked.data()); // the first run's image counts, unless given again
        Path dir = outDir(); // locked before the data check, so a second run into it fails at once
        Data d = DataSources.open(data, asked.seed(), out()).requireSplitBrainImages();
        DataIdentity identity = DataIdentity.of(data, d);
        if (resume != null) identity.requireSameAs(resume);
        ExperimentConfig pc = asked.withData(d.sizes());
        Pretrainer p = new Pretrainer(pc, placement);
        p.checkpointExtra(DataIdentity.KEY, identity.toJson());
        if (resume != null) {
            p.resume(resume);
            if (p.loop().epochsDone() >= pc.pretrain().epochs()) {
                if (Files.isRegularFile(dir.resolve("report.md")) && Files.isRegularFile(dir.resolve("results.json"))) {
                    throw new CliUsageException("--resume " + resume + ": the run has finished its " + p.loop().epochsDone()
                            + " epoch(s); pass --epochs N with N > " + p.loop().epochsDone() + " to train longer");
                }
                out().printf(Locale.ROOT, "%s: the run finished its %d epoch(s) but its report is missing from %s; writing it%n",
                        resume, p.loop().epochsDone(), dir);
                return report(p, d, dir, placement);
            }
            out().printf(Locale.ROOT, "resumed %s after epoch %d of %d%n", resume, p.loop().epochsDone(), pc.pretrain().epochs());
        }
        out().printf(Locale.ROOT, "pretraining %s (%s split, %,d parameters) on %d images of %s, %d epoch(s), on %s; checkpoints to %s%n",
                pc.model().architecture().label(), pc.model().colorSpace().label(), p.net().parameterCount(), d.unlabelled().size(),
                d.description(), pc.pretrain().epochs(), placement.device(), dir);
        Runnable afterEpoch = () -> {
            try {
                Path epochFile = dir.resolve("epoch-" + p.loop().epochsDone() + ".safetensors");
                Files.createDirectories(dir);
                p.saveCheckpoint(epochFile);
                p.saveCheckpoint(dir.resolve("last.safetensors"));
                out().println("checkpoint: " + epochFile);
            } catch (IOException e) {
                throw new UncheckedIOException("writing a checkpoint to " + dir + ": " + e.getMessage(), e);
            }
        };
        if (onSpark) spark.pretrain(p, d.unlabelled(), progress, afterEpoch, out());
        else p.train(d.unlabelled(), progress, afterEpoch);
        return report(p, d, dir, placement);
    }

    /** Writes the report of the trained (or finished, resumed) run to dir and shows where it is. */
    private int report(Pretrainer p, Data d, Path dir, Placement placement) throws IOException {
        ExperimentConfig pc = p.config();
        Report report = new Report(dir, "Split-brain pretraining on " + d.description());
        report.experiment(pc).config(pc.describePretraining()).config("device", placement.device().toString()).config("data", d.description()).config("unlabelled images", d.unlabelled().size()).config("resumed from", resume == null ? "-" : resume.toString());
        List<Double> epochLosses = p.loop().epochLosses();
        report.result("epoch_losses", epochLosses).result("step_losses", p.loop().stepLosses())
                .result("parameters", p.net().parameterCount());
        ResultSections.addLossCurve(report, "pretrain_loss.png", "Split-brain pretraining loss (CE(A) + CE(B))", p.loop().stepLosses());
        scoreColorization(report, p, d, placement);
        report.write();
        if (!epochLosses.isEmpty()) {
            out().printf(Locale.ROOT, "final epoch mean loss %.4f%n", epochLosses.get(epochLosses.size() - 1));
        }
        out().println("checkpoint: " + dir.resolve("last.safetensors"));
        out().println("report: " + dir.resolve("report.md"));
        return 0;
    }

    /** A Lab network's colorization AuC on the test split against grey and the unlabelled images' prior, when it can be scored. */
    private void scoreColorization(Report report, Pretrainer p, Data d, Placement placement) throws IOException {
        if (!p.split().space().isLab() || d.test().size() == 0) {
            report.paragraph("Colorization is not scored: it needs a Lab split and a test split ("
                    + p.split().space().label() + ", " + d.test().size() + " test images).");
            return;
        }
        ColorizationScore.Comparison c = ColorizationScore.compare(new Colorizer(p.net(), p.split()), d.test(), d.unlabelled(),
                SyntheticDemo.SCORED_IMAGES, placement.device());
        String on = ColorizationScore.describe(d.test(), d.unlabelled(), SyntheticDemo.SCORED_IMAGES);
        ColorizationSection.add(report, c, on);
        out().println(ColorizationSection.table(c, on).toText());
    }

    @Override
    boolean resuming() {
        return resume != null;
    }

    /** The checkpoint's settings; --epochs (to train longer) and the run options may differ. */
    private ExperimentConfig resumedConfig() throws IOException {
        String why = "a resumed run keeps the checkpoint's settings (only --epochs, --device, --workers and --out may change)";
        rejectGiven(why, ModelOptions.NAMES);
        rejectGiven(why, FIXED_ON_RESUME);
        ExperimentConfig saved = SplitBrainCheckpoint.config(resume);
        boolean moreEpochs = spec.commandLine().getParseResult().hasMatchedOption("--epochs");
        return moreEpochs ? saved.withPretrain(Usage.check(() -> saved.pretrain().withEpochs(budget.epochs))) : saved;
    }
}
