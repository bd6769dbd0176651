package org.planesearch.data.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Dataset;
import org.planesearch.data.Labels;
import org.planesearch.data.NumberSyntax;
import org.planesearch.data.Storage;

/**
 * Reads delimited text (CSV, TSV, …) into a dense (or, on request, sparse) dataset.
 *
 * <ul>
 *   <li>Every line has the same number of fields as the first (header or data). Blank lines are
 *       skipped. Fields are trimmed of spaces and tabs (unless that is the delimiter).
 *   <li>Fields may be quoted with {@code "…"}, a doubled {@code ""} standing for one quote; a
 *       quoted field may contain the delimiter but not a line break.
 *   <li>Feature fields must be finite numbers ({@link NumberSyntax}), within ±3.4·10³⁸ for float32
 *       storage; there is no imputation: an
 *       empty field is an error. Labels may be numbers or text; an empty label is an error.
 *   <li>The header ({@link CsvOptions#header()}) gives the feature names; without one the
 *       features are unnamed.
 *   <li>The file may be gzip-compressed (detected from its first bytes).
 * </ul>
 *
 * <p>Any violation is one {@link DataFormatException} at {@code file:line:field} naming the value
 * and the column. Thread-safe (no shared state).
 *
 * <p><b>Limits</b>, each checked before anything of that size is allocated (hostile or damaged
 * input ends in a {@link DataFormatException}, never an {@link OutOfMemoryError} or a hang; the
 * time is linear in the input's size):
 * <ul>
 *   <li>fields per line ≤ {@value #MAX_FIELDS} (2²⁰; wider data belongs in LIBSVM's sparse form);
 *   <li>line length ≤ 64 MiB ({@code TextLines.MAX_LINE_BYTES});
 *   <li>dense values ≤ 2³¹ − 9 (one Java array), rows likewise;
 *   <li>memory: everything the read holds (rows, labels, the final matrix) ≤ half the JVM's
 *       maximum heap ({@code MemoryBudget}), counted before each allocation. There is no fixed
 *       limit on the file's size: a file whose data fits is read.
 * </ul>
 */
public final class CsvReader {

    /** The most fields a line may have: 2²⁰ = 1,048,576. */
    public static final int MAX_FIELDS = 1 << 20;

    private CsvReader() {
    }

    /** Reads a file; its messages name the file as {@code path.toString()}. */
    public static Dataset read(Path path, CsvOptions options) throws IOException {
        String name = path.toString();
        try (InputStream in = InputFiles.open(path, name)) {
            return parse(in, name, options, MemoryBudget.ofHeap(name));
        }
    }

    /**
     * Reads a stream to its end (gunzipping if needed). The stream is not closed.
     *
     * @param name how messages and the dataset call the source
     */
    public static Dataset read(InputStream in, String name, CsvOptions options) throws IOException {
        return read(in, name, options, MemoryBudget.ofHeap(name));
    }

    /** {@link #read(InputStream, String, CsvOptions)} within a given memory budget (tests). */
    static Dataset read(InputStream in, String name, CsvOptions options, MemoryBudget budget) throws IOException {
        return parse(InputFiles.decompressIfGzip(in, name), name, options, budget);
    }

    private static Dataset parse(InputStream in, String name, CsvOptions options, MemoryBudget budget)
            throws IOException {
        TextLines lines = new TextLines(in, name);
        Splitter splitter = new Splitter(name, options.delimiter());

        String first = nextNonBlank(lines);
        if (first == null) {
            throw new DataFormatException(name, lines.bytesRead() == 0 ? "empty file" : "no data lines (all blank)");
        }
        long firstLine = lines.lineNumber();
        List<String> firstFields = List.copyOf(splitter.split(first, firstLine));
        int width = firstFields.size();

        String second = nextNonBlank(lines);
        long secondLine = lines.lineNumber();
        List<String> secondFields = second == null ? null : List.copyOf(splitter.split(second, secondLine));

        boolean hasHeader = hasHeader(options, firstFields, secondFields);
        int label = labelIndex(options.labelColumn(), hasHeader ? firstFields : null, width, name, firstLine);
        List<String> header = hasHeader ? firstFields : null;

        int cols = label < 0 ? width : width - 1;
        RowBuffer buffer = RowBuffer.forStorage(name, options.storage(), cols, budget);
        budget.reserve(8L * cols, "a row of " + cols + " values");
        Parsed parsed = new Parsed(cols, label < 0 ? null : new LabelBuffer(name, budget),
                options.storage() == Storage.DENSE_FLOAT);
        if (!hasHeader) {
            parsed.addRow(firstFields, firstLine, label, header, name, buffer);
        }
        if (secondFields != null) {
            parsed.checkWidth(secondFields, width, secondLine, name);
            parsed.addRow(secondFields, secondLine, label, header, name, buffer);
            String line;
            while ((line = lines.next()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                long lineNo = lines.lineNumber();
                List<String> fields = splitter.split(line, lineNo);
                parsed.checkWidth(fields, width, lineNo, name);
                parsed.addRow(fields, lineNo, label, header, name, buffer);
            }
        }
        if (buffer.rows() == 0) {
            throw new DataFormatException(name, "no data lines (only a header)");
        }
        int n = buffer.rows();
        Labels labels = label < 0 ? Labels.none(name, n) : parsed.labels.build(name);
        DataMatrix matrix = buffer.build(cols, options.storage());
        List<String> names = new ArrayList<>();
        if (header != null) {
            for (int j = 0; j < width; j++) {
                if (j != label) {
                    String h = header.get(j);
                    names.add(h.isEmpty() ? Integer.toString(j + 1) : h);
                }
            }
        }
        return new Dataset(name, matrix, options.storage(), labels, names);
    }

    private static String nextNonBlank(TextLines lines) throws IOException {
        String line;
        while ((line = lines.next()) != null) {
            if (!line.isBlank()) {
                return line;
            }
        }
        return null;
    }

    private static boolean hasHeader(CsvOptions options, List<String> first, List<String> second) {
        if (options.header() != CsvHeader.AUTO) {
            return options.header() == CsvHeader.PRESENT;
        }
        if (options.labelColumn().kind() == LabelColumn.Kind.NAMED) {
            return true;
        }
        int text = 0;
        for (String f : first) {
            if (!NumberSyntax.isNumber(f)) {
                text++;
            }
        }
        if (text == 0) {
            return false;
        }
        if (text == first.size()) {
            return true;
        }
        if (second != null && second.size() == first.size()) {
            for (int j = 0; j < first.size(); j++) {
                if (!NumberSyntax.isNumber(first.get(j)) && NumberSyntax.isNumber(second.get(j))) {
                    return true;
                }
            }
            return false;
        }
        int label = labelIndexOrMinus(options.labelColumn(), first.size());
        return !(text == 1 && label >= 0 && !NumberSyntax.isNumber(first.get(label)));
    }

    private static int labelIndexOrMinus(LabelColumn column, int width) {
        switch (column.kind()) {
            case LAST:
                return width - 1;
            case NUMBER:
                return column.number() <= width ? column.number() - 1 : -1;
            default:
                return -1;
        }
    }

    private static int labelIndex(LabelColumn column, List<String> header, int width, String name, long line)
            throws DataFormatException {
        switch (column.kind()) {
            case NONE:
                return -1;
            case LAST:
                return width - 1;
            case NUMBER:
                if (column.number() > width) {
                    throw new DataFormatException(name, line, 0, "label column " + column.number()
                            + " is beyond the " + width + " columns of the file");
                }
                return column.number() - 1;
            case NAMED:
                if (header == null) {
                    throw new DataFormatException(name, "the label column is given by name "
                            + DataFormatException.quote(column.name()) + ", but the file has no header");
                }
                int found = -1;
                for (int j = 0; j < header.size(); j++) {
                    if (header.get(j).equals(column.name())) {
                        if (found >= 0) {
                            throw new DataFormatException(name, line, j + 1, "several columns are named "
                                    + DataFormatException.quote(column.name()) + " (columns " + (found + 1) + " and "
                                    + (j + 1) + "); choose the label column by number");
                        }
                        found = j;
                    }
                }
                if (found < 0) {
                    throw new DataFormatException(name, line, 0, "no column is named "
                            + DataFormatException.quote(column.name()) + "; the columns are " + listNames(header));
                }
                return found;
            default:
                throw new IllegalArgumentException("label column " + column);
        }
    }

    private static String listNames(List<String> header) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(20, header.size());
        for (int j = 0; j < n; j++) {
            sb.append(j > 0 ? ", " : "").append(DataFormatException.quote(header.get(j)));
        }
        if (header.size() > n) {
            sb.append(", … and ").append(header.size() - n).append(" more");
        }
        return sb.toString();
    }

    private static String columnName(List<String> header, int j) {
        return header != null && !header.get(j).isEmpty() ? "column " + DataFormatException.quote(header.get(j))
                : "column " + (j + 1);
    }

    /** The labels, lines and the reusable row being parsed. */
    private static final class Parsed {
        private final double[] row;
        private final LabelBuffer labels;
        private final boolean float32;

        /** labels: where the labels go, or null when the file has no label column. */
        Parsed(int cols, LabelBuffer labels, boolean float32) {
            this.row = new double[cols];
            this.labels = labels;
            this.float32 = float32;
        }

        void checkWidth(List<String> fields, int width, long lineNo, String name) throws DataFormatException {
            if (fields.size() != width) {
                throw new DataFormatException(name, lineNo, 0, "expected " + width + " fields, got " + fields.size());
            }
        }

        void addRow(List<String> fields, long lineNo, int label, List<String> header, String name, RowBuffer buffer)
                throws DataFormatException {
            int k = 0;
            for (int j = 0; j < fields.size(); j++) {
                String f = fields.get(j);
                if (j == label) {
                    if (f.isEmpty()) {
                        throw new DataFormatException(name, lineNo, j + 1, "missing label in " + columnName(header, j));
                    }
                    if (NumberSyntax.isNumber(f) && !Double.isFinite(NumberSyntax.parse(f))) {
                        throw new DataFormatException(name, lineNo, j + 1, "label " + DataFormatException.quote(f)
                                + " in " + columnName(header, j) + " is not finite");
                    }
                    continue;
                }
                if (f.isEmpty()) {
                    throw new DataFormatException(name, lineNo, j + 1, "missing value in " + columnName(header, j));
                }
                if (!NumberSyntax.isNumber(f)) {
                    throw new DataFormatException(name, lineNo, j + 1, "value " + DataFormatException.quote(f) + " in "
                            + columnName(header, j) + " is not a number");
                }
                double v = NumberSyntax.parse(f);
                if (!Double.isFinite(v)) {
                    throw new DataFormatException(name, lineNo, j + 1, "value " + DataFormatException.quote(f) + " in "
                            + columnName(header, j) + " is not finite");
                }
                if (float32 && Float.isInfinite((float) v)) {
                    throw new DataFormatException(name, lineNo, j + 1, "value " + DataFormatException.quote(f) + " in "
                            + columnName(header, j) + " is beyond the range of float32 storage (±3.4e38); read it in float64");
                }
                row[k++] = v;
            }
            if (label >= 0) {
                labels.add(fields.get(label), lineNo);
            }
            if (buffer instanceof RowBuffer.Sparse) {
                RowBuffer.Sparse sparse = (RowBuffer.Sparse) buffer;
                for (int j = 0; j < row.length; j++) {
                    if (row[j] != 0) {
                        sparse.add(j, row[j]);
                    }
                }
                sparse.endRow();
            } else {
                ((RowBuffer.Dense) buffer).addRow(row);
            }
        }
    }

    /** Splits one line into fields, honouring quotes. */
    private static final class Splitter {
        private final String name;
        private final char delimiter;
        private final List<String> fields = new ArrayList<>();
        private final StringBuilder quoted = new StringBuilder();

        Splitter(String name, char delimiter) {
            this.name = name;
            this.delimiter = delimiter;
        }

        /** The fields of the line (a list reused by the next call). */
        List<String> split(String line, long lineNo) throws DataFormatException {
            fields.clear();
            int n = line.length();
            int i = 0;
            while (true) {
                if (fields.size() == MAX_FIELDS) {
                    throw new DataFormatException(name, lineNo, 0, "has more than " + MAX_FIELDS + " fields, the limit "
                            + "of a CSV line (store wide data in LIBSVM's sparse format)");
                }
                i = skipSpaces(line, i, n);
                if (i < n && line.charAt(i) == '"') {
                    quoted.setLength(0);
                    int column = fields.size() + 1;
                    i++;
                    while (true) {
                        if (i >= n) {
                            throw new DataFormatException(name, lineNo, column,
                                    "unterminated quoted field (a quoted field cannot span lines)");
                        }
                        char c = line.charAt(i);
                        if (c == '"') {
                            if (i + 1 < n && line.charAt(i + 1) == '"') {
                                quoted.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        quoted.append(c);
                        i++;
                    }
                    i = skipSpaces(line, i, n);
                    if (i < n && line.charAt(i) != delimiter) {
                        throw new DataFormatException(name, lineNo, column, "unexpected "
                                + DataFormatException.quote(String.valueOf(line.charAt(i)))
                                + " after a closing quote; expected the delimiter");
                    }
                    fields.add(quoted.toString());
                } else {
                    int j = line.indexOf(delimiter, i);
                    if (j < 0) {
                        j = n;
                    }
                    fields.add(strip(line, i, j));
                    i = j;
                }
                if (i >= n) {
                    return fields;
                }
                i++;
            }
        }

        private boolean isSpace(char c) {
            return (c == ' ' || c == '\t') && c != delimiter;
        }

        private int skipSpaces(String s, int i, int n) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            return i;
        }

        private String strip(String s, int from, int to) {
            while (to > from && isSpace(s.charAt(to - 1))) {
                to--;
            }
            return s.substring(from, to);
        }
    }
}
