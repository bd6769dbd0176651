package org.planesearch.data.bundled;

import org.planesearch.data.LabelTask;
import org.planesearch.data.Storage;
import org.planesearch.data.read.DataFormat;

/**
 * A dataset shipped inside this module (see {@code SOURCE.md} next to the files for where each
 * comes from and its licence).
 *
 * @param name the name {@link BundledDatasets#load(String)} takes
 * @param format the file format of the resource
 * @param resource the classpath resource (absolute)
 * @param rows n
 * @param features d
 * @param classes the number of distinct labels
 * @param task the task the labels suit
 * @param defaultStorage how {@link BundledDatasets#load(String)} stores it (SPARSE for LIBSVM
 *     files, DENSE for CSV)
 * @param description one line for listings
 */
public record BundledDataset(String name, DataFormat format, String resource, int rows, int features, int classes,
        LabelTask task, Storage defaultStorage, String description) {

    /** Validates non-null fields and positive sizes. */
    public BundledDataset {
        if (name == null || format == null || resource == null || task == null || defaultStorage == null
                || description == null) {
            throw new IllegalArgumentException("fields must not be null");
        }
        if (rows <= 0 || features <= 0 || classes < 2) {
            throw new IllegalArgumentException(name + ": sizes must be positive and classes >= 2");
        }
    }
}
