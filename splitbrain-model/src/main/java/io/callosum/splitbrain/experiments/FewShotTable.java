package io.callosum.splitbrain.experiments;

import io.callosum.nn.data.Dataset;
import io.callosum.splitbrain.config.ExperimentConfig;
import io.callosum.splitbrain.config.Placement;
import io.callosum.splitbrain.eval.FeatureSet;
import io.callosum.splitbrain.eval.FeatureSource;
import io.callosum.splitbrain.eval.FewShot;
import io.callosum.splitbrain.eval.LinearProbe;
import io.callosum.splitbrain.report.Plots;
import io.callosum.splitbrain.report.Report;
import io.callosum.splitbrain.report.Table;
import io.callosum.splitbrain.train.TrainListener;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The few-shot protocol over several feature sources: per source, a full-data linear probe per layer picks the best
 * layer; on it, for each k, probes on k labelled images per class, mean ± std over seeds. Adds the table, every
 * number (results "methods") and the accuracy curves to a report.
 */
public final class FewShotTable {
    private FewShotTable() {
    }

    public static Table run(List<FeatureSource> sources, Dataset train, Dataset test, ExperimentConfig cfg, Placement placement,
                            Report report, TrainListener listener) throws IOException {
        int[] shots = cfg.eval().fewShot().shotArray();
        int seeds = cfg.eval().fewShot().seeds();
        LinearProbe.Config probe = cfg.eval().probe().linear(cfg.seed(), train.size());
        int extractBatch = cfg.eval().probe().extractBatch();
        List<String> header = new ArrayList<>(List.of("method", "layer"));
        for (int k : shots) header.add(k + "-shot");
        Table t = new Table("fewshot", "Few-shot linear probes (test top-1, mean ± std over " + seeds + " seeds)", header);
        Map<String, Object> json = new LinkedHashMap<>();
        List<Plots.Series> curves = new ArrayList<>();
        for (FeatureSource src : sources) {
            FeatureSet tr = FeatureSet.extract(src, train, extractBatch, placement.workers());
            FeatureSet te = FeatureSet.extract(src, test, extractBatch, placement.workers());
            ProbeTable full = ProbeTable.run(src.name(), tr, te, train.numClasses(), probe, listener);
            int layer = full.bestLayer();
            List<FewShot.Point> points = FewShot.run(tr, te, layer, train.numClasses(), shots, seeds, probe);
            List<Object> row = new ArrayList<>(List.of(src.name(), tr.layers().get(layer)));
            double[] x = new double[points.size()], y = new double[points.size()], e = new double[points.size()];
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                FewShot.Point p = points.get(i);
                row.add(String.format(Locale.ROOT, "%.3f ± %.3f", p.mean(), p.std()));
                x[i] = p.shots();
                y[i] = p.mean();
                e[i] = p.std();
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("k", p.shots());
                c.put("top1", p.top1());
                c.put("top5", p.top5());
                cells.add(c);
            }
            t.row(row.toArray());
            curves.add(new Plots.Series(src.name(), x, y, e));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", tr.layers().get(layer));
            m.put("full_probe_top1_per_layer", full.accuracies().stream().map(a -> a.top1()).toList());
            m.put("fewshot", cells);
            json.put(src.name(), m);
        }
        report.table(t).result("methods", json);
        Plots.line(report.file("fewshot.png"), "Few-shot linear probe accuracy", "labelled images per class (k)", "test top-1", curves, true);
        report.figure("fewshot.png", "Few-shot accuracy (mean ± std over seeds)");
        return t;
    }
}
