package org.planesearch.data.bundled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.planesearch.data.DataTestSupport.failsWith;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.planesearch.data.Dataset;
import org.planesearch.data.LabelMap;
import org.planesearch.data.Storage;

class BundledDatasetsTest {

    static List<BundledDataset> all() {
        return BundledDatasets.all();
    }

    @ParameterizedTest
    @MethodSource("all")
    void everyBundledDatasetHasItsDocumentedShapeAndClasses(BundledDataset info) throws IOException {
        try (Dataset d = BundledDatasets.load(info.name())) {
            assertEquals(info.rows(), d.rows());
            assertEquals(info.features(), d.cols());
            assertEquals(info.defaultStorage(), d.storage());
            assertEquals(info.classes(), d.labels().distinct().size());
            LabelMap m = LabelMap.fit(info.task(), d.labels());
            assertEquals(info.classes(), m.numClasses());
            assertEquals(info.name(), d.name());
        }
    }

    @Test
    void namesAreTheFiveDocumentedOnes() {
        assertEquals(List.of("heart_scale", "breast_cancer", "iris", "wine", "digits"), BundledDatasets.names());
    }

    @Test
    void heartScaleFirstRowAndLabelsAreTheFileValues() throws IOException {
        // First line: +1 1:0.708333 2:1 3:1 4:-0.320755 5:-0.105023 6:-1 7:1 8:-0.419847 9:-1 10:-0.225806 12:1 13:-1
        try (Dataset d = BundledDatasets.load("heart_scale", Storage.DENSE)) {
            double[] row = new double[13];
            d.features().row(0, row);
            assertArrayEquals(new double[] {0.708333, 1, 1, -0.320755, -0.105023, -1, 1, -0.419847, -1, -0.225806, 0, 1,
                -1}, row, 0.0);
            LabelMap m = LabelMap.binary(d.labels());
            assertEquals(List.of("-1", "1"), m.classes());
            double[] y = m.targets(d.labels());
            assertEquals(1.0, y[0], 0.0);
            assertEquals(-1.0, y[1], 0.0);
            int positives = 0;
            for (double v : y) {
                positives += v > 0 ? 1 : 0;
            }
            assertEquals(120, positives);
        }
    }

    @Test
    void breastCancerHasNamedFeaturesAndMalignantAsPositive() throws IOException {
        try (Dataset d = BundledDatasets.load("breast_cancer")) {
            assertEquals("mean radius", d.featureName(0));
            assertEquals("worst fractal dimension", d.featureName(29));
            double[] row = new double[30];
            d.features().row(0, row);
            assertEquals(17.99, row[0], 0.0);
            assertEquals(0.1189, row[29], 0.0);
            LabelMap m = LabelMap.binary(d.labels());
            assertEquals("malignant", m.label(1));
            double[] y = m.targets(d.labels());
            int positives = 0;
            for (double v : y) {
                positives += v > 0 ? 1 : 0;
            }
            assertEquals(212, positives);
        }
    }

    @Test
    void irisWineAndDigitsHaveBalancedKnownClassCounts() throws IOException {
        try (Dataset iris = BundledDatasets.load("iris"); Dataset digits = BundledDatasets.load("digits")) {
            assertEquals(List.of("setosa", "versicolor", "virginica"), LabelMap.multiclass(iris.labels()).classes());
            assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                    LabelMap.multiclass(digits.labels()).classes());
            double[] row = new double[64];
            double max = 0;
            for (int i = 0; i < digits.rows(); i++) {
                digits.features().row(i, row);
                for (double v : row) {
                    max = Math.max(max, v);
                }
            }
            assertEquals(16.0, max, 0.0);
        }
    }

    @Test
    void unknownNameListsTheBundledOnes() {
        failsWith(() -> BundledDatasets.load("mnist"), "mnist", "not a bundled dataset", "heart_scale", "digits");
    }

    @Test
    void sourceAndLicenceAreDocumentedNextToTheFiles() throws IOException {
        try (InputStream in = BundledDatasets.class.getResourceAsStream("/org/planesearch/data/bundled/SOURCE.md")) {
            assertNotNull(in);
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            for (BundledDataset d : BundledDatasets.all()) {
                String file = d.resource().substring(d.resource().lastIndexOf('/') + 1);
                assertTrue(text.contains("`" + file + "`"), file + " is documented");
            }
            assertTrue(text.contains("BSD-3-Clause"));
        }
    }
}
