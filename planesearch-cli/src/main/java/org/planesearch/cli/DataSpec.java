package org.planesearch.cli;

import java.nio.file.Path;
import org.planesearch.data.read.DataFormat;
import org.planesearch.data.read.LabelColumn;

/**
 * Where the data comes from and how to read it: the data flags of {@code train},
 * {@code evaluate} and {@code predict}, one component per flag. Null (or 0) means "not given":
 * the format's default applies.
 *
 * @param data a file, a bundled dataset name ({@code heart_scale}, …) or a fetched image set
 *     ({@code mnist}, {@code mnist-test}, {@code fashion-mnist}, {@code fashion-mnist-test}) ({@code --data})
 * @param format the file format, or null to take it from the file name ({@code --format})
 * @param labelColumn the CSV label column, or null for the last one ({@code --label-column})
 * @param delimiter the CSV field separator, or null for ',' (tab for .tsv files) ({@code --delimiter})
 * @param header whether the CSV's first line is a header, or null to detect it ({@code --header/--no-header})
 * @param float32 store dense features in float32 ({@code --float32})
 * @param maxFeatureIndex the largest LIBSVM feature index accepted, or 0 for the reader's
 *     default ({@code --max-features}, train only)
 * @param cacheDir where fetched image sets are ({@code --cache})
 */
record DataSpec(String data, DataFormat format, LabelColumn labelColumn, Character delimiter, Boolean header,
                boolean float32, int maxFeatureIndex, Path cacheDir) {

    DataSpec {
        if (data == null || data.isBlank()) {
            throw new UserError("--data: give a file or a bundled dataset name");
        }
        if (maxFeatureIndex < 0) {
            throw new UserError("--max-features: must be >= 1, got " + maxFeatureIndex);
        }
        if (cacheDir == null) {
            throw new IllegalArgumentException("cacheDir must not be null");
        }
    }
}
