package io.callosum.splitbrain.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** PNG charts for reports (headless AWT through XChart). */
public final class Plots {
    private Plots() {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** One named series of (x, y) points, with optional error bars. */
    public record Series(String name, double[] x, double[] y, double[] error) {
        /** A series without error bars. */
        public Series(String name, double[] x, double[] y) {
            this(name, x, y, null);
        }
    }

    /** Writes a line chart of series to png (x on a log scale when logX). */
    public static void line(Path png, String title, String xLabel, String yLabel, List<Series> series, boolean logX) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        // below the plot: inside, the legend hid the curves' last points (the 64-shot end of few-shot curves)
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setMarkerSize(6);
        for (Series s : series) {
            XYSeries xy = s.error() == null ? chart.addSeries(s.name(), s.x(), s.y()) : chart.addSeries(s.name(), s.x(), s.y(), s.error());
            xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Grouped bars: one group per category, one bar per series. */
    public static void bars(Path png, String title, String yLabel, List<String> categories, Map<String, double[]> series) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500).title(title).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLabelRotation(30);
        for (var e : series.entrySet()) {
            java.util.List<Double> ys = new java.util.ArrayList<>();
            for (double v : e.getValue()) ys.add(v);
            chart.addSeries(e.getKey(), categories, ys);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
