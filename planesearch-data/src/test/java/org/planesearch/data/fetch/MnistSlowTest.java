package org.planesearch.data.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.planesearch.data.Dataset;
import org.planesearch.data.LabelMap;
import org.planesearch.data.Storage;

/**
 * Fetches the real sets (network through npm / apt-get) into the project's cache folder and checks
 * the decoded pixels against the published statistics. The cache is the system property
 * {@code planesearch.dataCache}, else {@code ../data-cache} (the repository's, seen from this
 * module's folder, where Maven runs the tests).
 */
@Tag("slow")
class MnistSlowTest {

    private static Path cache() {
        return Path.of(System.getProperty("planesearch.dataCache", "../data-cache"));
    }

    @ParameterizedTest
    @CsvSource({"mnist, 0.1307, 0.3081", "fashion-mnist, 0.2860, 0.3530"})
    void fetchedSetDecodesToThePublishedPixelStatistics(String id, double mean, double std) throws IOException {
        ImageSet set = ImageSet.parse(id);
        DatasetFetcher fetcher = new DatasetFetcher(FetchOptions.defaults().withCacheDir(cache()));
        fetcher.fetch(set);
        assertEquals(List.of(), fetcher.problems(set));
        try (Dataset train = Mnist.load(cache(), set, Mnist.Part.TRAIN, Storage.DENSE_FLOAT);
                Dataset test = Mnist.load(cache(), id, Mnist.Part.TEST, false)) {
            assertEquals(60_000, train.rows());
            assertEquals(10_000, test.rows());
            assertEquals(784, train.cols());
            double sum = 0;
            double sq = 0;
            double[] row = new double[784];
            for (int i = 0; i < train.rows(); i++) {
                train.features().row(i, row);
                for (double v : row) {
                    sum += v;
                    sq += v * v;
                }
            }
            double n = 60_000.0 * 784;
            double m = sum / n;
            assertEquals(mean, m, 5e-5);
            assertEquals(std, Math.sqrt(sq / n - m * m), 5e-5);
            LabelMap classes = LabelMap.multiclass(train.labels());
            assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), classes.classes());
            assertArrayEquals(classes.classIndices(test.labels()), LabelMap.multiclass(test.labels()).classIndices(
                    test.labels()));
        }
    }
}
