package org.planesearch.bench.report;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Log-scale line plots of f − f* (XChart), written as PNG (kept in the repository) and SVG (not
 * kept). Gaps at or below 0 are drawn at the floor given (rounding can put f a hair below f*).
 */
public final class Plots {

    /** One curve: a label and its (x, gap) points; markers for curves of few measured points. */
    public record Curve(String label, double[] x, double[] gap, boolean markers) {
    }

    /** Fourteen colours that stay apart (Kelly's list, less white and the palest). */
    private static final java.awt.Color[] PALETTE = {
        new java.awt.Color(0x222222), new java.awt.Color(0xF3C300), new java.awt.Color(0x875692), new java.awt.Color(0xF38400),
        new java.awt.Color(0xA1CAF1), new java.awt.Color(0xBE0032), new java.awt.Color(0x848482), new java.awt.Color(0x008856),
        new java.awt.Color(0xE68FAC), new java.awt.Color(0x0067A5), new java.awt.Color(0xF99379), new java.awt.Color(0x604E97),
        new java.awt.Color(0x8DB600), new java.awt.Color(0x654522)};

    private Plots() {
    }

    public static void gapPlot(Path file, String title, String xTitle, List<Curve> curves, double floor) throws IOException {
        XYChart chart = new XYChartBuilder().width(1200).height(620).title(title).xAxisTitle(xTitle).yAxisTitle("f − f*").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        chart.getStyler().setSeriesColors(PALETTE);
        chart.getStyler().setMarkerSize(6);
        boolean any = false;
        for (Curve c : curves) {
            if (c.x().length == 0) {
                continue;
            }
            double[] y = new double[c.gap().length];
            for (int i = 0; i < y.length; i++) {
                double g = c.gap()[i];
                y[i] = Double.isFinite(g) ? Math.max(g, floor) : Double.NaN;
            }
            int m = 0;
            for (double v : y) {
                if (!Double.isNaN(v)) {
                    m++;
                }
            }
            if (m == 0) {
                continue;
            }
            double[] xs = new double[m];
            double[] ys = new double[m];
            int k = 0;
            for (int i = 0; i < y.length; i++) {
                if (!Double.isNaN(y[i])) {
                    xs[k] = c.x()[i];
                    ys[k++] = y[i];
                }
            }
            XYSeries s = chart.addSeries(c.label(), xs, ys);
            s.setMarker(c.markers() ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            s.setLineStyle(new BasicStroke(c.markers() ? 1.2f : 2f));
            any = true;
        }
        if (!any) {
            return;
        }
        String base = file.toString();
        BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, base, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    }
}
