package org.planesearch.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CholeskyTest {

    @Test
    void solvesAnSpdSystem() {
        double[] a = {4, 2, 0.4, 2, 5, 1, 0.4, 1, 3};
        double[] xTrue = {1, -2, 0.5};
        double[] b = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                b[i] += a[i * 3 + j] * xTrue[j];
            }
        }
        double[] l = new double[9];
        assertTrue(Cholesky.factor(a, 3, l));
        assertArrayEquals(new double[] {2, 0, 0}, new double[] {l[0], l[1], l[2]}, 1e-15);
        double[] x = new double[3];
        Cholesky.solve(l, 3, b, x);
        assertArrayEquals(xTrue, x, 1e-13);
    }

    @Test
    void reportsIndefiniteAndSingularMatrices() {
        double[] l = new double[4];
        assertFalse(Cholesky.factor(new double[] {1, 2, 2, 1}, 2, l), "indefinite");
        assertFalse(Cholesky.factor(new double[] {1, 1, 1, 1}, 2, l), "singular");
        assertFalse(Cholesky.factor(new double[] {1, 0, 0, 1e-20}, 2, 1e-12, l), "pivot below the floor");
        assertFalse(Cholesky.factor(new double[] {Double.NaN, 0, 0, 1}, 2, l), "non-finite");
    }
}
