package org.planesearch.data;

import java.io.IOException;

/**
 * A user's data does not fit what was asked of it: a malformed line, a non-finite value, a feature
 * index out of range, a truncated binary file, a label set that does not fit the model.
 *
 * <p>The message is meant to be shown to the user as it is, with no stack trace. It starts with
 * the location in the compiler style {@code file:line:column: } (line and column only where they
 * are known and make sense) and names the offending value in single quotes, for example
 * {@code train.csv:17:3: value 'abc' in column 'age' is not a number}.
 *
 * <p>Lines and columns are 1-based. A column is the 1-based field number: the CSV field, or the
 * whitespace-separated token of a LIBSVM line (the label is token 1).
 */
public class DataFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Longest value quoted verbatim in a message; longer values are cut with an ellipsis. */
    static final int MAX_QUOTED = 48;

    private final String file;
    private final long line;
    private final int column;
    private final String detail;

    /**
     * An error at a line and column.
     *
     * @param file the file (or dataset) name as the user wrote it; not null
     * @param line 1-based line, or 0 if unknown / not applicable
     * @param column 1-based field number, or 0 if unknown / not applicable
     * @param detail what is wrong, naming the offending value (see {@link #quote(String)})
     */
    public DataFormatException(String file, long line, int column, String detail) {
        super(location(file, line, column) + detail);
        this.file = file;
        this.line = Math.max(0, line);
        this.column = Math.max(0, column);
        this.detail = detail;
    }

    /** An error about a whole file or dataset (no line). */
    public DataFormatException(String file, String detail) {
        this(file, 0, 0, detail);
    }

    /** An error about a whole file or dataset, caused by a lower-level I/O failure. */
    public DataFormatException(String file, String detail, Throwable cause) {
        this(file, 0, 0, detail);
        initCause(cause);
    }

    /** The file or dataset name, as the user wrote it. */
    public String file() {
        return file;
    }

    /** The 1-based line, or 0 where none applies. */
    public long line() {
        return line;
    }

    /** The 1-based field (column) number, or 0 where none applies. */
    public int column() {
        return column;
    }

    /** The message without its location prefix. */
    public String detail() {
        return detail;
    }

    /**
     * A value as it should appear in a message: in single quotes, control characters escaped,
     * cut to {@value #MAX_QUOTED} characters with an ellipsis so a 10 MB token cannot flood the
     * terminal.
     */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX_QUOTED) + 8).append('\'');
        int n = Math.min(value.length(), MAX_QUOTED);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (value.length() > MAX_QUOTED) {
            sb.append("…");
        }
        return sb.append('\'').toString();
    }

    private static String location(String file, long line, int column) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").toString();
    }
}
