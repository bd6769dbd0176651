package org.planesearch.core.subspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.objective.FiniteDifferences;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.testing.Rosenbrock;

class GenericSubspaceEvaluatorTest {

    private static final ParameterLayout TWO_BLOCKS = ParameterLayout.builder()
            .add("a", true, 3).add("b", false, 2, 2).build();

    private final Rosenbrock f = new Rosenbrock(TWO_BLOCKS);
    private final double[] x0 = {-1.2, 1, 0.8, -0.5, 0.3, 1.5, 0.2};
    private final double[] d = {0.4, -0.1, 0.3, 0.2, -0.6, 0.1, 0.5};

    /** Starts an evaluator at x0, moves once by 0.1·d so that a previous step exists. */
    private GenericSubspaceEvaluator withOneStep() {
        GenericSubspaceEvaluator ev = new GenericSubspaceEvaluator(f, TWO_BLOCKS, 4, 2);
        double[] g = new double[7];
        ev.start(x0, g);
        Subspace s = new Subspace(1);
        s.addDirection(g);
        ev.restrict(s);
        ev.move(new double[] {-1e-3}, new double[7], g);
        return ev;
    }

    @Test
    void psiIsFOfXPlusDtWithBlockRestrictedColumns() {
        GenericSubspaceEvaluator ev = withOneStep();
        double[] x = ev.currentPoint().clone();
        double[] s1 = ev.previousStep(1).clone();
        Subspace s = new Subspace(4);
        s.addDirection(d);
        s.addPreviousStep(1);
        s.addDirection(d, 1);
        s.addPreviousStep(1, 0);
        SubspaceObjective psi = ev.restrict(s);
        double[] t = {0.3, -2, 0.7, 1.5};
        double[] point = x.clone();
        for (int i = 0; i < 7; i++) {
            point[i] += t[0] * d[i] + t[1] * s1[i];
            if (i >= 3) {
                point[i] += t[2] * d[i];
            } else {
                point[i] += t[3] * s1[i];
            }
        }
        assertEquals(f.value(point), psi.value(t), 1e-12 * Math.abs(f.value(point)));
    }

    @Test
    void gradientAndHessianOfPsiMatchFiniteDifferences() {
        GenericSubspaceEvaluator ev = withOneStep();
        Subspace s = new Subspace(4);
        s.addDirection(d, 0);
        s.addPreviousStep(1, 1);
        s.addDirection(d);
        SubspaceObjective psi = ev.restrict(s);
        double[] t = {0.2, 3, -0.1};
        double[] g = new double[3];
        double[] h = new double[9];
        psi.valueGradientHessian(t, g, h);
        double[] gFd = new double[3];
        double[] hFd = new double[9];
        FiniteDifferences.gradient(psi, t, gFd);
        FiniteDifferences.hessian(psi, t, hFd);
        assertTrue(FiniteDifferences.relativeError(g, gFd, 1e-6) < 1e-7, "gradient");
        assertTrue(FiniteDifferences.relativeError(h, hFd, 1e-6) < 1e-6, "Hessian");
        assertEquals(h[1], h[3], 0, "symmetric");
    }

    @Test
    void countsFollowTheDocumentedUnits() {
        GenericSubspaceEvaluator ev = new GenericSubspaceEvaluator(f, TWO_BLOCKS, 2, 1);
        double[] x = new double[7];
        double[] g = new double[7];
        ev.start(x0, g);
        EvaluationCounts c = ev.counts();
        assertEquals(2, c.dataPasses());
        assertEquals(1, c.functionEvaluations());
        assertEquals(1, c.gradientEvaluations());

        Subspace s = new Subspace(2);
        s.addDirection(d);
        SubspaceObjective psi = ev.restrict(s);
        double[] gt = new double[1];
        psi.valueAndGradient(new double[] {0}, gt); // at t = 0: known, costs no pass
        assertEquals(2, c.dataPasses());
        assertEquals(1, c.subspaceTrials());

        psi.value(new double[] {0.01}); // a value: 1 pass
        assertEquals(3, c.dataPasses());
        assertEquals(2, c.functionEvaluations());
        psi.value(new double[] {0.01}); // cached
        assertEquals(3, c.dataPasses());
        psi.valueGradientHessian(new double[] {0.01}, gt, new double[1]); // + gradient (1) + 1 HVP (2)
        assertEquals(6, c.dataPasses());
        assertEquals(2, c.gradientEvaluations());
        assertEquals(1, c.hessianVectorProducts());
        assertEquals(4, c.subspaceTrials());

        double fNew = ev.move(new double[] {0.01}, x, g); // all cached: free
        assertEquals(6, c.dataPasses());
        assertEquals(2, c.functionEvaluations());
        double[] expected = x0.clone();
        for (int i = 0; i < 7; i++) {
            expected[i] += 0.01 * d[i];
        }
        assertArrayEquals(expected, x, 1e-15);
        assertEquals(f.value(expected), fNew, 1e-12);

        // fixed-step pattern: one trial value + the move = 2 passes
        s.clear();
        s.addDirection(d);
        s.addPreviousStep(1);
        psi = ev.restrict(s);
        psi.value(new double[] {0.01, 0.5});
        ev.move(new double[] {0.01, 0.5}, x, g);
        assertEquals(8, c.dataPasses());
        assertEquals(3, c.gradientEvaluations());
    }

    @Test
    void stepHistoryIsARingOfExactDifferences() {
        GenericSubspaceEvaluator ev = new GenericSubspaceEvaluator(f, TWO_BLOCKS, 1, 2);
        double[] x = new double[7];
        double[] g = new double[7];
        ev.start(x0, g);
        assertEquals(0, ev.availableSteps());
        double[] prev = x0.clone();
        Subspace s = new Subspace(1);
        for (int it = 1; it <= 3; it++) {
            s.clear();
            s.addDirection(d);
            ev.restrict(s);
            ev.move(new double[] {0.1 * it}, x, g);
            double[] step = new double[7];
            for (int i = 0; i < 7; i++) {
                step[i] = x[i] - prev[i];
            }
            assertArrayEquals(step, ev.previousStep(1), 0);
            prev = x.clone();
            assertEquals(Math.min(it, 2), ev.availableSteps());
        }
        double[] lag2 = ev.previousStep(2);
        for (int i = 0; i < 7; i++) {
            assertEquals(0.2 * d[i], lag2[i], 1e-15);
        }
        assertThrows(IllegalArgumentException.class, () -> ev.previousStep(3));
    }

    @Test
    void rejectsMisuse() {
        GenericSubspaceEvaluator ev = new GenericSubspaceEvaluator(f, TWO_BLOCKS, 1, 1);
        Subspace s = new Subspace(2);
        s.addDirection(d);
        assertThrows(IllegalStateException.class, () -> ev.restrict(s));
        ev.start(x0, new double[7]);
        s.addDirection(d);
        assertThrows(IllegalArgumentException.class, () -> ev.restrict(s), "too many columns");
        Subspace lagged = new Subspace(1);
        lagged.addPreviousStep(1);
        assertThrows(IllegalArgumentException.class, () -> ev.restrict(lagged), "no step yet");
        assertThrows(IllegalStateException.class, () -> ev.move(new double[1], new double[7], new double[7]));
    }
}
