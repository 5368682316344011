package io.callosum.examples.cli;

import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.FewShotConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.experiments.FewShotTable;
import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;

/** Few-shot linear probes: k labelled images per class, on the best layer of each network, mean ± std over seeds. */
@Command(name = "fewshot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Few-shot classification: for each k, a linear probe trained on k labelled images per class "
                + "(drawn per seed) on the frozen features of the network's best layer (chosen by a full-data probe), "
                + "scored on the test set; mean ± std over seeds. Compares --checkpoint (from 'callosum pretrain') with "
                + "random initialisation. For grey data (fashion-mnist) see 'callosum reproduce fewshot'."})
final class FewShotCommand extends CommandBase {
    private static final FewShotConfig DEFAULTS = Preset.PAPER.config().eval().fewShot();

    @Mixin
    DataOptions data = new DataOptions("synthetic");

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Option(names = "--shots", paramLabel = "K", split = ",", description = "Labelled images per class (default: ${DEFAULT-VALUE}).")
    int[] shots = DEFAULTS.shotArray();

    @Option(names = "--seeds", paramLabel = "N", description = "Draws of the k images per class (default: ${DEFAULT-VALUE}).")
    int seeds = DEFAULTS.seeds();

    @Mixin
    ProbeOptions probe = new ProbeOptions();

    @Override
    int execute(ProgressListener progress) throws Exception {
        FewShotConfig fewShot = Usage.check(() -> new FewShotConfig(Arrays.stream(shots).boxed().toList(), seeds));
        Data d = DataSources.open(data, run.seed()).requireSplitBrainImages();
        Placement placement = run.placement();
        List<Pretrained> nets = network.networks(this, run.seed(), placement);
        ExperimentConfig cfg = nets.get(0).config().withSeed(run.seed())
                .withEval(nets.get(0).config().eval().withProbe(probe.config()).withFewShot(fewShot));
        Report report = network.report(run.out("fewshot"), "Few-shot classification", nets.get(0), d, run.seed()).experiment(cfg);
        Table t = FewShotTable.run(nets.stream().map(p -> (io.callosum.splitbrain.eval.FeatureSource) p.features()).toList(),
                d.train(), d.test(), cfg, placement, report, progress);
        finish(report, t, "");
        return 0;
    }
}
