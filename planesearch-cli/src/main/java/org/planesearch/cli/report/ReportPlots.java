package org.planesearch.cli.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The plots of a report, as data ({@link Plot}), from the runs' histories. All runs overlay in
 * every plot (one colour per run; with one run, one colour per series). In page order:
 * <ul>
 *   <li>{@code objective-iterations}, {@code objective-passes}, {@code objective-seconds}: f, or
 *       f − f* when every run has an f*, against iterations, data passes and training seconds
 *       (test evaluations excluded), on a log axis;</li>
 *   <li>{@code gradient-norm}: ‖∇f‖ against iterations, log axis;</li>
 *   <li>{@code learning-rates}, {@code momentum-rates}: the chosen coefficients, one series per
 *       layer of a {@code :per-layer} rule (learning rates on a log axis: they span decades across
 *       methods and layers, and the rare negative one a per-layer search may choose is left out
 *       with a note; momentum on a linear axis: its sign matters); {@code coefficients} for a run
 *       whose coefficient names are unknown;</li>
 *   <li>{@code search-effort}: the inner Newton iterations and the trials of each step's search;</li>
 *   <li>{@code test-loss}, {@code test-accuracy}: the test metrics recorded during training.</li>
 * </ul>
 * A plot without data (no steps taken, no test metrics recorded) is left out. A log axis drops
 * the values ≤ 0 it cannot show (f − f* at or below f*, a zero gradient, a negative learning rate)
 * or, where those values carry the plot's meaning (an objective or test loss that reaches 0),
 * falls back to a linear axis; either way the plot's notes say so. A log axis also falls back to
 * linear where the values span less than a decade (it would label no value). Series are thinned to {@value #MAX_POINTS} points for drawing.
 */
public final class ReportPlots {

    /** The most points drawn per series; longer histories are thinned evenly (first and last kept). */
    public static final int MAX_POINTS = 2000;

    /** Every plot name a report may hold, in page order. */
    public static final List<String> NAMES = List.of("objective-iterations", "objective-passes", "objective-seconds",
            "gradient-norm", "learning-rates", "momentum-rates", "coefficients", "search-effort", "test-loss",
            "test-accuracy");

    /** A log axis is used only where the positive values span at least this factor (one decade). */
    static final double DECADE = 10;

    /** What a log axis does with values ≤ 0. */
    private enum NonPositive {
        /** Leave them out: they are below what the plot is about. */
        DROP,
        /** Draw everything on a linear axis instead. */
        LINEAR
    }

    /**
     * The plots and the notes that concern them all.
     *
     * @param plots the plots with data, in page order
     * @param notes notes for the whole page (such as how seconds are counted)
     */
    public record Result(List<Plot> plots, List<String> notes) {
        public Result {
            plots = List.copyOf(plots);
            notes = List.copyOf(notes);
        }
    }

    private ReportPlots() {
    }

    /**
     * Builds the plots.
     *
     * @param runs the runs, at least one
     * @param fStar f* per run (NaN where unknown); f − f* is drawn when no entry is NaN
     */
    public static Result build(List<Run> runs, double[] fStar) {
        if (runs.isEmpty() || fStar.length != runs.size()) {
            throw new IllegalArgumentException("ReportPlots: " + runs.size() + " runs and " + fStar.length + " f* values");
        }
        boolean gap = true;
        for (double v : fStar) {
            gap &= !Double.isNaN(v);
        }
        String yTitle = gap ? "f - f*" : "objective f";
        String what = gap ? "Optimality gap f - f*" : "Objective f";
        NonPositive objectivePolicy = gap ? NonPositive.DROP : NonPositive.LINEAR;
        List<Plot> plots = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        double testSeconds = 0;
        for (Run run : runs) {
            testSeconds += run.last().testSeconds();
        }

        add(plots, objective(runs, fStar, gap, "objective-iterations", what + " by iteration", "iteration", yTitle,
                r -> r.iteration(), objectivePolicy));
        add(plots, objective(runs, fStar, gap, "objective-passes", what + " by data pass", "passes through the data",
                yTitle, r -> r.passes(), objectivePolicy));
        add(plots, objective(runs, fStar, gap, "objective-seconds", what + " by time", "seconds (training)", yTitle,
                HistoryRow::trainingSeconds, objectivePolicy));
        if (testSeconds > 0) {
            notes.add("Seconds count training only: the " + seconds(testSeconds) + " spent evaluating the test metrics "
                    + "during training are left out.");
        }

        Draft gradient = new Draft("gradient-norm", "Gradient norm by iteration", "iteration", "||grad f||", true,
                NonPositive.DROP);
        for (int i = 0; i < runs.size(); i++) {
            Line line = gradient.line(runs.get(i).label(), i, 0, false);
            for (HistoryRow r : runs.get(i).rows()) {
                line.add(r.iteration(), r.gradientNorm());
            }
        }
        add(plots, gradient.finish(runs.size()));

        Draft learning = new Draft("learning-rates", "Chosen learning rates", "iteration", "learning rate", true,
                NonPositive.DROP);
        Draft momentum = new Draft("momentum-rates", "Chosen momentum rates", "iteration", "momentum", false,
                NonPositive.LINEAR);
        Draft other = new Draft("coefficients", "Step coefficients (names unknown: no summary.json)", "iteration",
                "coefficient", false, NonPositive.LINEAR);
        for (int i = 0; i < runs.size(); i++) {
            coefficients(runs.get(i), i, runs.size() > 1, learning, momentum, other);
        }
        add(plots, learning.finish(runs.size()));
        add(plots, momentum.finish(runs.size()));
        add(plots, other.finish(runs.size()));

        Draft effort = new Draft("search-effort", "Step search: inner Newton iterations and trials per step", "iteration",
                "per step", false, NonPositive.LINEAR);
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            String prefix = runs.size() > 1 ? run.label() + ": " : "";
            Line inner = effort.line(prefix + "inner Newton iterations", i, 0, false);
            Line trials = effort.line(prefix + "trials", i, 1, false);
            for (HistoryRow r : run.rows()) {
                if (r.iteration() > 0 && r.innerIterations() >= 0) {
                    inner.add(r.iteration(), r.innerIterations());
                }
                if (r.iteration() > 0 && r.trials() >= 0) {
                    trials.add(r.iteration(), r.trials());
                }
            }
        }
        add(plots, effort.finish(runs.size()));

        Draft testLoss = new Draft("test-loss", "Test loss during training", "iteration", "mean test loss", true,
                NonPositive.LINEAR);
        Draft testAccuracy = new Draft("test-accuracy", "Test accuracy during training", "iteration", "test accuracy (%)",
                false, NonPositive.LINEAR);
        for (int i = 0; i < runs.size(); i++) {
            Line loss = testLoss.line(runs.get(i).label(), i, 0, true);
            Line accuracy = testAccuracy.line(runs.get(i).label(), i, 0, true);
            for (HistoryRow r : runs.get(i).rows()) {
                if (!Double.isNaN(r.testLoss())) {
                    loss.add(r.iteration(), r.testLoss());
                }
                if (!Double.isNaN(r.testAccuracy())) {
                    accuracy.add(r.iteration(), 100 * r.testAccuracy());
                }
            }
        }
        add(plots, testLoss.finish(runs.size()));
        add(plots, testAccuracy.finish(runs.size()));
        return new Result(plots, notes);
    }

    private static Plot objective(List<Run> runs, double[] fStar, boolean gap, String name, String title, String xTitle,
                                  String yTitle, ToDoubleFunction<HistoryRow> x, NonPositive policy) {
        Draft d = new Draft(name, title, xTitle, yTitle, true, policy);
        for (int i = 0; i < runs.size(); i++) {
            Line line = d.line(runs.get(i).label(), i, 0, false);
            for (HistoryRow r : runs.get(i).rows()) {
                line.add(x.applyAsDouble(r), gap ? r.f() - fStar[i] : r.f());
            }
        }
        return d.finish(runs.size());
    }

    /** One series per coefficient name, into the learning-rate, momentum or unnamed plot. */
    private static void coefficients(Run run, int index, boolean several, Draft learning, Draft momentum, Draft other) {
        Map<String, Line> lines = new LinkedHashMap<>();
        int[] perDraft = new int[3];
        for (HistoryRow r : run.rows()) {
            if (r.coefficientCount() == 0) {
                continue;
            }
            List<String> names = run.names(r);
            for (int j = 0; j < names.size(); j++) {
                String name = names.get(j);
                Line line = lines.get(name);
                if (line == null) {
                    int which = name.endsWith(CoefficientNames.LEARNING_RATE) ? 0
                            : name.contains(CoefficientNames.MOMENTUM) ? 1 : 2;
                    Draft d = which == 0 ? learning : which == 1 ? momentum : other;
                    line = d.line(several ? run.label() + ": " + name : name, index, perDraft[which]++, false);
                    lines.put(name, line);
                }
                line.add(r.iteration(), r.coefficient(j));
            }
        }
    }

    private static void add(List<Plot> plots, Plot p) {
        if (p != null) {
            plots.add(p);
        }
    }

    /** Seconds for a note: "0.42 s", "12.3 s". */
    static String seconds(double s) {
        return String.format(Locale.ROOT, s < 10 ? "%.2g s" : "%.1f s", s);
    }

    /** A growing series. */
    private static final class Line {
        final String label;
        final int run;
        final int inRun;
        final boolean markers;
        double[] x = new double[64];
        double[] y = new double[64];
        int n;

        Line(String label, int run, int inRun, boolean markers) {
            this.label = label;
            this.run = run;
            this.inRun = inRun;
            this.markers = markers;
        }

        void add(double xv, double yv) {
            if (n == x.length) {
                x = Arrays.copyOf(x, 2 * n);
                y = Arrays.copyOf(y, 2 * n);
            }
            x[n] = xv;
            y[n] = yv;
            n++;
        }
    }

    /** A plot being built: its lines, then {@link #finish} applies the axis rules. */
    private static final class Draft {
        final String name;
        final String title;
        final String xTitle;
        final String yTitle;
        final boolean wantLog;
        final NonPositive policy;
        final List<Line> lines = new ArrayList<>();

        Draft(String name, String title, String xTitle, String yTitle, boolean wantLog, NonPositive policy) {
            this.name = name;
            this.title = title;
            this.xTitle = xTitle;
            this.yTitle = yTitle;
            this.wantLog = wantLog;
            this.policy = policy;
        }

        Line line(String label, int run, int inRun, boolean markers) {
            Line l = new Line(label, run, inRun, markers);
            lines.add(l);
            return l;
        }

        /** The plot, or null when no line has a finite point. */
        Plot finish(int runs) {
            List<String> notes = new ArrayList<>();
            int nonFinite = 0;
            int nonPositive = 0;
            double low = Double.POSITIVE_INFINITY;
            double high = 0;
            for (Line l : lines) {
                for (int i = 0; i < l.n; i++) {
                    if (!Double.isFinite(l.x[i]) || !Double.isFinite(l.y[i])) {
                        nonFinite++;
                    } else if (l.y[i] <= 0) {
                        nonPositive++;
                    } else {
                        low = Math.min(low, l.y[i]);
                        high = Math.max(high, l.y[i]);
                    }
                }
            }
            // a log axis labels only powers of 10: under a decade it would show no value at all
            boolean narrow = wantLog && !(high >= DECADE * low);
            boolean log = wantLog && !narrow && (nonPositive == 0 || policy == NonPositive.DROP);
            if (nonFinite > 0) {
                notes.add(count(nonFinite, "value") + " that " + (nonFinite == 1 ? "is" : "are")
                        + " NaN or infinite " + (nonFinite == 1 ? "is" : "are") + " not drawn.");
            }
            if (narrow) {
                notes.add("Linear y axis: the values span less than a factor of 10"
                        + (nonPositive > 0 ? ", and some are 0 or negative." : "."));
            } else if (wantLog && nonPositive > 0) {
                notes.add(log ? count(nonPositive, "point") + " at or below 0 " + (nonPositive == 1 ? "is" : "are")
                        + " not drawn on the log axis (history.csv has " + (nonPositive == 1 ? "it" : "them") + ")." : "Linear y axis: some values are 0 or negative, which a log axis "
                        + "cannot show.");
            }
            List<Plot.Series> series = new ArrayList<>();
            boolean thinned = false;
            for (Line l : lines) {
                double[] x = new double[l.n];
                double[] y = new double[l.n];
                int m = 0;
                for (int i = 0; i < l.n; i++) {
                    if (Double.isFinite(l.x[i]) && Double.isFinite(l.y[i]) && (!log || l.y[i] > 0)) {
                        x[m] = l.x[i];
                        y[m] = l.y[i];
                        m++;
                    }
                }
                if (m == 0) {
                    continue;
                }
                int[] keep = thin(m, MAX_POINTS);
                thinned |= keep.length < m;
                double[] xs = new double[keep.length];
                double[] ys = new double[keep.length];
                for (int i = 0; i < keep.length; i++) {
                    xs[i] = x[keep[i]];
                    ys[i] = y[keep[i]];
                }
                int color = runs == 1 ? series.size() : l.run;
                int dash = runs == 1 ? 0 : l.inRun;
                // a single point is drawn as a marker: a line through one point is invisible
                series.add(new Plot.Series(l.label, xs, ys, color, dash, l.markers || xs.length == 1));
            }
            if (series.isEmpty()) {
                return null;
            }
            if (thinned) {
                notes.add("Series of more than " + String.format(Locale.ROOT, "%,d", MAX_POINTS) + " points are thinned "
                        + "evenly for drawing (history.csv has every row).");
            }
            return new Plot(name, title, xTitle, yTitle, log, series, notes);
        }
    }

    /** The indices kept of n points when at most max are drawn: evenly spaced, first and last included. */
    static int[] thin(int n, int max) {
        if (n <= max) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] keep = new int[max];
        for (int i = 0; i < max; i++) {
            keep[i] = (int) ((long) i * (n - 1) / (max - 1));
        }
        return keep;
    }

    private static String count(int n, String noun) {
        return String.format(Locale.ROOT, "%,d", n) + " " + noun + (n == 1 ? "" : "s");
    }
}
