package org.planesearch.core.linesearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StrongWolfeTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        Line[] lines = {Line.moreThuente1(), Line.moreThuente2(), Line.yanai(0.001, 0.001), Line.yanai(0.01, 0.001),
            Line.yanai(0.001, 0.01), Line.parabola(1, 1e-3), Line.parabola(1e-3, 50), Line.barrier(0.05)};
        double[][] constants = {{1e-4, 0.9}, {1e-3, 0.1}, {0.01, 0.1}};
        for (Line l : lines) {
            for (double[] c : constants) {
                for (double a0 : new double[] {1e-3, 1e-1, 1, 10, 1000}) {
                    out.add(Arguments.of(l, new StrongWolfe(c[0], c[1], 50, 1e10), a0));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} a0={2}")
    @MethodSource("cases")
    void stepsSatisfyBothStrongWolfeConditions(Line line, StrongWolfe search, double a0) {
        double phi0 = line.phi(0);
        double slope0 = line.slope(0);
        LineSearchResult r = search.search(LineFunction.of(line), phi0, slope0, a0);
        assertEquals(LineSearchStatus.CONVERGED, r.status(), () -> "ended at " + r);
        double a = r.step();
        assertTrue(a > 0);
        assertEquals(line.phi(a), r.value());
        assertEquals(line.slope(a), r.slope());
        assertTrue(r.value() <= phi0 + search.sufficientDecrease() * a * slope0, "sufficient decrease");
        assertTrue(Math.abs(r.slope()) <= search.curvatureCondition() * Math.abs(slope0), "curvature");
        assertTrue(r.evaluations() <= 20, "evaluations " + r.evaluations());
    }

    @Test
    void extrapolatesWhenTheFirstTrialIsFarTooShort() {
        Line l = Line.parabola(1e-3, 50);
        LineSearchResult r = StrongWolfe.defaults().search(LineFunction.of(l), 0, l.slope(0), 1e-3);
        assertEquals(LineSearchStatus.CONVERGED, r.status());
        assertTrue(r.step() > 5, "step " + r.step());
    }

    @Test
    void nonDescentDirectionFailsWithoutEvaluating() {
        Line up = Line.parabola(1, -1);
        LineFunction phi = LineFunction.of(up);
        LineSearchResult r = StrongWolfe.defaults().search(phi, 0, up.slope(0), 1);
        assertEquals(LineSearchStatus.FAILED, r.status());
        assertEquals(0, phi.evaluations());
    }

    @Test
    void flatFunctionFails() {
        Line flat = new Line("flat", a -> 3, a -> 0);
        assertEquals(LineSearchStatus.FAILED, StrongWolfe.defaults().search(LineFunction.of(flat), 3, 0, 1).status());
    }

    @Test
    void nonFiniteEverywhereIsNonFinite() {
        Line nan = new Line("nan", a -> Double.POSITIVE_INFINITY, a -> Double.NaN);
        LineSearchResult r = StrongWolfe.defaults().search(LineFunction.of(nan), 0, -1, 1);
        assertEquals(LineSearchStatus.NON_FINITE, r.status());
        assertEquals(0, r.step());
    }

    @Test
    void tooSmallABudgetReturnsTheBestSufficientDecreaseOrFails() {
        Line l = Line.yanai(0.001, 0.001);
        LineSearchResult one = new StrongWolfe(1e-4, 0.1, 1, 1e10).search(LineFunction.of(l), l.phi(0), l.slope(0), 1e-3);
        assertEquals(LineSearchStatus.BUDGET_EXHAUSTED, one.status());
        assertTrue(one.value() <= l.phi(0) + 1e-4 * one.step() * l.slope(0));
        Line p = Line.parabola(1, 1e-6);
        LineSearchResult none = new StrongWolfe(1e-4, 0.9, 2, 1e10).search(LineFunction.of(p), 0, p.slope(0), 1);
        assertEquals(LineSearchStatus.FAILED, none.status());
        assertEquals(0, none.step());
    }

    @Test
    void maxStepCapsTheExtrapolation() {
        Line linear = new Line("linear", a -> -a, a -> -1);
        LineSearchResult r = new StrongWolfe(1e-4, 0.9, 50, 100).search(LineFunction.of(linear), 0, -1, 1);
        assertEquals(LineSearchStatus.BUDGET_EXHAUSTED, r.status());
        assertEquals(100, r.step());
    }

    @Test
    void rejectsInvalidParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StrongWolfe(0.5, 0.4, 50, 1));
        assertTrue(e.getMessage().contains("curvatureCondition"));
        assertThrows(IllegalArgumentException.class, () -> new StrongWolfe(1e-4, 0.9, 0, 1));
    }
}
