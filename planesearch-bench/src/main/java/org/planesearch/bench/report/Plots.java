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

    private Plots() {
    }

    public static void gapPlot(Path file, String title, String xTitle, List<Curve> curves, double floor) throws IOException {
        XYChart chart = new XYChartBuilder().width(960).height(600).title(title).xAxisTitle(xTitle).yAxisTitle("f − f*").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
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
