package org.planesearch.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.objective.TwiceDifferentiableFunction;

class SymmetricOperatorTest {

    /** f(x) = Σ xᵢ⁴/12: ∇f = xᵢ³/3, ∇²f = diag(xᵢ²), so the Hessian moves with x. */
    private static final class Quartic implements TwiceDifferentiableFunction {
        private final int n;

        Quartic(int n) {
            this.n = n;
        }

        @Override
        public int dimension() {
            return n;
        }

        @Override
        public double value(double[] x) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += x[i] * x[i] * x[i] * x[i] / 12;
            }
            return s;
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradOut) {
            for (int i = 0; i < n; i++) {
                gradOut[i] = x[i] * x[i] * x[i] / 3;
            }
            return value(x);
        }

        @Override
        public void hessianTimes(double[] x, double[] v, double[] out) {
            for (int i = 0; i < n; i++) {
                out[i] = x[i] * x[i] * v[i];
            }
        }
    }

    @Test
    void theHessianAdapterUsesACopyOfThePoint() {
        double[] x = {1, -2, 3};
        SymmetricOperator h = SymmetricOperator.hessianAt(new Quartic(3), x);
        x[1] = 100; // must not move the operator
        double[] out = new double[3];
        h.apply(new double[] {1, 1, 1}, out);
        assertArrayEquals(new double[] {1, 4, 9}, out, 0.0);
        assertEquals(3, h.dimension());
        assertThrows(IllegalArgumentException.class, () -> SymmetricOperator.hessianAt(new Quartic(4), x));
        // a bare HessianVectorProduct takes its dimension from x
        SymmetricOperator bare = SymmetricOperator.hessianAt((p, v, o) -> new Quartic(2).hessianTimes(p, v, o),
                new double[] {2, 3});
        double[] two = new double[2];
        bare.apply(new double[] {1, -1}, two);
        assertArrayEquals(new double[] {4, -9}, two, 0.0);
    }

    @Test
    void theDenseAdapterMultipliesAndChecksItsMatrix() {
        double[] a = {2, -1, 0, -1, 2, -1, 0, -1, 2};
        SymmetricOperator op = SymmetricOperator.dense(a, 3);
        a[0] = 1000; // copied
        double[] out = new double[3];
        op.apply(new double[] {1, 2, 3}, out);
        assertArrayEquals(new double[] {0, 0, 4}, out, 0.0);
        IllegalArgumentException asym = assertThrows(IllegalArgumentException.class,
                () -> SymmetricOperator.dense(new double[] {1, 2, 3, 4}, 2));
        assertTrue(asym.getMessage().contains("symmetric"), asym.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SymmetricOperator.dense(new double[] {1, 2, 3}, 2));
        assertThrows(IllegalArgumentException.class,
                () -> SymmetricOperator.dense(new double[] {1, Double.NaN, Double.NaN, 1}, 2));
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> op.apply(new double[2], new double[3]));
        assertTrue(length.getMessage().contains("length 3"), length.getMessage());
        double[] same = new double[3];
        assertThrows(IllegalArgumentException.class, () -> op.apply(same, same));
        assertThrows(IllegalArgumentException.class, () -> SymmetricOperator.of(0, (v, o) -> { }));
        assertThrows(IllegalArgumentException.class, () -> SymmetricOperator.diagonal(new double[0]));
    }

    @Test
    void restrictionGivesTheDiagonalBlockAtOneFullProductPerApplication() {
        int n = 9;
        double[] a = SpectrumTesting.randomSymmetric(n, new SplittableRandom(8));
        CountingOperator full = SymmetricOperator.counting(SymmetricOperator.dense(a, n));
        int offset = 3;
        int length = 4;
        SymmetricOperator block = SymmetricOperator.restrictedTo(full, offset, length);
        assertEquals(length, block.dimension());
        double[] v = {1, -2, 0.5, 3};
        double[] out = new double[length];
        for (int rep = 0; rep < 2; rep++) { // twice: the scratch must not leak between calls
            block.apply(v, out);
            for (int i = 0; i < length; i++) {
                double expected = 0;
                for (int j = 0; j < length; j++) {
                    expected += a[(offset + i) * n + offset + j] * v[j];
                }
                assertEquals(expected, out[i], 1e-14);
            }
        }
        assertEquals(2, full.applications());

        // by layer: the eigenvalues of the restriction are those of the block
        ParameterLayout layout = ParameterLayout.builder().layer("first").add("w1", true, 2, 2).add("b1", false, 1)
                .layer("second").add("w2", true, 4).build();
        assertEquals(n, layout.dimension());
        ParameterLayout.Layer second = layout.layer(1);
        SymmetricOperator byLayer = SymmetricOperator.restrictedTo(full, second);
        double[] blockMatrix = new double[second.length() * second.length()];
        for (int i = 0; i < second.length(); i++) {
            for (int j = 0; j < second.length(); j++) {
                blockMatrix[i * second.length() + j] = a[(second.offset() + i) * n + second.offset() + j];
            }
        }
        LanczosResult r = Lanczos.defaults().run(byLayer, new double[] {1, 1, 1, 1});
        assertTrue(SpectrumTesting.hausdorff(r.ritzValues(), SymmetricEigen.eigenvalues(blockMatrix, 4)) < 1e-12);
        SymmetricOperator byBlock = SymmetricOperator.restrictedTo(full, layout.block(2));
        assertEquals(4, byBlock.dimension());

        assertThrows(IllegalArgumentException.class, () -> SymmetricOperator.restrictedTo(full, 7, 3));
        assertThrows(IllegalArgumentException.class, () -> SymmetricOperator.restrictedTo(full, -1, 3));
        assertThrows(IllegalArgumentException.class, () -> SymmetricOperator.restrictedTo(full, 2, 0));
    }

    @Test
    void theCounterCountsAndResets() {
        CountingOperator op = SymmetricOperator.counting(SymmetricOperator.diagonal(new double[] {1, 2}));
        double[] out = new double[2];
        op.apply(new double[] {1, 1}, out);
        op.apply(new double[] {1, 1}, out);
        assertEquals(2, op.applications());
        op.reset();
        assertEquals(0, op.applications());
        assertEquals(2, op.dimension());
        assertThrows(IllegalArgumentException.class, () -> new CountingOperator(null));
    }
}
