package org.planesearch.cli.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
 *
 * <p><b>Limits</b>, checked before reading: history.csv at most {@value #MAX_HISTORY_BYTES} bytes
 * (256 MiB: millions of iterations) with lines of at most {@value #MAX_LINE_CHARS} characters;
 * summary.json at most {@value #MAX_SUMMARY_BYTES} bytes (16 MiB), UTF-8 (JSON's encoding).
 * Numbers are matched in linear time (possessive patterns, at most {@value #MAX_NUMBER_CHARS}
 * characters), so no field makes the reader slow.
 */
public final class RunReader {

    /** The history's file name in a run folder. */
    public static final String HISTORY = "history.csv";

    /** The summary's file name in a run folder. */
    public static final String SUMMARY = "summary.json";

    /** The largest history.csv read. */
    public static final long MAX_HISTORY_BYTES = 256L << 20;
    /** The longest line of a history.csv. */
    public static final int MAX_LINE_CHARS = 1 << 20;
    /** The largest summary.json read. */
    public static final long MAX_SUMMARY_BYTES = 16L << 20;
    /** The longest number in a history field. */
    static final int MAX_NUMBER_CHARS = 64;

    /**
     * Java's own number forms (digits, '.', exponent, NaN, Infinity): no hex floats, no 'd' or 'f'
     * suffixes. Possessive quantifiers: the pattern never backtracks, so a field of a million
     * digits and a letter is rejected in linear time (the greedy form took quadratic time).
     */
    private static final Pattern NUMBER = Pattern.compile("[-+]?+(NaN|Infinity|(\\d++\\.?+\\d*+|\\.\\d++)([eE][-+]?+\\d++)?+)");

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
        checkSize(file, MAX_SUMMARY_BYTES);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file.toString(), "is not a text file (not UTF-8)");
        }
        try {
            return RunSummary.fromJson(new ObjectMapper().readTree(text), file.toString());
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
        checkSize(file, MAX_HISTORY_BYTES);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in, name);
        } catch (CharacterCodingException e) {
            throw new DataFormatException(name, "is not a text file (not UTF-8)");
        }
    }

    private static void checkSize(Path file, long max) throws IOException {
        long size = Files.size(file);
        if (size > max) {
            throw new DataFormatException(file.toString(), "is " + (size >> 20) + " MiB, larger than the " + (max >> 20)
                    + " MiB this file may be (is it the file written by 'planesearch train --out'?)");
        }
    }

    /** The next line without its terminator, or null at the end; longer than MAX_LINE_CHARS is an error. */
    private static String readLine(BufferedReader in, StringBuilder buf, String name, long lineNumber) throws IOException {
        buf.setLength(0);
        int c = in.read();
        if (c < 0) {
            return null;
        }
        while (c >= 0 && c != '\n') {
            if (buf.length() == MAX_LINE_CHARS) {
                throw new DataFormatException(name, lineNumber, 0, "line is longer than " + MAX_LINE_CHARS
                        + " characters (a damaged history?)");
            }
            buf.append((char) c);
            c = in.read();
        }
        int n = buf.length();
        if (n > 0 && buf.charAt(n - 1) == '\r') {
            buf.setLength(n - 1);
        }
        return buf.toString();
    }

    /**
     * Parses history lines.
     *
     * @param name the file's name for messages
     */
    static List<HistoryRow> parse(BufferedReader in, String name) throws IOException {
        StringBuilder buf = new StringBuilder();
        String header = readLine(in, buf, name, 1);
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
        while ((line = readLine(in, buf, name, lineNumber + 1)) != null) {
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
            if (v.length() > MAX_NUMBER_CHARS || !NUMBER.matcher(v).matches()) {
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
