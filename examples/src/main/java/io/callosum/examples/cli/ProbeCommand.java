package io.callosum.examples.cli;

import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.experiments.ProbeTable;
import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.ResultSections;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.ArrayList;
import java.util.List;

/** Per-layer linear probes of a pretrained network's frozen features, against the same network at random init. */
@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains one linear classifier per layer on the frozen features of a pretrained split-brain network "
                + "(--checkpoint, from 'callosum pretrain') and of the same architecture at random initialisation, and "
                + "reports test top-1/top-5 per layer. Without --checkpoint only the random-init network is probed."})
final class ProbeCommand extends CommandBase {
    @Mixin
    DataOptions data = new DataOptions("synthetic");

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Mixin
    ProbeOptions probe = new ProbeOptions();

    @Override
    int execute(ProgressListener progress) throws Exception {
        Data d = DataSources.open(data, run.seed()).requireSplitBrainImages();
        Placement placement = run.placement();
        List<Pretrained> nets = network.networks(this, run.seed(), placement);
        ExperimentConfig cfg = nets.get(0).config().withSeed(run.seed()).withEval(nets.get(0).config().eval().withProbe(probe.config()));
        List<ProbeTable> tables = new ArrayList<>();
        for (Pretrained p : nets) {
            tables.add(ProbeTable.run(p.features(), d.train(), d.test(), cfg.eval().probe().extractBatch(), placement.workers(),
                    cfg.eval().probe().linear(cfg.seed(), d.train().size()), progress));
        }
        Report report = network.report(run.out("probe"), "Linear probes", nets.get(0), d, run.seed()).experiment(cfg);
        ResultSections.addProbes(report, tables);
        finish(report, ResultSections.probeTable(tables), ResultSections.bestLines(tables));
        return 0;
    }
}
