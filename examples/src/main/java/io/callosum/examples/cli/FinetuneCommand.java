package io.callosum.examples.cli;

import io.callosum.splitbrain.config.Budget;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.eval.Accuracy;
import io.callosum.splitbrain.eval.FineTuner;
import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.ResultSections;
import io.callosum.splitbrain.report.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.Locale;

/** Fine-tunes a pretrained split-brain network (or a random one) as a classifier and reports test accuracy. */
@Command(name = "finetune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fine-tunes the whole network as a classifier (both halves' features → global average pool → "
                + "dropout → linear) on the labelled training images and reports test top-1/top-5. Starts from "
                + "--checkpoint (from 'callosum pretrain') or, without one, from random initialisation."})
final class FinetuneCommand extends CommandBase {
    @Mixin NetworkOptions network = new NetworkOptions();
    @Mixin BudgetOptions budget = new BudgetOptions(Preset.PAPER.config().eval().finetune());

    @Override
    int execute(ProgressListener progress) throws Exception {
        NetworkOptions.Evaluation e = network.open(this, "Fine-tuning", false, eval -> eval.withFinetune(budget.budget()));
        Pretrained net = e.first();
        Budget settings = e.experiment().eval().finetune();
        FineTuner.Result r = FineTuner.run(net.net(), net.split(), e.data().train(), e.data().test(), settings, e.experiment().seed(),
                e.placement(), progress);
        Accuracy a = r.accuracy();
        Report report = e.report().config("budget", settings.describe());
        Table t = new Table("finetune", "Fine-tuned test accuracy", List.of("start", "top-1", "top-1 95 % CI", "top-5", "test images"));
        t.row(net.name(), a.top1(), ResultSections.interval(a), a.top5(), a.total());
        report.table(t).result("top1", a.top1()).result("top5", a.top5()).result("top1_ci95", a.top1Interval())
                .result("step_losses", r.losses());
        ResultSections.addLossCurve(report, "finetune_loss.png", "Fine-tuning loss (cross-entropy)", r.losses());
        finish(report, t, String.format(Locale.ROOT, "fine-tuned %s: %.1f %% top-1, %.1f %% top-5 on %d test images%n",
                net.name(), 100 * a.top1(), 100 * a.top5(), a.total()));
        return 0;
    }
}
