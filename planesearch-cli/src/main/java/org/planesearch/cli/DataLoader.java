package org.planesearch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Dataset;
import org.planesearch.data.Storage;
import org.planesearch.data.bundled.BundledDataset;
import org.planesearch.data.bundled.BundledDatasets;
import org.planesearch.data.fetch.DatasetFetcher;
import org.planesearch.data.fetch.FetchOptions;
import org.planesearch.data.fetch.ImageSet;
import org.planesearch.data.fetch.Mnist;
import org.planesearch.data.read.CsvHeader;
import org.planesearch.data.read.CsvOptions;
import org.planesearch.data.read.CsvReader;
import org.planesearch.data.read.DataFormat;
import org.planesearch.data.read.IdxReader;
import org.planesearch.data.read.LabelColumn;
import org.planesearch.data.read.LibsvmOptions;
import org.planesearch.data.read.LibsvmReader;

/**
 * Loads the dataset a {@link DataSpec} names: a file (format from {@code --format} or the file
 * name), a bundled dataset, or a fetched image set. A file that exists wins over a bundled name.
 * Flags that do not apply to the chosen source or format are errors, never silently ignored.
 */
final class DataLoader {

    /**
     * What the caller needs of the data.
     *
     * @param features the model's d, or 0 when training (width from the data). LIBSVM rows may have
     *     fewer features (padded with zeros); other formats must have exactly d.
     * @param dense store dense even LIBSVM data (a centring standardizer needs it)
     * @param labelsOptional CSV data may lack the label column (predict)
     * @param labelColumn the CSV label column the model was trained with, the default when
     *     --label-column is not given; null for the last column
     * @param featureNames the model's feature names (from the training data's header), checked
     *     against the data's when both have them; null when the model has none
     */
    record Needs(int features, boolean dense, boolean labelsOptional, LabelColumn labelColumn, List<String> featureNames) {
        static final Needs TRAINING = new Needs(0, false, false, null, null);
    }

    /**
     * A loaded dataset and how it was found.
     *
     * @param dataset the data (owned by the caller: close it)
     * @param format its format
     * @param source "bundled", "file" or "cache"
     */
    record Loaded(Dataset dataset, DataFormat format, String source) {
    }

    private DataLoader() {
    }

    static Loaded load(DataSpec spec, Needs needs) throws IOException {
        Path path = Path.of(spec.data());
        boolean exists = Files.exists(path);
        Optional<BundledDataset> bundled = BundledDatasets.find(spec.data());
        if (!exists && bundled.isPresent()) {
            return loadBundled(spec, bundled.get(), needs);
        }
        Optional<ImageSetPart> image = ImageSetPart.parse(spec.data());
        if (!exists && image.isPresent()) {
            return loadImageSet(spec, image.get(), needs);
        }
        if (!exists) {
            String known = String.join(", ", BundledDatasets.names());
            boolean looksLikeName = !spec.data().contains("/") && !spec.data().contains(".");
            throw new UserError(spec.data() + ": no such file" + (looksLikeName
                    ? " (nor a bundled dataset: " + known + "; or a fetched set: mnist, fashion-mnist)" : ""));
        }
        DataFormat format = spec.format();
        if (format == null) {
            format = DataFormat.fromFileName(spec.data()).orElseThrow(() -> new UserError(spec.data()
                    + ": cannot tell the format from the file name; add --format libsvm, csv or idx"));
        }
        rejectFlagsNotFor(spec, format);
        Storage dense = spec.float32() ? Storage.DENSE_FLOAT : Storage.DENSE;
        switch (format) {
            case LIBSVM:
                return new Loaded(checked(LibsvmReader.read(path, libsvm(spec, needs, dense)), needs, format), format, "file");
            case CSV:
                return new Loaded(readCsv(path, spec, needs, dense), format, "file");
            case IDX:
                Path labels = idxLabels(path, spec.data());
                Dataset d = IdxReader.read(path, labels, dense, path.getFileName().toString());
                return new Loaded(checked(d, needs, format), format, "file");
            default:
                throw new IllegalStateException("format " + format);
        }
    }

    private static Loaded loadBundled(DataSpec spec, BundledDataset info, Needs needs) throws IOException {
        List<String> given = csvFlags(spec);
        if (spec.maxFeatureIndex() > 0) {
            given.add("--max-features");
        }
        if (spec.format() != null && spec.format() != info.format()) {
            given.add("--format " + spec.format().id());
        }
        if (!given.isEmpty()) {
            throw new UserError(String.join(", ", given) + ": does not apply to the bundled dataset " + info.name()
                    + " (" + info.format().id() + ", it knows how to read itself)");
        }
        Storage dense = spec.float32() ? Storage.DENSE_FLOAT : Storage.DENSE;
        if (info.format() == DataFormat.LIBSVM) {
            try (InputStream in = BundledDatasets.class.getResourceAsStream(info.resource())) {
                if (in == null) {
                    throw new IllegalStateException("bundled resource " + info.resource() + " is missing from the jar");
                }
                Dataset d = LibsvmReader.read(in, info.name(), libsvm(spec, needs, dense));
                return new Loaded(checked(d, needs, info.format()), info.format(), "bundled");
            }
        }
        Dataset d = BundledDatasets.load(info.name(), dense);
        return new Loaded(checked(d, needs, info.format()), info.format(), "bundled");
    }

    private static Loaded loadImageSet(DataSpec spec, ImageSetPart image, Needs needs) throws IOException {
        List<String> given = csvFlags(spec);
        if (spec.maxFeatureIndex() > 0) {
            given.add("--max-features");
        }
        if (spec.format() != null && spec.format() != DataFormat.IDX) {
            given.add("--format " + spec.format().id());
        }
        if (!given.isEmpty()) {
            throw new UserError(String.join(", ", given) + ": does not apply to " + image.set().id()
                    + " (IDX images read from " + spec.cacheDir() + ")");
        }
        DatasetFetcher fetcher = new DatasetFetcher(FetchOptions.defaults().withCacheDir(spec.cacheDir()));
        if (!fetcher.problems(image.set()).isEmpty()) {
            boolean defaultCache = spec.cacheDir().equals(Path.of(DataOptions.DEFAULT_CACHE));
            throw new UserError(spec.data() + ": " + image.set().id() + " is not in " + fetcher.directory(image.set())
                    + "; run 'planesearch data fetch " + image.set().id() + (defaultCache ? "" : " --cache " + spec.cacheDir())
                    + "' first");
        }
        Dataset d = Mnist.load(spec.cacheDir(), image.set(), image.part(), spec.float32() ? Storage.DENSE_FLOAT : Storage.DENSE);
        return new Loaded(checked(d, needs, DataFormat.IDX), DataFormat.IDX, "cache");
    }

    private static LibsvmOptions libsvm(DataSpec spec, Needs needs, Storage dense) {
        LibsvmOptions o = LibsvmOptions.defaults();
        if (spec.float32() || needs.dense()) {
            o = o.withStorage(dense);
        }
        if (spec.maxFeatureIndex() > 0) {
            o = o.withMaxFeatureIndex(spec.maxFeatureIndex());
        }
        if (needs.features() > 0) {
            o = o.withNumFeatures(needs.features());
        }
        return o;
    }

    /**
     * Reads CSV data with the label column given, else the model's, else the last. When the user
     * gave none and the data is to predict on, a file without a label column is accepted too: if
     * the first reading fails or does not fit the model, the file is read again with every column
     * a feature, and that reading is taken if it fits; otherwise the first reading's error stands.
     */
    private static Dataset readCsv(Path path, DataSpec spec, Needs needs, Storage storage) throws IOException {
        char delimiter = spec.delimiter() != null ? spec.delimiter()
                : path.toString().toLowerCase(Locale.ROOT).matches(".*\\.tsv(\\.gz)?") ? '\t' : ',';
        CsvHeader header = spec.header() == null ? CsvHeader.AUTO : spec.header() ? CsvHeader.PRESENT : CsvHeader.ABSENT;
        LabelColumn column = spec.labelColumn() != null ? spec.labelColumn()
                : needs.labelColumn() != null ? needs.labelColumn() : LabelColumn.last();
        CsvOptions options = new CsvOptions(delimiter, header, column, storage);
        boolean mayLackLabels = needs.labelsOptional() && spec.labelColumn() == null && needs.features() > 0;
        try {
            return checked(CsvReader.read(path, options), needs, DataFormat.CSV);
        } catch (IOException | UserError first) {
            if (!mayLackLabels) {
                throw first;
            }
            Dataset unlabeled;
            try {
                unlabeled = CsvReader.read(path, options.withLabelColumn(LabelColumn.none()));
            } catch (IOException second) {
                throw first;
            }
            if (unlabeled.cols() != needs.features() || nameMismatch(unlabeled, needs) != null) {
                unlabeled.close();
                throw first;
            }
            return checked(unlabeled, needs, DataFormat.CSV);
        }
    }

    /**
     * Checks the width against the model's (LIBSVM rows were already padded to it by the reader),
     * the feature names against the model's when both have them, and that there are rows. Closes
     * the dataset when it does not pass.
     */
    private static Dataset checked(Dataset d, Needs needs, DataFormat format) throws IOException {
        if (needs.features() > 0 && d.cols() != needs.features()) {
            d.close();
            if (format == DataFormat.CSV && d.labels().isPresent()) {
                throw new DataFormatException(d.name(), "has " + d.cols() + " feature column" + Fmt.s(d.cols())
                        + " besides the label column, but the model was trained with " + needs.features()
                        + (needs.labelsOptional() ? " (data to predict on has " + needs.features() + " columns, or "
                        + (needs.features() + 1) + " with a label column)" : ""));
            }
            d.requireFeatures(needs.features());
        }
        String mismatch = nameMismatch(d, needs);
        if (mismatch != null) {
            d.close();
            throw new DataFormatException(d.name(), mismatch);
        }
        if (d.rows() == 0) {
            d.close();
            throw new UserError(d.name() + ": has no examples");
        }
        return d;
    }

    /** How the data's feature names differ from the model's, or null when they agree or either has none. */
    private static String nameMismatch(Dataset d, Needs needs) {
        List<String> model = needs.featureNames();
        if (model == null || d.featureNames().isEmpty() || d.cols() != model.size()) {
            return null;
        }
        for (int j = 0; j < model.size(); j++) {
            if (!model.get(j).equals(d.featureName(j))) {
                return "feature " + (j + 1) + " is " + DataFormatException.quote(d.featureName(j)) + " here but "
                        + DataFormatException.quote(model.get(j)) + " in the model: the columns must be the training "
                        + "data's, in the same order" + (needs.labelColumn() == null ? "" : " (the model's label column is "
                        + needs.labelColumn() + "; --label-column picks another)");
            }
        }
        return null;
    }

    /** The label file of an IDX image file: "…images-idx3…" with "labels-idx1" in its place. */
    private static Path idxLabels(Path images, String shown) {
        String name = images.getFileName().toString();
        String labels = name.replace("images-idx3", "labels-idx1").replace("images.idx3", "labels.idx1");
        if (labels.equals(name)) {
            throw new UserError(shown + ": IDX data is an image file named like train-images-idx3-ubyte[.gz], with its "
                    + "labels next to it in train-labels-idx1-ubyte[.gz]; cannot tell the label file of this one");
        }
        Path p = images.resolveSibling(labels);
        if (!Files.exists(p) && Files.exists(images.resolveSibling(labels + ".gz"))) {
            p = images.resolveSibling(labels + ".gz");
        } else if (!Files.exists(p) && labels.endsWith(".gz")
                && Files.exists(images.resolveSibling(labels.substring(0, labels.length() - 3)))) {
            p = images.resolveSibling(labels.substring(0, labels.length() - 3));
        }
        return p;
    }

    private static void rejectFlagsNotFor(DataSpec spec, DataFormat format) {
        List<String> given = format == DataFormat.CSV ? new ArrayList<>() : csvFlags(spec);
        if (format != DataFormat.LIBSVM && spec.maxFeatureIndex() > 0) {
            given.add("--max-features");
        }
        if (!given.isEmpty()) {
            throw new UserError(String.join(", ", given) + ": does not apply to " + format.id() + " data (" + spec.data() + ")");
        }
    }

    private static List<String> csvFlags(DataSpec spec) {
        List<String> given = new ArrayList<>();
        if (spec.labelColumn() != null) {
            given.add("--label-column");
        }
        if (spec.delimiter() != null) {
            given.add("--delimiter");
        }
        if (spec.header() != null) {
            given.add(spec.header() ? "--header" : "--no-header");
        }
        return given;
    }

    /** A fetched image set and part, by command-line name: mnist, mnist-test, fashion-mnist-train, … */
    record ImageSetPart(ImageSet set, Mnist.Part part) {
        static Optional<ImageSetPart> parse(String name) {
            for (ImageSet s : ImageSet.values()) {
                if (name.equals(s.id()) || name.equals(s.id() + "-train")) {
                    return Optional.of(new ImageSetPart(s, Mnist.Part.TRAIN));
                }
                if (name.equals(s.id() + "-test")) {
                    return Optional.of(new ImageSetPart(s, Mnist.Part.TEST));
                }
            }
            return Optional.empty();
        }
    }
}
