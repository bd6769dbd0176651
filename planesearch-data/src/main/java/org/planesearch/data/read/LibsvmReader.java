package org.planesearch.data.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Dataset;
import org.planesearch.data.Labels;
import org.planesearch.data.NumberSyntax;
import org.planesearch.data.Storage;

/**
 * Reads the LIBSVM / SVMlight format: one example per line,
 * {@code label [qid:n] index:value index:value … [# comment]}.
 *
 * <ul>
 *   <li>The label is a finite number ({@link NumberSyntax}); kept as written in {@link Labels}.
 *   <li>Indices are 1-based, strictly increasing within a line (LIBSVM's own rule), and at most
 *       {@link LibsvmOptions#numFeatures()} when given, else at most
 *       {@link LibsvmOptions#maxFeatureIndex()}. Column j of the matrix is index j+1.
 *   <li>Values are finite numbers, within ±3.4·10³⁸ for float32 storage (beyond, float32 would
 *       hold ±∞). Explicit zeros are kept as stored entries.
 *   <li>{@code qid:n} (SVMlight ranking groups) is accepted right after the label and ignored.
 *   <li>Text after {@code #} is a comment; blank and comment-only lines are skipped. Tokens are
 *       separated by spaces or tabs.
 *   <li>The file may be gzip-compressed (detected from its first bytes).
 * </ul>
 *
 * <p>Any violation is one {@link DataFormatException} at {@code file:line:token}, naming the
 * value. Memory grows only with the entries actually present, never with an index a line claims.
 * Thread-safe (no shared state).
 *
 * <p><b>Limits</b>, each checked before anything of that size is allocated (hostile or damaged
 * input ends in a {@link DataFormatException}, never an {@link OutOfMemoryError} or a hang; the
 * time is linear in the input's size):
 * <ul>
 *   <li>feature index ≤ {@link LibsvmOptions#maxFeatureIndex()}, default 2²⁴ = 16,777,216
 *       (CLI {@code --max-features}), or ≤ {@link LibsvmOptions#numFeatures()} when that is given;
 *   <li>line length ≤ 64 MiB ({@code TextLines.MAX_LINE_BYTES});
 *   <li>stored values ≤ 2³¹ − 9 (one Java array), rows likewise;
 *   <li>memory: everything the read holds (entries, row pointers, labels, the final matrix) ≤
 *       half the JVM's maximum heap ({@code MemoryBudget}), counted before each allocation, so a
 *       gzip bomb or a file of billions of tiny lines stops with a message naming the file and how
 *       far it got. There is no fixed limit on the file's size: a file whose data fits is read.
 * </ul>
 */
public final class LibsvmReader {

    private LibsvmReader() {
    }

    /** Reads a file; its messages name the file as {@code path.toString()}. */
    public static Dataset read(Path path, LibsvmOptions options) throws IOException {
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
    public static Dataset read(InputStream in, String name, LibsvmOptions options) throws IOException {
        return read(in, name, options, MemoryBudget.ofHeap(name));
    }

    /** {@link #read(InputStream, String, LibsvmOptions)} within a given memory budget (tests). */
    static Dataset read(InputStream in, String name, LibsvmOptions options, MemoryBudget budget) throws IOException {
        return parse(InputFiles.decompressIfGzip(in, name), name, options, budget);
    }

    private static Dataset parse(InputStream in, String name, LibsvmOptions options, MemoryBudget budget)
            throws IOException {
        TextLines lines = new TextLines(in, name);
        RowBuffer.Sparse rows = new RowBuffer.Sparse(name, budget);
        int limit = options.numFeatures() > 0 ? options.numFeatures() : options.maxFeatureIndex();
        LabelBuffer labels = new LabelBuffer(name, budget);
        boolean float32 = options.storage() == Storage.DENSE_FLOAT;
        int maxIndex = 0;
        String line;
        while ((line = lines.next()) != null) {
            int end = line.indexOf('#');
            if (end < 0) {
                end = line.length();
            }
            int p = skipBlanks(line, 0, end);
            if (p == end) {
                continue;
            }
            long lineNo = lines.lineNumber();
            int q = tokenEnd(line, p, end);
            labels.add(parseLabel(line, p, q, name, lineNo), lineNo);
            int token = 1;
            int previous = 0;
            p = skipBlanks(line, q, end);
            while (p < end) {
                q = tokenEnd(line, p, end);
                token++;
                if (token == 2 && line.startsWith("qid:", p)) {
                    checkQid(line, p, q, name, lineNo, token);
                } else {
                    int index = parseIndex(line, p, q, name, lineNo, token, limit, options);
                    if (index <= previous) {
                        throw new DataFormatException(name, lineNo, token, index == previous
                                ? "feature index " + index + " appears twice"
                                : "feature indices must increase along a line, but " + index + " comes after "
                                        + previous);
                    }
                    previous = index;
                    double value = parseValue(line, line.indexOf(':', p) + 1, q, name, lineNo, token, index, float32);
                    rows.add(index - 1, value);
                }
                p = skipBlanks(line, q, end);
            }
            maxIndex = Math.max(maxIndex, previous);
            rows.endRow();
        }
        if (lines.bytesRead() == 0) {
            throw new DataFormatException(name, "empty file");
        }
        if (rows.rows() == 0) {
            throw new DataFormatException(name, "no data lines (" + lines.lineNumber()
                    + " lines, all blank or comments)");
        }
        int cols = options.numFeatures() > 0 ? options.numFeatures() : maxIndex;
        Labels l = labels.build(name);
        DataMatrix matrix = rows.build(cols, options.storage());
        return new Dataset(name, matrix, options.storage(), l, List.of());
    }

    private static String parseLabel(String line, int p, int q, String name, long lineNo) throws DataFormatException {
        String label = line.substring(p, q);
        if (label.indexOf(':') >= 0) {
            throw new DataFormatException(name, lineNo, 1, "a line must start with a label, but the first token "
                    + DataFormatException.quote(label) + " looks like a feature (index:value)");
        }
        if (!NumberSyntax.isNumber(label)) {
            throw new DataFormatException(name, lineNo, 1, "label " + DataFormatException.quote(label)
                    + " is not a number");
        }
        if (!Double.isFinite(NumberSyntax.parse(label))) {
            throw new DataFormatException(name, lineNo, 1, "label " + DataFormatException.quote(label)
                    + " is not finite");
        }
        return label;
    }

    private static void checkQid(String line, int p, int q, String name, long lineNo, int token)
            throws DataFormatException {
        int d = p + 4;
        boolean ok = d < q;
        for (int i = d; i < q && ok; i++) {
            ok = line.charAt(i) >= '0' && line.charAt(i) <= '9';
        }
        if (!ok) {
            throw new DataFormatException(name, lineNo, token, "query id " + DataFormatException.quote(line.substring(p, q))
                    + " is not qid:<non-negative integer>");
        }
    }

    private static int parseIndex(String line, int p, int q, String name, long lineNo, int token, int limit,
            LibsvmOptions options) throws DataFormatException {
        if (line.startsWith("qid:", p)) {
            throw new DataFormatException(name, lineNo, token, "qid must come right after the label, but "
                    + DataFormatException.quote(line.substring(p, q)) + " comes after features");
        }
        int colon = line.indexOf(':', p);
        if (colon < 0 || colon >= q) {
            throw new DataFormatException(name, lineNo, token, "expected index:value, but got "
                    + DataFormatException.quote(line.substring(p, q)));
        }
        long index = 0;
        boolean digits = colon > p;
        for (int i = p; i < colon && digits; i++) {
            char c = line.charAt(i);
            digits = c >= '0' && c <= '9';
            if (digits && index <= Integer.MAX_VALUE) {
                index = index * 10 + (c - '0');
            }
        }
        if (!digits) {
            throw new DataFormatException(name, lineNo, token, "feature index "
                    + DataFormatException.quote(line.substring(p, colon)) + " in "
                    + DataFormatException.quote(line.substring(p, q)) + " is not a positive integer");
        }
        if (index == 0) {
            throw new DataFormatException(name, lineNo, token, "feature index 0 in "
                    + DataFormatException.quote(line.substring(p, q)) + " is not allowed: indices start at 1");
        }
        if (index > limit) {
            String shown = index > Integer.MAX_VALUE ? DataFormatException.quote(line.substring(p, colon))
                    : Long.toString(index);
            if (options.numFeatures() > 0) {
                throw new DataFormatException(name, lineNo, token, "feature index " + shown + " is beyond the "
                        + limit + " features expected (the width of the training data)");
            }
            throw new DataFormatException(name, lineNo, token, "feature index " + shown + " is beyond the limit of "
                    + limit + " features; if the data really has that many, raise the limit "
                    + "(maxFeatureIndex, at most " + Integer.MAX_VALUE + ")");
        }
        return (int) index;
    }

    private static double parseValue(String line, int from, int q, String name, long lineNo, int token, int index,
            boolean float32) throws DataFormatException {
        if (!NumberSyntax.isNumber(line, from, q)) {
            throw new DataFormatException(name, lineNo, token, "value " + DataFormatException.quote(line.substring(from, q))
                    + " of feature " + index + " is not a number");
        }
        double v = NumberSyntax.parse(line, from, q);
        if (!Double.isFinite(v)) {
            throw new DataFormatException(name, lineNo, token, "value " + DataFormatException.quote(line.substring(from, q))
                    + " of feature " + index + " is not finite");
        }
        if (float32 && Float.isInfinite((float) v)) {
            throw new DataFormatException(name, lineNo, token, "value " + DataFormatException.quote(line.substring(from, q))
                    + " of feature " + index + " is beyond the range of float32 storage (±3.4e38); read it in float64");
        }
        return v;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == 0x0B;
    }

    private static int skipBlanks(String s, int p, int end) {
        while (p < end && isBlank(s.charAt(p))) {
            p++;
        }
        return p;
    }

    private static int tokenEnd(String s, int p, int end) {
        while (p < end && !isBlank(s.charAt(p))) {
            p++;
        }
        return p;
    }
}
