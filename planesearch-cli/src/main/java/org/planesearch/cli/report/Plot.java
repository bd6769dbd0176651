package org.planesearch.cli.report;

import java.util.List;

/**
 * One plot of a report, as data: what {@link PlotRenderer} draws and {@link ReportPage} shows.
 * Every series holds finite points only, and only positive y values when {@code logY}.
 *
 * @param name the file base name ({@code objective-passes}: {@code objective-passes.png} and {@code .svg})
 * @param title the plot's title (ASCII: drawn by Java's fonts)
 * @param xTitle the x axis's title
 * @param yTitle the y axis's title
 * @param logY whether the y axis is logarithmic
 * @param series at least one series, each with at least one point
 * @param notes what the reader must know to read the plot right (an axis fallen back to linear,
 *     points left out, thinning); may be empty
 */
public record Plot(String name, String title, String xTitle, String yTitle, boolean logY, List<Series> series,
                   List<String> notes) {

    public Plot {
        series = List.copyOf(series);
        notes = List.copyOf(notes);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("Plot " + name + ": no series");
        }
    }

    /**
     * One line of a plot.
     *
     * @param label the legend entry
     * @param x the x values
     * @param y the y values (as many as x)
     * @param color the index of the line's colour in the palette (the run, or the series of a single run)
     * @param dash the index of the line's dash pattern (0 solid: the series within a run)
     * @param markers whether to mark the points (sparse series, such as test metrics every N iterations)
     */
    public record Series(String label, double[] x, double[] y, int color, int dash, boolean markers) {
        public Series {
            if (x.length != y.length || x.length == 0) {
                throw new IllegalArgumentException("Series " + label + ": " + x.length + " x and " + y.length + " y values");
            }
            x = x.clone();
            y = y.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        /** The number of points. */
        public int size() {
            return x.length;
        }
    }
}
