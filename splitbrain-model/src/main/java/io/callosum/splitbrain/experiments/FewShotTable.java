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
 * layer; on it, for each k, probes on k labelled images per class, top-1 and top-5 mean ± std over seeds. Adds the table, every
 * number (results "methods") and the accuracy curves to a report.
 */
public final class FewShotTable {
    private FewShotTable() {
    }

    private static String meanStd(double mean, double std) {
        return String.format(Locale.ROOT, "%.3f ± %.3f", mean, std);
    }

    /** Rows: per source its top-1 row and its top-5 row (method, best layer, metric, then "mean ± std" per k). */
    public static Table run(List<FeatureSource> sources, Dataset train, Dataset test, ExperimentConfig cfg, Placement placement,
                            Report report, TrainListener listener) throws IOException {
        int[] shots = cfg.eval().fewShot().shotArray();
        int seeds = cfg.eval().fewShot().seeds();
        LinearProbe.Config probe = cfg.eval().probe().linear(cfg.seed(), train.size());
        int extractBatch = cfg.eval().probe().extractBatch();
        List<String> header = new ArrayList<>(List.of("method", "layer", "metric"));
        for (int k : shots) header.add(k + "-shot");
        Table t = new Table("fewshot", "Few-shot linear probes (test top-1 and top-5, mean ± std over " + seeds + " seeds)", header);
        Map<String, Object> json = new LinkedHashMap<>();
        List<Plots.Series> curves1 = new ArrayList<>(), curves5 = new ArrayList<>();
        for (FeatureSource src : sources) {
            FeatureSet tr = FeatureSet.extract(src, train, extractBatch, placement.workers());
            FeatureSet te = FeatureSet.extract(src, test, extractBatch, placement.workers());
            ProbeTable full = ProbeTable.run(src.name(), tr, te, train.numClasses(), probe, listener);
            int layer = full.bestLayer();
            List<FewShot.Point> points = FewShot.run(tr, te, layer, train.numClasses(), shots, seeds, probe);
            String layerName = tr.layers().get(layer);
            List<Object> row1 = new ArrayList<>(List.of(src.name(), layerName, "top-1"));
            List<Object> row5 = new ArrayList<>(List.of(src.name(), layerName, "top-5"));
            double[] x = new double[points.size()], y1 = new double[x.length], e1 = new double[x.length], y5 = new double[x.length], e5 = new double[x.length];
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                FewShot.Point p = points.get(i);
                row1.add(meanStd(p.mean(), p.std()));
                row5.add(meanStd(p.mean5(), p.std5()));
                x[i] = p.shots();
                y1[i] = p.mean();
                e1[i] = p.std();
                y5[i] = p.mean5();
                e5[i] = p.std5();
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("k", p.shots());
                c.put("top1", p.top1());
                c.put("top5", p.top5());
                cells.add(c);
            }
            t.row(row1.toArray());
            t.row(row5.toArray());
            curves1.add(new Plots.Series(src.name(), x, y1, e1));
            curves5.add(new Plots.Series(src.name(), x, y5, e5));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", layerName);
            m.put("full_probe_top1_per_layer", full.accuracies().stream().map(a -> a.top1()).toList());
            m.put("fewshot", cells);
            json.put(src.name(), m);
        }
        report.table(t).result("methods", json);
        Plots.line(report.file("fewshot.png"), "Few-shot linear probe accuracy (top-1)", "labelled images per class (k)", "test top-1", curves1, true);
        report.figure("fewshot.png", "Few-shot top-1 accuracy (mean, band ± std over seeds)");
        Plots.line(report.file("fewshot_top5.png"), "Few-shot linear probe accuracy (top-5)", "labelled images per class (k)", "test top-5", curves5, true);
        report.figure("fewshot_top5.png", "Few-shot top-5 accuracy (mean, band ± std over seeds)");
        return t;
    }
}
