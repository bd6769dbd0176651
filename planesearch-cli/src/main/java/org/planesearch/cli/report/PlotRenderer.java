package org.planesearch.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link Plot} with XChart as {@code NAME.png} and {@code NAME.svg}. Colours are the
 * ten of matplotlib's "tab10" (distinguishable, and familiar from papers); dash patterns tell the
 * series of one run apart (its layers, or inner iterations from trials). The legend sits outside
 * the plot area, on the right, so that it never hides a line.
 */
public final class PlotRenderer {

    /** The image size in pixels. */
    public static final int WIDTH = 900;

    /** The image height in pixels. */
    public static final int HEIGHT = 480;

    private static final Color[] PALETTE = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C),
            new Color(0xD62728), new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F),
            new Color(0xBCBD22), new Color(0x17BECF)};

    private static final float[][] DASHES = {null, {7f, 4f}, {2f, 3f}, {9f, 3f, 2f, 3f}, {14f, 5f}};

    private PlotRenderer() {
    }

    /**
     * Writes the plot's PNG and SVG into the folder and returns the PNG's bytes (for embedding).
     */
    public static byte[] write(Plot plot, Path folder) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYChart chart = chart(plot);
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        Files.write(OutputNames.inside(folder, plot.name() + ".png"), png);
        try (OutputStream svg = Files.newOutputStream(OutputNames.inside(folder, plot.name() + ".svg"))) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        }
        return png;
    }

    /** The palette's colour of index i as a CSS colour ("#1f77b4"), for the page's legend swatches. */
    public static String hex(int i) {
        return String.format(java.util.Locale.ROOT, "#%06x", PALETTE[Math.floorMod(i, PALETTE.length)].getRGB() & 0xFFFFFF);
    }

    static XYChart chart(Plot plot) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(plot.title()).xAxisTitle(plot.xTitle())
                .yAxisTitle(plot.yTitle() + (plot.logY() ? " (log scale)" : "")).build();
        var styler = chart.getStyler();
        styler.setYAxisLogarithmic(plot.logY());
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesVisible(true);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setMarkerSize(5);
        Set<String> used = new HashSet<>();
        for (Plot.Series s : plot.series()) {
            String label = s.label();
            while (!used.add(label)) {
                label += " ";
            }
            XYSeries line = chart.addSeries(label, s.x(), s.y());
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            Color color = PALETTE[Math.floorMod(s.color(), PALETTE.length)];
            line.setLineColor(color);
            line.setMarkerColor(color);
            line.setMarker(s.markers() ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            float[] dash = DASHES[Math.floorMod(s.dash(), DASHES.length)];
            line.setLineStyle(dash == null ? new BasicStroke(1.6f)
                    : new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
        }
        return chart;
    }
}
