package org.planesearch.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.planesearch.core.optim.TestRules.assertMessage;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.planesearch.core.stepsize.StepStatus;

class StopCriterionTest {

    private static IterationRecord record(int k, double f, double gnorm, long passes, double seconds) {
        return k == 0 ? IterationRecord.start(f, gnorm, 1, 1, passes, seconds)
                : new IterationRecord(k, f, gnorm, new double[] {0.5}, StepStatus.CONVERGED, 1, 2, k + 1, k + 1,
                        passes, seconds, false, false);
    }

    private static Optional<Termination> none() {
        return Optional.empty();
    }

    @Test
    void gradientNormIsAnAbsoluteTestOnTheTwoNorm() {
        StopCriterion c = StopCriterion.gradientNorm(1e-3);
        assertEquals(Optional.of(Termination.GRADIENT_NORM), c.check(null, record(0, 1, 1e-3, 0, 0)));
        assertEquals(none(), c.check(null, record(0, 1, 1.0001e-3, 0, 0)));
    }

    @Test
    void relativeDecreaseUsesMaxOfOneAndTheOldValue() {
        StopCriterion c = StopCriterion.relativeDecrease(1e-3);
        // |f| ≥ 1: relative; 1000 → 999.1 is a change of 0.9 ≤ 1e-3 · 1000
        assertEquals(Optional.of(Termination.SMALL_DECREASE), c.check(record(1, 1000, 1, 0, 0), record(2, 999.1, 1, 0, 0)));
        assertEquals(none(), c.check(record(1, 1000, 1, 0, 0), record(2, 998.9, 1, 0, 0)));
        // |f| < 1: absolute; 1e-6 → 0 is a change of 1e-6 ≤ 1e-3
        assertEquals(Optional.of(Termination.SMALL_DECREASE), c.check(record(1, 1e-6, 1, 0, 0), record(2, 0, 1, 0, 0)));
        assertEquals(none(), c.check(record(1, 0.5, 1, 0, 0), record(2, 0.498, 1, 0, 0)));
        // an increase of the same size counts too (|f_k − f_{k+1}|)
        assertEquals(Optional.of(Termination.SMALL_DECREASE), c.check(record(1, 1000, 1, 0, 0), record(2, 1000.5, 1, 0, 0)));
        // never at the starting point
        assertEquals(none(), c.check(null, record(0, 1, 1, 0, 0)));
    }

    @Test
    void budgets() {
        assertEquals(Optional.of(Termination.MAX_ITERATIONS), StopCriterion.maxIterations(3).check(null, record(3, 1, 1, 0, 0)));
        assertEquals(none(), StopCriterion.maxIterations(3).check(null, record(2, 1, 1, 0, 0)));
        assertEquals(Optional.of(Termination.MAX_PASSES), StopCriterion.maxPasses(10).check(null, record(2, 1, 1, 10, 0)));
        assertEquals(none(), StopCriterion.maxPasses(10).check(null, record(2, 1, 1, 9, 0)));
        assertEquals(Optional.of(Termination.MAX_TIME), StopCriterion.maxSeconds(2.5).check(null, record(2, 1, 1, 0, 2.5)));
        assertEquals(none(), StopCriterion.maxSeconds(2.5).check(null, record(2, 1, 1, 0, 2.4)));
    }

    @Test
    void anyOfReportsTheFirstThatFiresInOrderAndFlattens() {
        StopCriterion c = StopCriterion.anyOf(StopCriterion.maxIterations(5), StopCriterion.gradientNorm(1))
                .or(StopCriterion.maxPasses(3));
        assertEquals(3, ((StopCriterion.AnyOf) c).criteria().size());
        IterationRecord both = record(5, 1, 0.5, 0, 0);
        assertEquals(Optional.of(Termination.MAX_ITERATIONS), c.check(null, both));
        StopCriterion reversed = StopCriterion.anyOf(StopCriterion.gradientNorm(1), StopCriterion.maxIterations(5));
        assertEquals(Optional.of(Termination.GRADIENT_NORM), reversed.check(null, both));
        assertEquals(Optional.of(Termination.MAX_PASSES), c.check(null, record(1, 1, 2, 3, 0)));
        assertEquals(none(), c.check(null, record(1, 1, 2, 2, 0)));
        assertEquals("anyOf(maxIterations(5), gradientNorm(1), maxPasses(3))", c.describe());
    }

    @Test
    void defaultsDescribeThemselves() {
        assertEquals("anyOf(gradientNorm(1e-6), relativeDecrease(1e-12), maxIterations(1000))",
                StopCriterion.defaults().describe());
        assertEquals("maxSeconds(0.5)", StopCriterion.maxSeconds(0.5).describe());
    }

    @Test
    void invalidCriteriaAreRejectedWithMessages() {
        assertMessage("gradientNorm: tolerance must be finite and >= 0, got -1.0", () -> StopCriterion.gradientNorm(-1));
        assertMessage("gradientNorm: tolerance must be finite and >= 0, got NaN", () -> StopCriterion.gradientNorm(Double.NaN));
        assertMessage("relativeDecrease: tolerance must be finite and >= 0, got Infinity",
                () -> StopCriterion.relativeDecrease(Double.POSITIVE_INFINITY));
        assertMessage("maxIterations: iterations must be >= 0, got -2", () -> StopCriterion.maxIterations(-2));
        assertMessage("maxPasses: passes must be >= 0, got -1", () -> StopCriterion.maxPasses(-1));
        assertMessage("maxSeconds: seconds must be finite and >= 0, got -0.5", () -> StopCriterion.maxSeconds(-0.5));
        assertMessage("anyOf: needs at least one criterion", () -> StopCriterion.anyOf());
        assertMessage("anyOf: criterion 1 is null", () -> StopCriterion.anyOf(StopCriterion.maxIterations(1), null));
    }

    @Test
    void recordsAreImmutable() {
        double[] t = {1, 2};
        IterationRecord r = new IterationRecord(1, 0, 0, t, StepStatus.CONVERGED, 0, 0, 0, 0, 0, 0, false, false);
        t[0] = 99;
        assertEquals(1, r.coefficient(0), 0);
        r.coefficients()[1] = 99;
        assertArrayEquals(new double[] {1, 2}, r.coefficients(), 0);
        assertMessage("stepStatus must be null exactly at iteration 0",
                () -> new IterationRecord(1, 0, 0, t, null, 0, 0, 0, 0, 0, 0, false, false));
        assertMessage("iteration must be >= 0, got -1",
                () -> new IterationRecord(-1, 0, 0, t, StepStatus.FIXED, 0, 0, 0, 0, 0, 0, false, false));

        double[] x = {3, 4};
        OptimizationResult res = new OptimizationResult(x, 1, 0, 1, 2, 3, 4, 5, 0, Termination.GRADIENT_NORM, 0, 0, 0,
                false, "gd + lo");
        x[0] = 99;
        res.x()[1] = 99;
        assertArrayEquals(new double[] {3, 4}, res.x(), 0);
        assertTrue(res.succeeded());
        assertFalse(Termination.MAX_ITERATIONS.isFailure());
        assertTrue(Termination.NON_FINITE.isFailure());
    }
}
