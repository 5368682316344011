package io.callosum.splitbrain.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;

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

    /** One named series of (x, y) points, with an optional ± error drawn as a shaded band around the line. */
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
        Color[] palette = chart.getStyler().getTheme().getSeriesColors();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            Color colour = palette[i % palette.length];
            if (s.error() != null) band(chart, s, colour);
            XYSeries xy = chart.addSeries(s.name(), s.x(), s.y());
            xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            xy.setLineColor(colour);
            xy.setMarkerColor(colour);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * y ± error as a translucent polygon (upper edge left to right, lower edge back), under the line and out of the
     * legend: with several methods' curves crossing, error bars at shared x values hide each other; bands stay readable.
     */
    private static void band(XYChart chart, Series s, Color colour) {
        int n = s.x().length;
        double[] px = new double[2 * n], py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = s.x()[i];
            py[i] = s.y()[i] + s.error()[i];
            px[2 * n - 1 - i] = s.x()[i];
            py[2 * n - 1 - i] = s.y()[i] - s.error()[i];
        }
        XYSeries area = chart.addSeries(s.name() + " ± std", px, py);
        area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        area.setFillColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 60));
        area.setLineColor(new Color(0, 0, 0, 0));
        area.setMarker(SeriesMarkers.NONE);
        area.setShowInLegend(false);
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
