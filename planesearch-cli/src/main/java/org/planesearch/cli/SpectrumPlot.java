package org.planesearch.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The density plot of {@code planesearch spectrum}: the smoothed eigenvalue density on a
 * logarithmic y axis (the usual view of Hessian spectra: a bulk near 0 and a few outliers many
 * decades lower), with vertical markers at chosen eigenvalues (λ_max, 2/η of the training's
 * rates). Values below {@link #FLOOR} times the peak are drawn at that floor: a log axis cannot
 * show the zeros and the e⁻⁵⁰ tails of the kernels, and would spend most of its height on them.
 */
final class SpectrumPlot {

    /** The lowest density drawn, relative to the peak. */
    static final double FLOOR = 1e-12;

    /** A vertical line at x, named in the legend. */
    record Marker(String label, double x) {
    }

    private static final Color[] MARKER_COLORS = {new Color(0xD62728), new Color(0x2CA02C), new Color(0x9467BD),
            new Color(0xFF7F0E), new Color(0x8C564B), new Color(0xE377C2)};

    private SpectrumPlot() {
    }

    /**
     * Writes the plot as {@code base.png} and {@code base.svg}.
     *
     * @param base the path without extension
     */
    static void write(Path base, String title, double[] grid, double[] density, List<Marker> markers)
            throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYChart chart = chart(title, grid, density, markers);
        BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    }

    /** The floored values drawn for a density: max(φ, FLOOR · max φ), or FLOOR where φ is 0 everywhere. */
    static double[] floored(double[] density) {
        double peak = 0;
        for (double v : density) {
            peak = Math.max(peak, v);
        }
        double floor = peak > 0 ? FLOOR * peak : FLOOR;
        double[] y = new double[density.length];
        for (int j = 0; j < density.length; j++) {
            y[j] = Math.max(density[j], floor);
        }
        return y;
    }

    private static XYChart chart(String title, double[] grid, double[] density, List<Marker> markers) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle("eigenvalue")
                .yAxisTitle("density (log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        double[] y = floored(density);
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        for (double v : y) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        XYSeries s = chart.addSeries("density", grid, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(new Color(0x1F77B4));
        s.setLineWidth(1.5f);
        List<String> used = new ArrayList<>();
        for (int i = 0; i < markers.size(); i++) {
            Marker m = markers.get(i);
            String label = m.label();
            while (used.contains(label)) {
                label += " ";
            }
            used.add(label);
            XYSeries line = chart.addSeries(label, new double[] {m.x(), m.x()}, new double[] {low, high});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(MARKER_COLORS[i % MARKER_COLORS.length]);
            line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        return chart;
    }
}
