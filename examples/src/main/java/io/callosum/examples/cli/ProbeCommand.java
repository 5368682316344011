package io.callosum.examples.cli;

import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.config.ProbeConfig;
import io.callosum.splitbrain.experiments.ProbeTable;
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
    @Mixin NetworkOptions network = new NetworkOptions();
    @Mixin ProbeOptions probe = new ProbeOptions(Preset.PAPER.config().eval().probe());

    @Override
    int execute(ProgressListener progress) throws Exception {
        NetworkOptions.Evaluation e = network.open(this, "Linear probes", true, eval -> eval.withProbe(probe.applyTo(eval.probe())));
        ProbeConfig settings = e.experiment().eval().probe();
        List<ProbeTable> tables = new ArrayList<>();
        for (Pretrained p : e.nets()) {
            tables.add(ProbeTable.run(p.features(), e.data().train(), e.data().test(), settings.extractBatch(), e.placement().workers(),
                    settings.linear(e.experiment().seed(), e.data().train().size()), progress));
        }
        ResultSections.addProbes(e.report(), tables);
        finish(e.report(), ResultSections.probeTable(tables), ResultSections.bestLines(tables));
        return 0;
    }
}
