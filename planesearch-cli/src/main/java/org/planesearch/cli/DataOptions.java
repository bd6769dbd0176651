package org.planesearch.cli;

import java.nio.file.Path;
import org.planesearch.data.read.DataFormat;
import org.planesearch.data.read.LabelColumn;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The data flags shared by {@code train}, {@code evaluate} and {@code predict}; they build a {@link DataSpec}. */
final class DataOptions {

    static final String DEFAULT_CACHE = "data-cache";

    @Option(names = "--format", paramLabel = "libsvm|csv|idx", converter = FormatConverter.class,
            description = "File format (default: from the file name: .csv/.tsv -> csv; .libsvm, .svm, .txt, .t, "
                    + ".scale or none -> libsvm; *-ubyte -> idx; bundled datasets know theirs).")
    DataFormat format;

    @Option(names = "--label-column", paramLabel = "NAME|N",
            description = "CSV: the label column, by header name or 1-based number (default: the last column).")
    String labelColumn;

    @Option(names = "--delimiter", paramLabel = "CHAR", converter = DelimiterConverter.class,
            description = "CSV: the field separator, one character or 'tab' (default: ',', tab for .tsv).")
    Character delimiter;

    @Option(names = "--header", negatable = true,
            description = "CSV: the first line is (--header) or is not (--no-header) a header (default: detected).")
    Boolean header;

    @Option(names = "--float32", description = "Store dense features in float32: half the memory; LIBSVM data is "
            + "then stored dense too.")
    boolean float32;

    @Option(names = "--cache", paramLabel = "DIR", defaultValue = DEFAULT_CACHE,
            description = "Where 'data fetch' put mnist / fashion-mnist (default: ${DEFAULT-VALUE}).")
    Path cache;

    /** The spec of these flags for the given --data value (and --max-features, train only: 0 otherwise). */
    DataSpec spec(String data, int maxFeatureIndex) {
        LabelColumn column = null;
        if (labelColumn != null) {
            try {
                column = LabelColumn.parse(labelColumn);
            } catch (IllegalArgumentException e) {
                throw new UserError("--label-column '" + labelColumn + "': " + e.getMessage());
            }
        }
        return new DataSpec(data, format, column, delimiter, header, float32, maxFeatureIndex, cache);
    }

    /** "libsvm", "csv", "idx", any case. */
    static final class FormatConverter implements ITypeConverter<DataFormat> {
        @Override
        public DataFormat convert(String value) {
            try {
                return DataFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a data format; expected libsvm, csv or idx");
            }
        }
    }

    /** One character, or "tab" / "\t". */
    static final class DelimiterConverter implements ITypeConverter<Character> {
        @Override
        public Character convert(String value) {
            if (value.equals("tab") || value.equals("\\t") || value.equals("\t")) {
                return '\t';
            }
            if (value.length() != 1) {
                throw new TypeConversionException("'" + value + "' is not one character (use 'tab' for a tab)");
            }
            char c = value.charAt(0);
            if (c == '"' || c == '\n' || c == '\r') {
                throw new TypeConversionException("a quote or line break cannot separate fields");
            }
            return c;
        }
    }
}
