package org.planesearch.core.linesearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class BacktrackingTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        Line[] lines = {Line.moreThuente1(), Line.moreThuente2(), Line.yanai(0.001, 0.001), Line.yanai(0.01, 0.001),
            Line.parabola(1, 1e-3), Line.parabola(100, 0.5), Line.barrier(0.05)};
        for (Line l : lines) {
            for (double c1 : new double[] {1e-4, 0.3}) {
                for (Backtracking.Mode mode : Backtracking.Mode.values()) {
                    for (double a0 : new double[] {1e-3, 1, 10}) {
                        out.add(Arguments.of(l, new Backtracking(c1, 0.5, mode, 50), a0));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} a0={2}")
    @MethodSource("cases")
    void acceptedStepsSatisfyArmijoWithTheConfiguredC1(Line line, Backtracking search, double a0) {
        double phi0 = line.phi(0);
        double slope0 = line.slope(0);
        LineSearchResult r = search.search(LineFunction.of(line), phi0, slope0, a0);
        assertEquals(LineSearchStatus.CONVERGED, r.status());
        assertTrue(r.step() > 0 && r.step() <= a0);
        assertEquals(line.phi(r.step()), r.value());
        assertTrue(r.value() <= phi0 + search.sufficientDecrease() * r.step() * slope0,
                "Armijo at " + r.step());
        assertTrue(r.evaluations() >= 1 && r.evaluations() <= search.maxTrials());
        if (r.step() < a0) {
            // the previous (larger) trial violated Armijo: the step is not needlessly small
            assertTrue(r.evaluations() > 1);
        }
    }

    @Test
    void interpolationNeedsFewerTrialsWhenTheFirstTrialOvershootsFar() {
        Line l = Line.parabola(1, 1e-3);
        int halving = Backtracking.defaults().search(LineFunction.of(l), 0, l.slope(0), 1).evaluations();
        int cubic = Backtracking.defaults().withInterpolation(Backtracking.Mode.CUBIC)
                .search(LineFunction.of(l), 0, l.slope(0), 1).evaluations();
        assertTrue(cubic < halving, cubic + " vs " + halving);
    }

    @Test
    void nonDescentDirectionFailsWithoutEvaluating() {
        Line up = Line.parabola(1, -1); // φ'(0) = 2 > 0
        LineFunction phi = LineFunction.of(up);
        LineSearchResult r = Backtracking.defaults().search(phi, 0, up.slope(0), 1);
        assertEquals(LineSearchStatus.FAILED, r.status());
        assertEquals(0, r.step());
        assertEquals(0, phi.evaluations());
    }

    @Test
    void flatFunctionFails() {
        Line flat = new Line("flat", a -> 3, a -> 0);
        assertEquals(LineSearchStatus.FAILED, Backtracking.defaults().search(LineFunction.of(flat), 3, 0, 1).status());
    }

    @Test
    void nonFiniteEverywhereIsNonFinite() {
        Line nan = new Line("nan", a -> a == 0 ? 0 : Double.NaN, a -> -1);
        LineSearchResult r = Backtracking.defaults().search(LineFunction.of(nan), 0, -1, 1);
        assertEquals(LineSearchStatus.NON_FINITE, r.status());
        assertEquals(0, r.step());
        assertEquals(LineSearchStatus.NON_FINITE,
                Backtracking.defaults().search(LineFunction.of(nan), Double.POSITIVE_INFINITY, -1, 1).status());
    }

    @Test
    void tooFewTrialsFails() {
        Line l = Line.parabola(1, 1e-6);
        LineSearchResult r = new Backtracking(1e-4, 0.5, Backtracking.Mode.NONE, 3)
                .search(LineFunction.of(l), 0, l.slope(0), 1);
        assertEquals(LineSearchStatus.FAILED, r.status());
        assertEquals(3, r.evaluations());
        assertEquals(0, r.step());
    }

    @Test
    void rejectsInvalidParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Backtracking(0, 0.5, Backtracking.Mode.NONE, 50));
        assertTrue(e.getMessage().contains("sufficientDecrease"));
        assertThrows(IllegalArgumentException.class, () -> new Backtracking(1e-4, 1, Backtracking.Mode.NONE, 50));
        assertThrows(IllegalArgumentException.class, () -> Backtracking.defaults()
                .search(LineFunction.of(Line.parabola(1, 1)), 0, -2, 0));
    }
}
