package org.planesearch.data.read;

import java.util.Locale;
import java.util.Optional;

/** The file formats the readers understand. */
public enum DataFormat {
    /** LIBSVM / SVMlight text ({@link LibsvmReader}). */
    LIBSVM,
    /** Delimited text ({@link CsvReader}). */
    CSV,
    /** MNIST's binary IDX, an image file plus a label file ({@link IdxReader}). */
    IDX;

    /** The lower-case name used on the command line ("libsvm", "csv", "idx"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format suggested by a file name, ignoring a trailing ".gz": ".csv"/".tsv" → CSV;
     * ".svm", ".libsvm", ".svmlight", ".scale", ".t", ".tr", ".train", ".test", ".txt" or no
     * extension → LIBSVM (the LIBSVM data sets' conventions); "…-ubyte" or ".idx*" → IDX.
     * Empty if the name says nothing; the caller should then ask for the format.
     */
    public static Optional<DataFormat> fromFileName(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.endsWith("-ubyte") || n.matches(".*\\.idx[0-9]?(-ubyte)?")) {
            return Optional.of(IDX);
        }
        if (n.endsWith(".csv") || n.endsWith(".tsv")) {
            return Optional.of(CSV);
        }
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot + 1);
        switch (ext) {
            case "":
            case "svm":
            case "libsvm":
            case "svmlight":
            case "scale":
            case "t":
            case "tr":
            case "train":
            case "test":
            case "txt":
                return Optional.of(LIBSVM);
            default:
                return Optional.empty();
        }
    }

    /**
     * The format with the given {@link #id()}, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted ids
     */
    public static DataFormat parse(String id) {
        for (DataFormat f : values()) {
            if (f.id().equalsIgnoreCase(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown data format '" + id + "'; expected libsvm, csv or idx");
    }
}
