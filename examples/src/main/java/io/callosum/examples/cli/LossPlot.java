package io.callosum.examples.cli;

import io.callosum.splitbrain.report.Plots;
import io.callosum.splitbrain.report.Report;

import java.io.IOException;
import java.util.List;

/** A per-step training-loss curve in a report. */
final class LossPlot {
    private LossPlot() {
    }

    static void add(Report report, String file, String title, List<Double> losses) throws IOException {
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
