package io.callosum.examples.cli;

import io.callosum.splitbrain.eval.LinearProbe;
import io.callosum.splitbrain.experiments.ProbeTable;
import io.callosum.splitbrain.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "A checkpoint written by 'callosum pretrain'.")
    Path checkpoint;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    ProbeOptions probe = new ProbeOptions();

    @Override
    int execute(ProgressListener progress) throws Exception {
        Data d = DataSources.open(data, run.seed()).requireSplitBrainImages();
        Pretrained net = Pretrained.loadOrRandom(this, checkpoint, model, run.seed(), run.device());
        LinearProbe.Config cfg = probe.config(run.seed());
        List<Pretrained> nets = net.isRandom() ? List.of(net) : List.of(net, net.randomTwin(run.seed()));
        List<ProbeTable> tables = new ArrayList<>();
        for (Pretrained p : nets) {
            tables.add(ProbeTable.run(p.features(), d.train(), d.test(), probe.extractBatch, run.workers(), cfg, progress));
        }
        Path dir = run.out("probe");
        Report report = new Report(dir, "Linear probes on " + d.description());
        report.config("checkpoint", checkpoint == null ? "none (random init only)" : checkpoint.toString())
                .config("architecture", net.net().architecture().label()).config("colour space", net.split().space().label())
                .config("data", d.description()).config("train", d.train().size()).config("test", d.test().size())
                .config("probe", cfg.toString()).config("seed", run.seed()).config("device", net.device().toString());
        ProbeReport.addTo(report, tables);
        report.write();
        out().println();
        out().println(ProbeReport.table(tables).toText());
        out().print(ProbeReport.bestLines(tables));
        out().println("report: " + dir.resolve("report.md"));
        return 0;
    }
}
