package org.planesearch.data;

import java.util.Locale;

/** What a model predicts, and so how a {@link LabelMap} turns labels into targets. */
public enum LabelTask {
    /** Two classes, targets −1 and +1. */
    BINARY,
    /** c ≥ 2 classes, targets 0 … c−1. */
    MULTICLASS,
    /** Numeric targets kept as they are. */
    REGRESSION;

    /** The lower-case name used in files and on the command line ("binary", …). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The task with the given {@link #id()}, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted ids
     */
    public static LabelTask parse(String id) {
        for (LabelTask t : values()) {
            if (t.id().equalsIgnoreCase(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown label task '" + id + "'; expected binary, multiclass or regression");
    }
}
