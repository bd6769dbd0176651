package org.planesearch.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.planesearch.data.Dataset;

class SyntheticClassificationTest {

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        try (Dataset a = SyntheticClassification.logistic(2000, 7, 11, false);
             Dataset b = SyntheticClassification.logistic(2000, 7, 11, false);
             Dataset c = SyntheticClassification.logistic(2000, 7, 12, false)) {
            double[] ra = new double[7];
            double[] rb = new double[7];
            double[] rc = new double[7];
            boolean differs = false;
            for (int i = 0; i < 2000; i += 97) {
                a.features().row(i, ra);
                b.features().row(i, rb);
                c.features().row(i, rc);
                assertArrayEquals(ra, rb);
                assertEquals(a.labels().value(i), b.labels().value(i));
                differs |= ra[0] != rc[0];
            }
            assertTrue(differs);
        }
    }

    @Test
    void featuresAreStandardNormalAndBothClassesAppear() {
        try (Dataset a = SyntheticClassification.logistic(20_000, 3, 5, false)) {
            double[] row = new double[3];
            double sum = 0;
            double sq = 0;
            int positive = 0;
            for (int i = 0; i < 20_000; i++) {
                a.features().row(i, row);
                sum += row[1];
                sq += row[1] * row[1];
                positive += a.labels().value(i) > 0 ? 1 : 0;
            }
            double mean = sum / 20_000;
            assertEquals(0, mean, 0.03);
            assertEquals(1, sq / 20_000 - mean * mean, 0.05);
            // b* = 0.5 tilts the classes towards +1 but both are well represented
            assertTrue(positive > 10_000 && positive < 14_000, "positives " + positive);
            assertFalse(a.labels().distinct().size() != 2);
        }
    }

    @Test
    void rejectsEmptyShapes() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticClassification.logistic(0, 3, 1, false));
    }
}
