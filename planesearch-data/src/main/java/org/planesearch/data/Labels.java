package org.planesearch.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The labels (targets) of a dataset, one per row: the raw strings as written in the file, plus
 * their numeric values when every label is a finite number in {@link NumberSyntax}.
 *
 * <p>Labels remember where they came from ({@link #source()}, and the file line of each row for
 * text formats), so that a label that does not fit a model can be reported at its line.
 *
 * <p>Distinct labels ("classes") are compared by numeric value when the labels are numeric
 * ("+1", "1" and "1.0" are one class, spelled {@link NumberSyntax#canonical canonically} as "1"),
 * and as exact strings otherwise.
 *
 * <p>Immutable and thread-safe. A dataset without labels (data to predict on) has
 * {@link #isPresent()} false.
 */
public final class Labels {

    private final String source;
    private final int size;
    private final String[] raw;
    private final double[] values;
    private final long[] lines;

    private Labels(String source, int size, String[] raw, double[] values, long[] lines) {
        this.source = source;
        this.size = size;
        this.raw = raw;
        this.values = values;
        this.lines = lines;
    }

    /**
     * Labels from raw strings.
     *
     * @param source the file or dataset they come from (used in messages); not null
     * @param raw one label per row, not null, none null; not modified (copied)
     * @param lines the 1-based file line of each row, or null when rows are not lines; not
     *     modified (copied)
     */
    public static Labels of(String source, String[] raw, long[] lines) {
        requireSource(source);
        if (lines != null && lines.length != raw.length) {
            throw new IllegalArgumentException("lines has length " + lines.length + ", expected " + raw.length);
        }
        double[] values = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            String r = raw[i];
            if (r == null) {
                throw new IllegalArgumentException("raw label " + i + " is null");
            }
            if (values != null) {
                if (NumberSyntax.isNumber(r)) {
                    double v = NumberSyntax.parse(r);
                    values[i] = v;
                    if (!Double.isFinite(v)) {
                        values = null;
                    }
                } else {
                    values = null;
                }
            }
        }
        return new Labels(source, raw.length, raw.clone(), values, lines == null ? null : lines.clone());
    }

    /**
     * Numeric labels (spelled canonically as raw strings).
     *
     * @param values finite values; not modified (copied)
     * @param lines as in {@link #of}; may be null
     */
    public static Labels numeric(String source, double[] values, long[] lines) {
        requireSource(source);
        if (lines != null && lines.length != values.length) {
            throw new IllegalArgumentException("lines has length " + lines.length + ", expected " + values.length);
        }
        String[] raw = new String[values.length];
        String[] small = new String[256];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("label " + i + " is not finite: " + v);
            }
            if (v >= 0 && v < small.length && v == Math.rint(v)) {
                int k = (int) v;
                if (small[k] == null) {
                    small[k] = NumberSyntax.canonical(v);
                }
                raw[i] = small[k];
            } else {
                raw[i] = NumberSyntax.canonical(v);
            }
        }
        return new Labels(source, values.length, raw, values.clone(), lines == null ? null : lines.clone());
    }

    /** No labels for n rows (data to predict on). */
    public static Labels none(String source, int n) {
        requireSource(source);
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        return new Labels(source, n, null, null, null);
    }

    /** The file or dataset the labels come from. */
    public String source() {
        return source;
    }

    /** The number of rows. */
    public int size() {
        return size;
    }

    /** False for unlabeled data. */
    public boolean isPresent() {
        return raw != null;
    }

    /** True if labels are present and every one is a finite number. */
    public boolean isNumeric() {
        return values != null;
    }

    /** The raw label of row i, as written in the file. */
    public String get(int i) {
        requirePresent();
        return raw[i];
    }

    /** The numeric value of row i. @throws IllegalStateException if the labels are not numeric */
    public double value(int i) {
        requireNumeric();
        return values[i];
    }

    /** A copy of all numeric values. @throws IllegalStateException if the labels are not numeric */
    public double[] values() {
        requireNumeric();
        return values.clone();
    }

    /** The class key of row i: the canonical number for numeric labels, the raw string otherwise. */
    public String key(int i) {
        requirePresent();
        return values != null ? NumberSyntax.canonical(values[i]) : raw[i];
    }

    /** The 1-based file line of row i, or 0 when rows are not lines (binary formats). */
    public long line(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("row " + i + " of " + size);
        }
        return lines == null ? 0 : lines[i];
    }

    /** Row i for a message: "line 17" or, without lines, "row 17" (1-based). */
    public String where(int i) {
        long line = line(i);
        return line > 0 ? "line " + line : "row " + (i + 1);
    }

    /**
     * The distinct class keys, sorted: by value for numeric labels, by {@link String#compareTo}
     * otherwise. Empty when absent.
     */
    public List<String> distinct() {
        if (raw == null) {
            return List.of();
        }
        if (values != null) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    out.add(NumberSyntax.canonical(sorted[i]));
                }
            }
            return List.copyOf(out);
        }
        return List.copyOf(new TreeSet<>(Arrays.asList(raw)));
    }

    /**
     * The labels of the given rows, in that order.
     *
     * @param rows row indices in [0, size); not modified
     */
    public Labels select(int[] rows) {
        String[] r = raw == null ? null : new String[rows.length];
        double[] v = values == null ? null : new double[rows.length];
        long[] l = lines == null ? null : new long[rows.length];
        for (int k = 0; k < rows.length; k++) {
            int i = rows[k];
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("row " + i + " of " + size);
            }
            if (r != null) {
                r[k] = raw[i];
            }
            if (v != null) {
                v[k] = values[i];
            }
            if (l != null) {
                l[k] = lines[i];
            }
        }
        return new Labels(source, rows.length, r, v, l);
    }

    @Override
    public String toString() {
        return "Labels[" + source + ", " + size + " rows, "
                + (raw == null ? "absent" : (values != null ? "numeric" : "text") + ", " + distinctSummary()) + "]";
    }

    private String distinctSummary() {
        List<String> d = distinct();
        return d.size() <= 10 ? "classes " + d : d.size() + " distinct";
    }

    private void requirePresent() {
        if (raw == null) {
            throw new IllegalStateException(source + " has no labels");
        }
    }

    private void requireNumeric() {
        requirePresent();
        if (values == null) {
            throw new IllegalStateException(source + " has labels that are not all numbers");
        }
    }

    private static void requireSource(String source) {
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
    }
}
