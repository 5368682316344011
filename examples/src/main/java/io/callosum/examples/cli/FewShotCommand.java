package io.callosum.examples.cli;

import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.eval.FeatureSource;
import io.callosum.splitbrain.experiments.FewShotTable;
import io.callosum.splitbrain.report.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;

/** Few-shot linear probes: k labelled images per class, on the best layer of each network, mean ± std over seeds. */
@Command(name = "fewshot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Few-shot classification: for each k, a linear probe trained on k labelled images per class "
                + "(drawn per seed) on the frozen features of the network's best layer (chosen by a full-data probe), "
                + "scored on the test set; mean ± std over seeds. Compares --checkpoint (from 'callosum pretrain') with "
                + "random initialisation. For grey data (fashion-mnist) see 'callosum reproduce fewshot'."})
final class FewShotCommand extends CommandBase {
    private static final ExperimentConfig PAPER = Preset.PAPER.config();

    @Mixin NetworkOptions network = new NetworkOptions();
    @Mixin FewShotOptions fewShot = new FewShotOptions(PAPER.eval().fewShot());
    @Mixin ProbeOptions probe = new ProbeOptions(PAPER.eval().probe());

    @Override
    int execute(ProgressListener progress) throws Exception {
        NetworkOptions.Evaluation e = network.open(this, "Few-shot classification", true,
                eval -> eval.withProbe(probe.applyTo(eval.probe())).withFewShot(fewShot.applyTo(eval.fewShot())));
        List<FeatureSource> sources = e.nets().stream().<FeatureSource>map(Pretrained::features).toList();
        Table t = FewShotTable.run(sources, e.data().train(), e.data().test(), e.experiment(), e.placement(), e.report(), progress);
        finish(e.report(), t, "");
        return 0;
    }
}
