package io.callosum.examples.cli;

import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.train.PretrainConfig;
import io.callosum.splitbrain.train.Pretrainer;
import io.callosum.tensor.Device;
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
                        + "checkpoint's settings; pass the same --data and sizes as the first run. Only --epochs, "
                        + "--device, --workers and --out may change."})
final class PretrainCommand extends CommandBase {
    private static final String[] FIXED_ON_RESUME = {"--steps", "--batch", "--lr", "--lr-decay", "--optimizer", "--seed"};

    @Mixin
    DataOptions data = new DataOptions("synthetic");

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    BudgetOptions budget;

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "Continue the run saved in this checkpoint.")
    Path resume;

    PretrainCommand() {
        PretrainConfig d = PretrainConfig.defaults();
        budget = new BudgetOptions(d.epochs(), d.stepsPerEpoch(), d.batchSize(), d.lr(), d.decayPerEpoch(), d.optimizer());
    }

    @Override
    int execute(ProgressListener progress) throws Exception {
        Device device = run.device();
        PretrainConfig pc = resume == null ? model.pretrainConfig(budget, run) : resumedConfig(device);
        Data d = DataSources.open(data, pc.seed()).requireSplitBrainImages();
        Pretrainer p = new Pretrainer(pc);
        if (resume != null) {
            p.resume(resume);
            if (p.loop().epochsDone() >= pc.epochs()) {
                throw new CliUsageException("--resume " + resume + ": the run has finished its " + p.loop().epochsDone()
                        + " epoch(s); pass --epochs N with N > " + p.loop().epochsDone() + " to train longer");
            }
            out().printf(Locale.ROOT, "resumed %s after epoch %d of %d%n", resume, p.loop().epochsDone(), pc.epochs());
        }
        Path dir = run.out("pretrain");
        out().printf(Locale.ROOT, "pretraining %s (%s split, %,d parameters) on %d images of %s, %d epoch(s), on %s; checkpoints to %s%n",
                pc.architecture().label(), pc.colorSpace().label(), p.net().parameterCount(), d.unlabelled().size(), d.description(),
                pc.epochs(), pc.device(), dir);
        p.train(d.unlabelled(), progress, () -> {
            try {
                Path epochFile = dir.resolve("epoch-" + p.loop().epochsDone() + ".safetensors");
                Files.createDirectories(dir);
                p.saveCheckpoint(epochFile);
                p.saveCheckpoint(dir.resolve("last.safetensors"));
                out().println("checkpoint: " + epochFile);
            } catch (IOException e) {
                throw new UncheckedIOException("writing a checkpoint to " + dir + ": " + e.getMessage(), e);
            }
        });
        Report report = new Report(dir, "Split-brain pretraining on " + d.description());
        pc.describe().forEach(report::config);
        report.config("data", d.description()).config("unlabelled images", d.unlabelled().size()).config("resumed from", resume == null ? "-" : resume.toString());
        List<Double> epochLosses = p.loop().epochLosses();
        report.result("epoch_losses", epochLosses).result("step_losses", p.loop().stepLosses())
                .result("parameters", p.net().parameterCount());
        LossPlot.add(report, "pretrain_loss.png", "Split-brain pretraining loss (CE(A) + CE(B))", p.loop().stepLosses());
        report.write();
        if (!epochLosses.isEmpty()) {
            out().printf(Locale.ROOT, "final epoch mean loss %.4f%n", epochLosses.get(epochLosses.size() - 1));
        }
        out().println("checkpoint: " + dir.resolve("last.safetensors"));
        out().println("report: " + dir.resolve("report.md"));
        return 0;
    }

    /** The checkpoint's settings; --epochs (to train longer) and the run options may differ. */
    private PretrainConfig resumedConfig(Device device) throws IOException {
        String why = "a resumed run keeps the checkpoint's settings (only --epochs, --device, --workers and --out may change)";
        rejectGiven(why, ModelOptions.NAMES);
        rejectGiven(why, FIXED_ON_RESUME);
        PretrainConfig saved = SplitBrainCheckpoint.config(resume, device, run.workers());
        boolean moreEpochs = spec.commandLine().getParseResult().hasMatchedOption("--epochs");
        if (moreEpochs && budget.epochs < 1) throw new CliUsageException("--epochs must be at least 1, got " + budget.epochs);
        return moreEpochs ? saved.withBudget(saved.batchSize(), budget.epochs, saved.stepsPerEpoch()) : saved;
    }
}
