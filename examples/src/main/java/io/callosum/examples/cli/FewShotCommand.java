package io.callosum.examples.cli;

import io.callosum.splitbrain.eval.FeatureSet;
import io.callosum.splitbrain.eval.FewShot;
import io.callosum.splitbrain.eval.LinearProbe;
import io.callosum.splitbrain.experiments.ProbeTable;
import io.callosum.splitbrain.report.Plots;
import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Few-shot linear probes: k labelled images per class, on the best layer of each network, mean ± std over seeds. */
@Command(name = "fewshot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Few-shot classification: for each k, a linear probe trained on k labelled images per class "
                + "(drawn per seed) on the frozen features of the network's best layer (chosen by a full-data probe), "
                + "scored on the test set; mean ± std over seeds. Compares --checkpoint (from 'callosum pretrain') with "
                + "random initialisation. For grey data (fashion-mnist) see 'callosum reproduce fewshot'."})
final class FewShotCommand extends CommandBase {
    @Mixin
    DataOptions data = new DataOptions("synthetic");

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "A checkpoint written by 'callosum pretrain'.")
    Path checkpoint;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--shots", paramLabel = "K", split = ",", description = "Labelled images per class (default: ${DEFAULT-VALUE}).")
    int[] shots = FewShot.DEFAULT_SHOTS.clone();

    @Option(names = "--seeds", paramLabel = "N", description = "Draws of the k images per class (default: ${DEFAULT-VALUE}).")
    int seeds = 3;

    @Mixin
    ProbeOptions probe = new ProbeOptions();

    @Override
    int execute(ProgressListener progress) throws Exception {
        if (seeds < 1) throw new CliUsageException("--seeds must be at least 1, got " + seeds);
        for (int k : shots) if (k < 1) throw new CliUsageException("--shots must all be at least 1, got " + k);
        Data d = DataSources.open(data, run.seed()).requireSplitBrainImages();
        Pretrained net = Pretrained.loadOrRandom(this, checkpoint, model, run.seed(), run.device());
        List<Pretrained> nets = net.isRandom() ? List.of(net) : List.of(net, net.randomTwin(run.seed()));
        LinearProbe.Config cfg = probe.config(run.seed());
        int classes = d.train().numClasses();

        List<String> header = new ArrayList<>(List.of("method", "layer"));
        for (int k : shots) header.add(k + "-shot");
        Table t = new Table("fewshot", "Few-shot linear probes (test top-1, mean ± std over " + seeds + " seeds)", header);
        List<Plots.Series> curves = new ArrayList<>();
        Map<String, Object> json = new LinkedHashMap<>();
        for (Pretrained p : nets) {
            FeatureSet tr = FeatureSet.extract(p.features(), d.train(), probe.extractBatch, run.workers());
            FeatureSet te = FeatureSet.extract(p.features(), d.test(), probe.extractBatch, run.workers());
            int layer = ProbeTable.run(p.name(), tr, te, classes, cfg, progress).bestLayer();
            List<FewShot.Point> points = FewShot.run(tr, te, layer, classes, shots, seeds, cfg);
            List<Object> row = new ArrayList<>(List.of(p.name(), tr.layers().get(layer)));
            double[] x = new double[points.size()], y = new double[points.size()], e = new double[points.size()];
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                FewShot.Point pt = points.get(i);
                row.add(String.format(Locale.ROOT, "%.3f ± %.3f", pt.mean(), pt.std()));
                x[i] = pt.shots();
                y[i] = pt.mean();
                e[i] = pt.std();
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("k", pt.shots());
                cell.put("top1", pt.top1());
                cell.put("top5", pt.top5());
                cells.add(cell);
            }
            t.row(row.toArray());
            curves.add(new Plots.Series(p.name(), x, y, e));
            Map<String, Object> method = new LinkedHashMap<>();
            method.put("layer", tr.layers().get(layer));
            method.put("fewshot", cells);
            json.put(p.name(), method);
        }
        Path dir = run.out("fewshot");
        Report report = new Report(dir, "Few-shot classification on " + d.description());
        report.config("checkpoint", checkpoint == null ? "none (random init only)" : checkpoint.toString())
                .config("architecture", net.net().architecture().label()).config("colour space", net.split().space().label())
                .config("data", d.description()).config("train pool", d.train().size()).config("test", d.test().size())
                .config("seeds", seeds).config("probe", cfg.toString());
        report.table(t).result("methods", json);
        Plots.line(report.file("fewshot.png"), "Few-shot linear probe accuracy", "labelled images per class (k)", "test top-1", curves, true);
        report.figure("fewshot.png", "Few-shot accuracy (mean ± std over seeds)");
        report.write();
        out().println();
        out().println(t.toText());
        out().println("report: " + dir.resolve("report.md"));
        return 0;
    }
}
