package org.planesearch.cli.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a report of one or more runs into a folder: {@value #PAGE} and, for every plot, its PNG
 * and SVG (see {@link ReportPlots} for the plots, {@link ReportPage} for the page). The folder
 * must exist; the caller makes the output atomic.
 */
public final class Report {

    /** The page's file name. */
    public static final String PAGE = "index.html";

    /** Every file a report may write (the page, and a PNG and an SVG per possible plot). */
    public static final List<String> FILES;

    static {
        List<String> files = new ArrayList<>();
        files.add(PAGE);
        for (String name : ReportPlots.NAMES) {
            files.add(name + ".png");
            files.add(name + ".svg");
        }
        FILES = List.copyOf(files);
    }

    /**
     * The optimal value f* of the runs' objective, for the f − f* plots.
     *
     * @param mode where f* comes from
     * @param value f* for {@link Mode#VALUE}, NaN otherwise
     */
    public record FStar(Mode mode, double value) {

        /** Where f* comes from. */
        public enum Mode {
            /** From each run's summary.json ({@code fStar}), where every run has one; else none. */
            SUMMARY,
            /** One value for all runs. */
            VALUE,
            /** The lowest f in any run's history (for runs on the same objective). */
            BEST
        }

        /** f* from the summaries. */
        public static final FStar SUMMARY = new FStar(Mode.SUMMARY, Double.NaN);

        public FStar {
            if ((mode == Mode.VALUE) != Double.isFinite(value)) {
                throw new IllegalArgumentException("FStar: a finite value goes with mode VALUE only, got " + mode + " "
                        + value);
            }
        }

        /** "best" or a finite number. */
        public static FStar parse(String text) {
            if (text.strip().equalsIgnoreCase("best")) {
                return new FStar(Mode.BEST, Double.NaN);
            }
            double v;
            try {
                v = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a number or 'best'");
            }
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("'" + text + "' is not a finite number");
            }
            return new FStar(Mode.VALUE, v);
        }
    }

    private Report() {
    }

    /**
     * Writes the report.
     *
     * @param folder an existing folder (normally empty)
     * @param title the page's title
     * @param generator who writes it ("planesearch 0.1.0")
     * @param runs the runs, at least one; labels made distinct where they clash (the folder is added)
     * @param fStar where f* comes from
     * @return the names of the files written, the page first
     */
    public static List<String> write(Path folder, String title, String generator, List<Run> runs, FStar fStar)
            throws IOException {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("Report: no runs");
        }
        List<Run> distinct = distinctLabels(runs);
        List<String> notes = new ArrayList<>();
        double[] star = fStar(distinct, fStar, notes);
        ReportPlots.Result plots = ReportPlots.build(distinct, star);
        notes.addAll(plots.notes());
        List<ReportPage.Figure> figures = new ArrayList<>();
        List<String> written = new ArrayList<>();
        written.add(PAGE);
        for (Plot p : plots.plots()) {
            figures.add(new ReportPage.Figure(p, PlotRenderer.write(p, folder)));
            written.add(p.name() + ".png");
            written.add(p.name() + ".svg");
        }
        String html = ReportPage.html(title, generator, distinct, star, figures, notes);
        Files.writeString(OutputNames.inside(folder, PAGE), html, StandardCharsets.UTF_8);
        return written;
    }

    /** f* per run (NaN where unknown), and a note that says where it came from. */
    static double[] fStar(List<Run> runs, FStar fStar, List<String> notes) {
        double[] star = new double[runs.size()];
        switch (fStar.mode()) {
            case VALUE -> {
                java.util.Arrays.fill(star, fStar.value());
                notes.add("f - f* is drawn with f* = " + ReportPage.format(fStar.value(), 10) + " (given).");
            }
            case BEST -> {
                double best = Double.POSITIVE_INFINITY;
                for (Run run : runs) {
                    for (HistoryRow r : run.rows()) {
                        if (Double.isFinite(r.f())) {
                            best = Math.min(best, r.f());
                        }
                    }
                }
                java.util.Arrays.fill(star, best);
                notes.add("f - f* is drawn with f* = " + ReportPage.format(best, 10) + ", the lowest f that any run reached"
                        + (runs.size() > 1 ? " (the runs are taken to minimize the same objective)" : "")
                        + ": the points where a run reaches it are at 0 and not drawn on the log axes.");
            }
            default -> {
                int known = 0;
                for (int i = 0; i < star.length; i++) {
                    star[i] = runs.get(i).summary().fStar();
                    known += Double.isNaN(star[i]) ? 0 : 1;
                }
                boolean same = true;
                for (double v : star) {
                    same &= Double.compare(v, star[0]) == 0;
                }
                if (known == star.length) {
                    notes.add(same ? "f - f* is drawn with f* = " + ReportPage.format(star[0], 10) + " (from summary.json)."
                            : "f - f* is drawn with each run's f* from its summary.json (the table's f* column).");
                } else {
                    java.util.Arrays.fill(star, Double.NaN);
                    notes.add((known == 0 ? "f* is not known" : "f* is known for only " + known + " of " + star.length
                            + " runs") + ", so the objective f itself is drawn; give --f-star VALUE (or --f-star best) "
                            + "to draw f - f*.");
                }
            }
        }
        return star;
    }

    /** The runs with distinct labels: a clashing label gets its folder added, then a number. */
    static List<Run> distinctLabels(List<Run> runs) {
        Map<String, Integer> counts = new HashMap<>();
        for (Run r : runs) {
            counts.merge(r.label(), 1, Integer::sum);
        }
        List<Run> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Run r : runs) {
            String label = r.label();
            if (counts.get(label) > 1 && r.source() != null && !r.source().equals(label)) {
                label = label + " (" + r.source() + ")";
            }
            String unique = label;
            for (int k = 2; !used.add(unique); k++) {
                unique = String.format(Locale.ROOT, "%s #%d", label, k);
            }
            out.add(unique.equals(r.label()) ? r : r.withLabel(unique));
        }
        return out;
    }
}
