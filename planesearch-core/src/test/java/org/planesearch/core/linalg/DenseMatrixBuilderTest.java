package org.planesearch.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A matrix filled row by row (in any order, in either precision, one row or many at a time)
 * equals the matrix built from the whole array; unset rows are zero; the builder's life cycle is
 * enforced.
 */
class DenseMatrixBuilderTest {

    @ParameterizedTest(name = "{0} float32={1}")
    @CsvSource({"java, false", "java, true", "native, false", "native, true"})
    void rowByRowEqualsTheWholeArray(String backend, boolean float32) {
        Assumptions.assumeTrue(backend.equals("java") || Backend.nativeAvailable(), "OpenBLAS not loadable here");
        Backend b = Backend.named(backend);
        int n = 57;
        int d = 13;
        SplittableRandom rnd = new SplittableRandom(9);
        // Values representable in float32, so that rows given as float or double mean the same.
        double[] a = LinalgTesting.widen(LinalgTesting.toFloat(LinalgTesting.gaussian(rnd, n * d)));
        for (int i = 40; i < 45; i++) {
            java.util.Arrays.fill(a, i * d, (i + 1) * d, 0.0);   // rows 40…44 will never be set
        }
        float[] af = LinalgTesting.toFloat(a);
        DataMatrix built;
        try (DenseMatrixBuilder builder = b.denseBuilder(n, d, float32)) {
            assertEquals(n, builder.rows());
            assertEquals(d, builder.cols());
            assertEquals(float32, builder.float32());
            double[] row = new double[d];
            float[] rowF = new float[d + 3];
            for (int i = 39; i >= 20; i--) {                    // backwards, double rows
                System.arraycopy(a, i * d, row, 0, d);
                builder.setRow(i, row);
            }
            for (int i = 0; i < 20; i++) {                      // float rows from a longer buffer
                System.arraycopy(af, i * d, rowF, 0, d);
                builder.setRow(i, rowF);
            }
            builder.setRows(45, 6, a, 45 * d);                  // a block of double rows
            builder.setRows(51, 6, af, 51 * d);                 // a block of float rows
            builder.setRow(3, new double[d]);                   // overwritten below
            System.arraycopy(a, 3 * d, row, 0, d);
            builder.setRow(3, row);
            built = builder.build();
        }
        try (DataMatrix m = built; DataMatrix whole = float32 ? b.denseFloat(n, d, af) : b.dense(n, d, a)) {
            double[] x = new double[d];
            double[] y = new double[d];
            for (int i = 0; i < n; i++) {
                m.row(i, x);
                whole.row(i, y);
                for (int j = 0; j < d; j++) {
                    assertEquals(a[i * d + j], x[j], 0.0, "row " + i);
                    assertEquals(y[j], x[j], 0.0, "row " + i);
                }
            }
            double[] v = LinalgTesting.gaussian(rnd, d);
            double[] p1 = new double[n];
            double[] p2 = new double[n];
            m.multiply(v, p1);
            whole.multiply(v, p2);
            LinalgTesting.assertSameBits(p1, p2, "same storage, same product");
        }
    }

    @ParameterizedTest
    @CsvSource({"java", "native"})
    void lifeCycleAndArgumentsAreChecked(String backend) {
        Assumptions.assumeTrue(backend.equals("java") || Backend.nativeAvailable(), "OpenBLAS not loadable here");
        Backend b = Backend.named(backend);
        DenseMatrixBuilder builder = b.denseBuilder(3, 2, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.setRow(3, new double[2]));
        assertTrue(e.getMessage().contains("outside [0, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> builder.setRow(0, new double[1]));
        assertTrue(e.getMessage().startsWith("values "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> builder.setRows(1, 2, new double[5], 2));
        assertTrue(e.getMessage().startsWith("rowMajor "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.setRows(2, 2, new double[4], 0));
        DataMatrix m = builder.build();
        assertThrows(IllegalStateException.class, builder::build);
        assertThrows(IllegalStateException.class, () -> builder.setRow(0, new double[2]));
        builder.close();   // after build: frees nothing, the matrix still works
        double[] out = {-1, -1, -1};
        m.multiply(new double[] {1, 1}, out);
        assertEquals(0.0, out[0] + out[1] + out[2], 0.0);
        m.close();

        DenseMatrixBuilder discarded = b.denseBuilder(2, 2, true);
        discarded.close();
        discarded.close();
        assertThrows(IllegalStateException.class, discarded::build);
        assertThrows(IllegalArgumentException.class, () -> b.denseBuilder(-1, 2, false));
    }
}
