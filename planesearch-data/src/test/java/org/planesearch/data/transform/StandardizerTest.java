package org.planesearch.data.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.planesearch.data.DataTestSupport.failsWith;
import static org.planesearch.data.DataTestSupport.toArray;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.planesearch.core.linalg.Matrices;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Dataset;
import org.planesearch.data.Labels;
import org.planesearch.data.Storage;

class StandardizerTest {

    private static Dataset dense(String name, int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                // Column j: offset 100·j, spread j+1; the last column is constant.
                x[i * d + j] = j == d - 1 ? 7.0 : 100.0 * j + (j + 1) * r.nextGaussian();
            }
        }
        return new Dataset(name, Matrices.dense(n, d, x), Storage.DENSE, Labels.none(name, n), List.of());
    }

    @Test
    void fittedOnDenseDataGivesColumnsOfMeanZeroAndStdOne() throws DataFormatException {
        try (Dataset train = dense("train", 200, 4, 1)) {
            Standardizer s = Standardizer.fit(train);
            assertTrue(s.centers());
            assertEquals(1.0, s.scales()[3], 0.0, "constant column keeps scale 1");
            assertEquals(7.0, s.means()[3], 0.0);
            try (Dataset z = s.apply(train)) {
                double[][] x = toArray(z.features());
                for (int j = 0; j < 4; j++) {
                    double mean = 0;
                    double sq = 0;
                    for (double[] row : x) {
                        mean += row[j];
                        sq += row[j] * row[j];
                    }
                    mean /= x.length;
                    assertEquals(0, mean, 1e-12);
                    assertEquals(j == 3 ? 0 : 1, Math.sqrt(sq / x.length - mean * mean), 1e-12);
                }
            }
        }
    }

    @Test
    void meansAndScalesMatchAHandComputation() throws DataFormatException {
        double[] x = {1, 10, 2, 20, 3, 60};
        try (Dataset d = new Dataset("h", Matrices.dense(3, 2, x), Storage.DENSE, Labels.none("h", 3), List.of())) {
            Standardizer s = Standardizer.fit(d);
            assertArrayEquals(new double[] {2, 30}, s.means(), 1e-12);
            assertArrayEquals(new double[] {Math.sqrt(2.0 / 3), Math.sqrt((400 + 100 + 900) / 3.0)}, s.scales(), 1e-12);
        }
    }

    @Test
    void rebuiltFromStoredMeansAndScalesAppliesTheSameTransformToOtherData() throws DataFormatException {
        try (Dataset train = dense("train", 100, 3, 2); Dataset test = dense("test", 30, 3, 3)) {
            Standardizer fitted = Standardizer.fit(train);
            Standardizer rebuilt = Standardizer.of(fitted.means(), fitted.scales());
            try (Dataset a = fitted.apply(test); Dataset b = rebuilt.apply(test)) {
                assertArrayEquals(toArray(a.features()), toArray(b.features()));
                assertEquals("test", a.name());
                double[] row = new double[3];
                test.features().row(5, row);
                rebuilt.applyToRow(row);
                assertArrayEquals(toArray(a.features())[5], row, 0.0);
                // And back: x = z·σ + μ recovers the original.
                double[] orig = new double[3];
                test.features().row(5, orig);
                for (int j = 0; j < 3; j++) {
                    assertEquals(orig[j], row[j] * fitted.scales()[j] + fitted.means()[j], 1e-12);
                }
            }
        }
    }

    @Test
    void sparseDataIsOnlyScaledSoZerosStayZero() throws DataFormatException {
        var m = Matrices.csr(4, 3, new int[] {0, 1, 2, 4, 4}, new int[] {0, 2, 0, 2}, new double[] {2, 4, -2, 8});
        try (Dataset d = new Dataset("sp", m, Storage.SPARSE, Labels.none("sp", 4), List.of())) {
            Standardizer s = Standardizer.fit(d);
            assertFalse(s.centers());
            assertArrayEquals(new double[] {0, 0, 0}, s.means());
            assertEquals(Math.sqrt(2.0), s.scales()[0], 1e-12); // values 2, 0, -2, 0: mean 0, variance 2
            assertEquals(1.0, s.scales()[1], 0.0); // all-zero column
            try (Dataset z = s.apply(d)) {
                assertEquals(Storage.SPARSE, z.storage());
                assertEquals(4, z.features().nonZeros());
                assertEquals(2 / Math.sqrt(2.0), toArray(z.features())[0][0], 1e-12);
            }
            Standardizer centring = Standardizer.fit(d, true);
            failsWith(() -> centring.apply(d), "sp", "stored sparse", "scale-only");
        }
    }

    @Test
    void wrongWidthIsAnErrorNamingTheData() throws DataFormatException {
        try (Dataset train = dense("train", 10, 3, 4); Dataset other = dense("other.csv", 10, 4, 5)) {
            Standardizer s = Standardizer.fit(train);
            failsWith(() -> s.apply(other), "other.csv", "has 4 features", "fitted on 3");
        }
        assertThrows(IllegalArgumentException.class, () -> Standardizer.of(new double[] {0}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> Standardizer.of(new double[] {0}, new double[] {1, 2}));
    }
}
