package org.planesearch.cli.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.planesearch.data.DataFormatException;

/**
 * Reads a run written by {@code train --out}: {@code history.csv} (required) and
 * {@code summary.json} (optional). Columns are found by their names in the header, so histories
 * with more columns (appended by later versions) or without the optional ones are read alike:
 * {@code iteration,f,grad_norm,passes,seconds} are required; {@code trials},
 * {@code inner_iterations}, {@code coefficients} (space-separated), {@code test_loss},
 * {@code test_accuracy} and {@code test_seconds} are used when present (an empty test field means
 * "not evaluated at this iteration").
 *
 * <p>Every problem is a {@link DataFormatException} with the file, the 1-based line and field,
 * and the offending value: {@code run1/history.csv:17:2: value 'abc' in column 'f' is not a number}.
 */
public final class RunReader {

    /** The history's file name in a run folder. */
    public static final String HISTORY = "history.csv";

    /** The summary's file name in a run folder. */
    public static final String SUMMARY = "summary.json";

    /** Java's own number forms (digits, '.', exponent, NaN, Infinity): no hex floats, no 'd' or 'f' suffixes. */
    private static final Pattern NUMBER = Pattern.compile("[-+]?(NaN|Infinity|(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?)");

    private static final Pattern SPACES = Pattern.compile(" +");

    /** The columns a history must have. */
    public static final List<String> REQUIRED = List.of("iteration", "f", "grad_norm", "passes", "seconds");

    private RunReader() {
    }

    /**
     * Reads a run from a folder written by {@code train --out} (or from a history.csv file, with
     * the summary.json next to it when there is one). The label is the summary's method, or the
     * folder's name.
     *
     * @param path the folder or file as the user named it
     */
    public static Run read(Path path) throws IOException {
        Path history;
        if (Files.isDirectory(path)) {
            history = path.resolve(HISTORY);
            if (!Files.isRegularFile(history)) {
                throw new DataFormatException(path.toString(), "has no " + HISTORY
                        + " (give a folder written by 'planesearch train --out')");
            }
        } else if (Files.isRegularFile(path)) {
            history = path;
        } else {
            throw new DataFormatException(path.toString(), "no such folder or file");
        }
        Path summaryFile = history.resolveSibling(SUMMARY);
        RunSummary summary = Files.isRegularFile(summaryFile) ? readSummary(summaryFile) : RunSummary.NONE;
        List<HistoryRow> rows = readHistory(history);
        Path folder = history.getParent() == null ? Path.of(".") : history.getParent();
        Path name = Files.isDirectory(path) ? path.toAbsolutePath().normalize().getFileName()
                : folder.toAbsolutePath().normalize().getFileName();
        String label = summary.method() != null ? summary.method() : name == null ? path.toString() : name.toString();
        return new Run(label, Files.isDirectory(path) ? path.toString() : folder.toString(), summary, rows);
    }

    /** Reads a summary.json. */
    public static RunSummary readSummary(Path file) throws IOException {
        try {
            return RunSummary.fromJson(new ObjectMapper().readTree(file.toFile()), file.toString());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().split("\\R")[0];
            throw new DataFormatException(file.toString(), at == null ? 0 : Math.max(0, at.getLineNr()),
                    at == null ? 0 : Math.max(0, at.getColumnNr()), "not valid JSON: " + what);
        }
    }

    /** Reads a history.csv. */
    public static List<HistoryRow> readHistory(Path file) throws IOException {
        String name = file.toString();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in, name);
        } catch (CharacterCodingException e) {
            throw new DataFormatException(name, "is not a text file (not UTF-8)");
        }
    }

    /**
     * Parses history lines.
     *
     * @param name the file's name for messages
     */
    static List<HistoryRow> parse(BufferedReader in, String name) throws IOException {
        String header = in.readLine();
        if (header == null || header.isBlank()) {
            throw new DataFormatException(name, 1, 0, "empty; expected the header " + String.join(",", REQUIRED) + ",...");
        }
        String[] columns = header.strip().split(",", -1);
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < columns.length; i++) {
            at.putIfAbsent(columns[i].strip(), i);
        }
        for (String required : REQUIRED) {
            if (!at.containsKey(required)) {
                throw new DataFormatException(name, 1, 0, "the header " + DataFormatException.quote(header)
                        + " has no column '" + required + "' (is this a history.csv written by 'planesearch train --out'?)");
            }
        }
        Columns c = new Columns(name, at, columns);
        List<HistoryRow> rows = new ArrayList<>();
        String line;
        long lineNumber = 1;
        int previous = -1;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                throw new DataFormatException(name, lineNumber, 0, "empty line (a damaged history?)");
            }
            String[] f = line.split(",", -1);
            if (f.length != columns.length) {
                throw new DataFormatException(name, lineNumber, 0, "has " + f.length + " field" + (f.length == 1 ? "" : "s")
                        + ", the header has " + columns.length + " (a truncated or damaged line?): "
                        + DataFormatException.quote(line));
            }
            HistoryRow row = c.row(f, lineNumber);
            if (row.iteration() <= previous) {
                throw new DataFormatException(name, lineNumber, 1, "iteration " + row.iteration() + " follows iteration "
                        + previous + "; rows must be in increasing order");
            }
            previous = row.iteration();
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(name, "has a header but no rows");
        }
        return rows;
    }

    /** Field access by column name, with messages naming file, line, field and value. */
    private record Columns(String file, Map<String, Integer> at, String[] names) {

        HistoryRow row(String[] f, long line) throws DataFormatException {
            int iteration = (int) whole(f, "iteration", line, Integer.MAX_VALUE);
            double value = real(f, "f", line);
            double gradient = real(f, "grad_norm", line);
            long passes = whole(f, "passes", line, Long.MAX_VALUE);
            double seconds = real(f, "seconds", line);
            int trials = at.containsKey("trials") ? (int) whole(f, "trials", line, Integer.MAX_VALUE) : -1;
            int inner = at.containsKey("inner_iterations") ? (int) whole(f, "inner_iterations", line, Integer.MAX_VALUE) : -1;
            double[] coefficients = at.containsKey("coefficients") ? coefficients(f, line) : new double[0];
            double testLoss = optional(f, "test_loss", line);
            double testAccuracy = optional(f, "test_accuracy", line);
            double testSeconds = optional(f, "test_seconds", line);
            return new HistoryRow(iteration, value, gradient, passes, seconds, trials, inner, coefficients, testLoss,
                    testAccuracy, Double.isNaN(testSeconds) ? 0 : testSeconds);
        }

        private long whole(String[] f, String column, long line, long max) throws DataFormatException {
            int i = at.get(column);
            String v = f[i].strip();
            try {
                long n = Long.parseLong(v);
                if (n < 0 || n > max) {
                    throw bad(line, i, v, column, "a count (a whole number >= 0)");
                }
                return n;
            } catch (NumberFormatException e) {
                throw bad(line, i, v, column, "a count (a whole number >= 0)");
            }
        }

        private double real(String[] f, String column, long line) throws DataFormatException {
            int i = at.get(column);
            return number(f[i].strip(), line, i, column);
        }

        /** NaN for a missing column or an empty field. */
        private double optional(String[] f, String column, long line) throws DataFormatException {
            Integer i = at.get(column);
            if (i == null || f[i].isBlank()) {
                return Double.NaN;
            }
            return number(f[i].strip(), line, i, column);
        }

        private double[] coefficients(String[] f, long line) throws DataFormatException {
            int i = at.get("coefficients");
            String v = f[i].strip();
            if (v.isEmpty()) {
                return new double[0];
            }
            String[] parts = SPACES.split(v);
            double[] out = new double[parts.length];
            for (int j = 0; j < parts.length; j++) {
                out[j] = number(parts[j], line, i, "coefficients");
            }
            return out;
        }

        private double number(String v, long line, int i, String column) throws DataFormatException {
            if (!NUMBER.matcher(v).matches()) {
                throw bad(line, i, v, column, "a number");
            }
            return Double.parseDouble(v);
        }

        private DataFormatException bad(long line, int i, String v, String column, String expected) {
            return new DataFormatException(file, line, i + 1, "value " + DataFormatException.quote(v) + " in column '"
                    + column + "' is not " + expected);
        }
    }
}
