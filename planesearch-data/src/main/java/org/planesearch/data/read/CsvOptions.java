package org.planesearch.data.read;

import org.planesearch.data.Storage;

/**
 * How {@link CsvReader} reads a file.
 *
 * @param delimiter the field separator (default ','; ';' and '\t' are common); not '"', CR or LF
 * @param header whether line 1 is a header (default {@link CsvHeader#AUTO})
 * @param labelColumn where the labels are (default the last column)
 * @param storage DENSE (default), DENSE_FLOAT, or SPARSE (zeros dropped)
 */
public record CsvOptions(char delimiter, CsvHeader header, LabelColumn labelColumn, Storage storage) {

    /** Validates: no nulls, a usable delimiter. */
    public CsvOptions {
        if (header == null || labelColumn == null || storage == null) {
            throw new IllegalArgumentException("header, labelColumn and storage must not be null");
        }
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("delimiter must not be a quote or a line break, got "
                    + (int) delimiter);
        }
    }

    /** Comma-separated, header detected, label in the last column, dense float64. */
    public static CsvOptions defaults() {
        return new CsvOptions(',', CsvHeader.AUTO, LabelColumn.last(), Storage.DENSE);
    }

    /** A copy with another delimiter. */
    public CsvOptions withDelimiter(char newDelimiter) {
        return new CsvOptions(newDelimiter, header, labelColumn, storage);
    }

    /** A copy with another header setting. */
    public CsvOptions withHeader(CsvHeader newHeader) {
        return new CsvOptions(delimiter, newHeader, labelColumn, storage);
    }

    /** A copy with another label column. */
    public CsvOptions withLabelColumn(LabelColumn newLabelColumn) {
        return new CsvOptions(delimiter, header, newLabelColumn, storage);
    }

    /** A copy with another storage. */
    public CsvOptions withStorage(Storage newStorage) {
        return new CsvOptions(delimiter, header, labelColumn, newStorage);
    }
}
