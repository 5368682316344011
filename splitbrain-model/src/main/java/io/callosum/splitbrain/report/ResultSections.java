package io.callosum.splitbrain.report;

import io.callosum.splitbrain.eval.Accuracy;
import io.callosum.splitbrain.experiments.ProbeTable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report sections experiments and commands share, so that the same result reads the same everywhere: per-layer
 * linear probes (table, JSON, bar chart, best-layer lines) and per-step loss curves.
 */
public final class ResultSections {
    private ResultSections() {
    }

    /** Rows: layers; per method its top-1, the 95 % Wilson interval of top-1, and top-5. */
    public static Table probeTable(List<ProbeTable> methods) {
        List<String> header = new ArrayList<>(List.of("layer"));
        for (ProbeTable m : methods) header.addAll(List.of(m.method() + " top-1", m.method() + " 95 % CI", m.method() + " top-5"));
        Table t = new Table("linear_probes", "Linear probes per layer (test top-1, its 95 % Wilson interval, top-5)", header);
        List<String> layers = methods.get(0).layers();
        for (int l = 0; l < layers.size(); l++) {
            List<Object> row = new ArrayList<>(List.of(layers.get(l)));
            for (ProbeTable m : methods) {
                Accuracy a = m.accuracies().get(l);
                row.add(a.top1());
                row.add(interval(a));
                row.add(a.top5());
            }
            t.row(row.toArray());
        }
        return t;
    }

    /** "[0.581, 0.642]": the 95 % Wilson interval of top-1. */
    public static String interval(Accuracy a) {
        double[] i = a.top1Interval();
        return String.format(Locale.ROOT, "[%.3f, %.3f]", i[0], i[1]);
    }

    /** Adds the probe table, every number (results "probes") and the per-layer bar chart to a report. */
    public static void addProbes(Report report, List<ProbeTable> methods) throws IOException {
        report.table(probeTable(methods));
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, double[]> bars = new LinkedHashMap<>();
        for (ProbeTable m : methods) {
            List<Map<String, Object>> rows = new ArrayList<>();
            double[] top1 = new double[m.layers().size()];
            for (int l = 0; l < top1.length; l++) {
                Accuracy a = m.accuracies().get(l);
                top1[l] = a.top1();
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("layer", m.layers().get(l));
                r.put("top1", a.top1());
                r.put("top5", a.top5());
                r.put("top1_ci95", a.top1Interval());
                r.put("n", a.total());
                rows.add(r);
            }
            json.put(m.method(), rows);
            bars.put(m.method(), top1);
        }
        report.result("probes", json);
        Plots.bars(report.file("probe_accuracy.png"), "Linear-probe top-1 per layer", "top-1 accuracy", methods.get(0).layers(), bars);
        report.figure("probe_accuracy.png", "Linear-probe test accuracy per layer");
    }

    /** "split-brain: best layer conv4, 61.2 % top-1 (95 % CI [0.581, 0.642])", a line per method. */
    public static String bestLines(List<ProbeTable> methods) {
        StringBuilder sb = new StringBuilder();
        for (ProbeTable m : methods) {
            Accuracy a = m.best();
            sb.append(String.format(Locale.ROOT, "%s: best layer %s, %.1f %% top-1 (95 %% CI %s)%n",
                    m.method(), m.layers().get(m.bestLayer()), 100 * a.top1(), interval(a)));
        }
        return sb.toString();
    }

    /** A per-step training-loss curve as a figure; nothing when there are no steps. */
    public static void addLossCurve(Report report, String file, String title, List<Double> losses) throws IOException {
        if (losses.isEmpty()) return;
        double[] x = new double[losses.size()], y = new double[losses.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = losses.get(i);
        }
        Plots.line(report.file(file), title, "step", "loss", List.of(new Plots.Series("training loss", x, y)), false);
        report.figure(file, title + " per step");
    }
}
