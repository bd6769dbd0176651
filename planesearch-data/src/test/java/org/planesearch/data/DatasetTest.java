package org.planesearch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.planesearch.data.DataTestSupport.failsWith;
import static org.planesearch.data.DataTestSupport.toArray;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.planesearch.core.linalg.Matrices;

class DatasetTest {

    private static Dataset sample(Storage storage) {
        double[] x = {1, 0, 2, 0, 3, 0, 4, 5, 0};
        var m = storage == Storage.SPARSE
                ? Matrices.csr(3, 3, new int[] {0, 2, 3, 5}, new int[] {0, 2, 1, 0, 1}, new double[] {1, 2, 3, 4, 5})
                : storage == Storage.DENSE_FLOAT ? Matrices.denseFloat(3, 3, new float[] {1, 0, 2, 0, 3, 0, 4, 5, 0})
                : Matrices.dense(3, 3, x);
        return new Dataset("s", m, storage, Labels.of("s", new String[] {"a", "b", "c"}, null), List.of("x", "y", "z"));
    }

    @Test
    void selectCopiesRowsInTheGivenOrderForEveryStorage() {
        for (Storage st : Storage.values()) {
            try (Dataset d = sample(st); Dataset s = d.select("sub", new int[] {2, 0})) {
                assertArrayEquals(new double[][] {{4, 5, 0}, {1, 0, 2}}, toArray(s.features()));
                assertEquals(st, s.storage());
                assertEquals("c", s.labels().get(0));
                assertEquals(List.of("x", "y", "z"), s.featureNames());
            }
        }
        try (Dataset d = sample(Storage.SPARSE); Dataset s = d.select("sub", new int[] {2, 0})) {
            assertEquals(4, s.features().nonZeros());
        }
    }

    @Test
    void shiftAndScaleTransformsEveryRow() {
        try (Dataset d = sample(Storage.DENSE);
                Dataset t = d.shiftAndScale("t", new double[] {1, 1, 1}, new double[] {1, 2, 4})) {
            assertArrayEquals(new double[][] {{0, -0.5, 0.25}, {-1, 1, -0.25}, {3, 2, -0.25}}, toArray(t.features()));
        }
    }

    @Test
    void validatesShapes() {
        var m = Matrices.dense(2, 2, new double[4]);
        assertThrows(IllegalArgumentException.class,
                () -> new Dataset("d", m, Storage.DENSE, Labels.none("d", 3), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new Dataset("d", m, Storage.DENSE, Labels.none("d", 2), List.of("only one")));
    }

    @Test
    void requireFeaturesNamesBothCounts() {
        try (Dataset d = sample(Storage.DENSE)) {
            failsWith(() -> d.requireFeatures(13), "s", "has 3 features, but 13 are expected");
        }
    }
}
