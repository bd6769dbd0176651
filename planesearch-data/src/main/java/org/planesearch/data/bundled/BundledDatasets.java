package org.planesearch.data.bundled;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Dataset;
import org.planesearch.data.LabelTask;
import org.planesearch.data.Storage;
import org.planesearch.data.read.CsvOptions;
import org.planesearch.data.read.CsvReader;
import org.planesearch.data.read.DataFormat;
import org.planesearch.data.read.LabelColumn;
import org.planesearch.data.read.LibsvmOptions;
import org.planesearch.data.read.LibsvmReader;

/**
 * The small real datasets shipped on the classpath, by name: {@code heart_scale} (LIBSVM,
 * 270×13, ±1), {@code breast_cancer} (CSV, 569×30, benign/malignant), {@code iris} (150×4, 3
 * classes), {@code wine} (178×13, 3 classes) and {@code digits} (1,797×64, 10 classes). CSV files
 * have a header of feature names and the label in column {@code target}.
 *
 * <p>Sources and licences: {@code org/planesearch/data/bundled/SOURCE.md}. Thread-safe.
 */
public final class BundledDatasets {

    private static final String ROOT = "/org/planesearch/data/bundled/";

    private static final List<BundledDataset> ALL = List.of(
            new BundledDataset("heart_scale", DataFormat.LIBSVM, ROOT + "heart_scale", 270, 13, 2, LabelTask.BINARY,
                    Storage.SPARSE, "UCI Statlog heart disease, scaled to [-1, 1] (LIBLINEAR's example)"),
            new BundledDataset("breast_cancer", DataFormat.CSV, ROOT + "breast_cancer.csv", 569, 30, 2,
                    LabelTask.BINARY, Storage.DENSE, "UCI breast cancer Wisconsin (diagnostic), benign/malignant"),
            new BundledDataset("iris", DataFormat.CSV, ROOT + "iris.csv", 150, 4, 3, LabelTask.MULTICLASS,
                    Storage.DENSE, "Fisher's iris flowers, 3 species"),
            new BundledDataset("wine", DataFormat.CSV, ROOT + "wine.csv", 178, 13, 3, LabelTask.MULTICLASS,
                    Storage.DENSE, "UCI wine recognition, 3 cultivars"),
            new BundledDataset("digits", DataFormat.CSV, ROOT + "digits.csv.gz", 1797, 64, 10,
                    LabelTask.MULTICLASS, Storage.DENSE, "UCI handwritten digits, 8×8 images with values 0-16"));

    private BundledDatasets() {
    }

    /** Every bundled dataset, in a fixed order. */
    public static List<BundledDataset> all() {
        return ALL;
    }

    /** The names, in the order of {@link #all()}. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (BundledDataset d : ALL) {
            names.add(d.name());
        }
        return List.copyOf(names);
    }

    /** The description of a bundled dataset, or empty if there is none by that name. */
    public static Optional<BundledDataset> find(String name) {
        for (BundledDataset d : ALL) {
            if (d.name().equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** Loads a bundled dataset in its {@linkplain BundledDataset#defaultStorage() default storage}. */
    public static Dataset load(String name) throws IOException {
        return load(name, info(name).defaultStorage());
    }

    /**
     * Loads a bundled dataset; the dataset and its labels are called by the bundled name.
     *
     * @throws DataFormatException if there is no bundled dataset of that name (the message lists
     *     the names)
     */
    public static Dataset load(String name, Storage storage) throws IOException {
        BundledDataset info = info(name);
        try (InputStream in = BundledDatasets.class.getResourceAsStream(info.resource())) {
            if (in == null) {
                throw new IllegalStateException("bundled resource " + info.resource() + " is missing from the jar");
            }
            if (info.format() == DataFormat.LIBSVM) {
                return LibsvmReader.read(in, name, LibsvmOptions.defaults().withStorage(storage));
            }
            return CsvReader.read(in, name, CsvOptions.defaults().withLabelColumn(LabelColumn.named("target"))
                    .withStorage(storage));
        }
    }

    private static BundledDataset info(String name) throws DataFormatException {
        return find(name).orElseThrow(() -> new DataFormatException(name, "is not a bundled dataset; the bundled ones are "
                + String.join(", ", names())));
    }
}
