package org.planesearch.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.planesearch.core.direction.Gradient;
import org.planesearch.core.stepsize.ArmijoStep;
import org.planesearch.core.stepsize.LineOptimization;
import org.planesearch.core.stepsize.PlaneSearch;
import org.planesearch.core.stepsize.StepRule;
import org.planesearch.core.stepsize.StepStatus;
import org.planesearch.core.stepsize.SubspaceOptimization;
import org.planesearch.core.testing.FaultyObjective;
import org.planesearch.core.testing.FaultyObjective.Fault;
import org.planesearch.core.testing.FaultyObjective.Trigger;
import org.planesearch.core.testing.Quadratic;

/**
 * The documented fallbacks for NaN and ∞, one scenario each, for every step rule of issue 8 (the
 * random mix is in {@code StepRuleProperties}): see {@link Optimizer} and {@link Termination}.
 */
class FaultFallbackTest {

    static List<StepRule> rules() {
        return List.of(ArmijoStep.defaults(), LineOptimization.defaults(), PlaneSearch.defaults(),
                SubspaceOptimization.defaults());
    }

    private static Quadratic quadratic() {
        return Quadratic.randomSpd(6, 100, new SplittableRandom(8));
    }

    private static double[] x0() {
        return new double[] {1, -2, 3, -4, 5, -6};
    }

    private static OptimizationResult run(StepRule rule, FaultyObjective f, List<IterationRecord> records) {
        Optimizer opt = new Optimizer(Gradient.defaults(), rule, StopCriterion.anyOf(StopCriterion.gradientNorm(1e-8),
                StopCriterion.maxIterations(200)));
        return opt.minimize(f, x0(), records::add);
    }

    @ParameterizedTest
    @MethodSource("rules")
    void nonFiniteAtTheStartEndsWithNonFiniteAtTheStart(StepRule rule) {
        for (Fault fault : List.of(Fault.VALUE_NAN, Fault.VALUE_INFINITE, Fault.GRADIENT_NAN, Fault.GRADIENT_INFINITE)) {
            OptimizationResult r = run(rule, FaultyObjective.at(quadratic(), fault, Trigger.ONCE, 0), new ArrayList<>());
            assertEquals(Termination.NON_FINITE, r.termination(), fault.name());
            assertEquals(0, r.iterations());
            assertArrayEquals(x0(), r.x());
        }
    }

    /** Every trial non-finite: the step is rejected, retried once along −g, then LINE_SEARCH_FAILED at x₀. */
    @ParameterizedTest
    @MethodSource("rules")
    void aSearchThatSeesOnlyNonFiniteValuesIsRetriedThenFails(StepRule rule) {
        for (Fault fault : List.of(Fault.VALUE_NAN, Fault.VALUE_INFINITE, Fault.ALL_NAN)) {
            OptimizationResult r = run(rule, FaultyObjective.at(quadratic(), fault, Trigger.FROM, 1), new ArrayList<>());
            assertEquals(Termination.LINE_SEARCH_FAILED, r.termination(), fault.name());
            assertEquals(1, r.retries());
            assertEquals(0, r.iterations());
            assertArrayEquals(x0(), r.x());
            assertEquals(quadratic().value(x0()), r.value());
        }
    }

    /** Trials beyond a radius overflow: they are backtracked past, and the run goes on inside. */
    @ParameterizedTest
    @MethodSource("rules")
    void nonFiniteTrialsAreBacktrackedPast(StepRule rule) {
        Quadratic q = quadratic();
        double[] xs = q.minimiser();
        double radius = 1.05 * org.planesearch.core.linalg.Vec.nrm2(subtract(xs, x0()));
        FaultyObjective f = FaultyObjective.outside(q, Fault.VALUE_NAN, x0(), radius);
        List<IterationRecord> records = new ArrayList<>();
        OptimizationResult r = run(rule, f, records);
        assertTrue(r.value() < q.value(x0()), "progress");
        for (IterationRecord rec : records.subList(1, records.size())) {
            assertTrue(rec.stepStatus().accepted() && Double.isFinite(rec.value()), rec.toString());
        }
        assertTrue(r.termination() == Termination.GRADIENT_NORM || r.termination() == Termination.MAX_ITERATIONS
                || r.termination() == Termination.LINE_SEARCH_FAILED, r.termination().toString());
    }

    /** ∇f not finite at the point a step moved to: NON_FINITE, the result holds the last finite iterate. */
    @ParameterizedTest
    @MethodSource("rules")
    void aNonFiniteGradientAfterAnAcceptedStepEndsWithTheLastFiniteIterate(StepRule rule) {
        Quadratic q = quadratic();
        // clean for three iterations' worth of evaluations, then every gradient has a NaN
        FaultyObjective probe = FaultyObjective.at(q, Fault.GRADIENT_NAN, Trigger.FROM, Long.MAX_VALUE);
        long[] afterThree = new long[1];
        new Optimizer(Gradient.defaults(), rule, StopCriterion.maxIterations(3)).minimize(probe, x0(), rec -> {
            afterThree[0] = probe.evaluations();
            return true;
        });
        long k = afterThree[0];
        List<IterationRecord> records = new ArrayList<>();
        OptimizationResult r = run(rule, FaultyObjective.at(q, Fault.GRADIENT_NAN, Trigger.FROM, k), records);
        assertTrue(r.termination() == Termination.NON_FINITE || r.termination() == Termination.LINE_SEARCH_FAILED,
                r.termination().toString());
        assertTrue(org.planesearch.core.linalg.Vec.allFinite(r.x()));
        assertEquals(q.value(r.x()), r.value(), 1e-12 * Math.abs(r.value()));
        assertTrue(r.value() < q.value(x0()));
    }

    /** A NaN in Hessian-vector products leaves the subspace search to steepest descent in t. */
    @ParameterizedTest
    @MethodSource("rules")
    void aNanHessianProductOnlyChangesTheSearchDirection(StepRule rule) {
        Quadratic q = quadratic();
        List<IterationRecord> records = new ArrayList<>();
        OptimizationResult r = run(rule, FaultyObjective.at(q, Fault.HESSIAN_NAN, Trigger.FROM, 0), records);
        assertTrue(r.termination() == Termination.GRADIENT_NORM || r.termination() == Termination.MAX_ITERATIONS,
                r.termination().toString());
        assertTrue(r.value() - q.minimum() < 1e-3 * (q.value(x0()) - q.minimum()), "converging");
        for (IterationRecord rec : records.subList(1, records.size())) {
            assertTrue(rec.stepStatus() != StepStatus.NON_FINITE && rec.stepStatus() != StepStatus.FAILED);
        }
    }

    private static double[] subtract(double[] a, double[] b) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] - b[i];
        }
        return c;
    }
}
