package io.callosum.examples.cli;

import io.callosum.splitbrain.eval.Accuracy;
import io.callosum.splitbrain.eval.FineTuner;
import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.Table;
import io.callosum.splitbrain.train.Budget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Fine-tunes a pretrained split-brain network (or a random one) as a classifier and reports test accuracy. */
@Command(name = "finetune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fine-tunes the whole network as a classifier (both halves' features → global average pool → "
                + "dropout → linear) on the labelled training images and reports test top-1/top-5. Starts from "
                + "--checkpoint (from 'callosum pretrain') or, without one, from random initialisation."})
final class FinetuneCommand extends CommandBase {
    @Mixin
    DataOptions data = new DataOptions("synthetic");

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "A checkpoint written by 'callosum pretrain'.")
    Path checkpoint;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    BudgetOptions budget = new BudgetOptions(5, 0, 64, 1e-3, 0.5, "adam");

    @Override
    int execute(ProgressListener progress) throws Exception {
        Data d = DataSources.open(data, run.seed()).requireSplitBrainImages();
        Budget b = budget.budget(run.seed(), run.device(), run.workers());
        Pretrained net = Pretrained.loadOrRandom(this, checkpoint, model, run.seed(), b.device());
        FineTuner.Result r = FineTuner.run(net.net(), net.split(), d.train(), d.test(), b, budget.optimizer, progress);
        Accuracy a = r.accuracy();
        Path dir = run.out("finetune");
        Report report = new Report(dir, "Fine-tuning on " + d.description());
        report.config("start", checkpoint == null ? "random initialisation" : checkpoint.toString())
                .config("architecture", net.net().architecture().label()).config("colour space", net.split().space().label())
                .config("data", d.description()).config("train", d.train().size()).config("test", d.test().size())
                .config("budget", b.toString()).config("optimizer", budget.optimizer);
        Table t = new Table("finetune", "Fine-tuned test accuracy", List.of("start", "top-1", "top-1 95 % CI", "top-5", "test images"));
        t.row(net.name(), a.top1(), ProbeReport.interval(a), a.top5(), a.total());
        report.table(t).result("top1", a.top1()).result("top5", a.top5()).result("top1_ci95", a.top1Interval())
                .result("step_losses", r.losses());
        LossPlot.add(report, "finetune_loss.png", "Fine-tuning loss (cross-entropy)", r.losses());
        report.write();
        out().println();
        out().println(t.toText());
        out().printf(Locale.ROOT, "fine-tuned %s: %.1f %% top-1, %.1f %% top-5 on %d test images%n", net.name(), 100 * a.top1(), 100 * a.top5(), a.total());
        out().println("report: " + dir.resolve("report.md"));
        return 0;
    }
}
