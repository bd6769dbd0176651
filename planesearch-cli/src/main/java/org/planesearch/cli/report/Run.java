package org.planesearch.cli.report;

import java.util.List;

/**
 * One training run as a report draws it: its label (legend and table), where it came from, its
 * summary and its history rows (iteration 0 first, in order).
 *
 * @param label the name shown in legends and the table
 * @param source where the run was read from (a folder as the user named it), for the table
 * @param summary the run's summary ({@link RunSummary#NONE} when it has none)
 * @param rows the history, at least one row, iterations strictly increasing
 */
public record Run(String label, String source, RunSummary summary, List<HistoryRow> rows) {

    public Run {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("Run: label must not be blank");
        }
        if (rows == null || rows.isEmpty()) {
            throw new IllegalArgumentException("Run: rows must not be empty");
        }
        rows = List.copyOf(rows);
        summary = summary == null ? RunSummary.NONE : summary;
    }

    /** The same run under another label. */
    public Run withLabel(String newLabel) {
        return new Run(newLabel, source, summary, rows);
    }

    /** The naming rule of the coefficients, or null when the summary does not say (then {@link CoefficientNames#unnamed}). */
    public CoefficientNames coefficientNames() {
        return CoefficientNames.infer(summary.rateNames());
    }

    /** The names of a row's coefficients. */
    public List<String> names(HistoryRow row) {
        CoefficientNames rule = coefficientNames();
        return rule == null ? CoefficientNames.unnamed(row.coefficientCount()) : rule.names(row.coefficientCount());
    }

    /** The last row. */
    public HistoryRow last() {
        return rows.get(rows.size() - 1);
    }
}
