package org.planesearch.core.stepsize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.planesearch.core.direction.DirectionRule;
import org.planesearch.core.direction.Gradient;
import org.planesearch.core.direction.HeavyBall;
import org.planesearch.core.direction.Lbfgs;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.linesearch.ApproximateDecrease;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.optim.IterationRecord;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.Optimizer;
import org.planesearch.core.optim.StopCriterion;
import org.planesearch.core.optim.Termination;
import org.planesearch.core.subspace.SubspaceEvaluator;
import org.planesearch.core.testing.FaultyObjective;
import org.planesearch.core.testing.Quadratic;
import org.planesearch.core.testing.Rosenbrock;

/**
 * Issue 8 part 3, numerical faults: properties of the step rules Armijo, LO (line optimization),
 * PS (plane search) and SO (subspace optimization) over random well- and ill-conditioned problems
 * (SPD quadratics with condition numbers 1 to 10¹², scaled from 10⁻⁶ to 10⁶, indefinite
 * quadratics, Rosenbrock), and under NaN and ∞ injected into values, gradients and Hessian-vector
 * products ({@link FaultyObjective}).
 *
 * <ul>
 *   <li>A step reported as accepted never increases f beyond the documented rounding band
 *       ({@link ApproximateDecrease#VALUE_TOLERANCE}·|f|, where f cannot resolve the decrease), its
 *       coefficients and value are never NaN, and the value it reports is f at the new point; a
 *       rejected step has t = 0 and reports f.
 *   <li>Every run ends with a {@link Termination} consistent with the result: GRADIENT_NORM with a
 *       gradient within the tolerance, MAX_ITERATIONS at the budget, LINE_SEARCH_FAILED only after
 *       the retry along −g; the result's x and value finite, the value f(x) and at most f(x₀).
 *   <li>Injected faults trigger the documented fallback: a non-finite trial is backtracked past;
 *       a search that finds only non-finite values is rejected, retried along −g, then ends with
 *       LINE_SEARCH_FAILED at the last good iterate; a non-finite value or gradient at an accepted
 *       point ends with NON_FINITE and the last finite iterate; at x₀, NON_FINITE after 0
 *       iterations; a NaN Hessian product leaves the search to steepest descent in t.
 * </ul>
 * Seeded (jqwik's seed below, and an explicit {@link SplittableRandom} per problem), a few
 * seconds in all.
 */
class StepRuleProperties {

    private static final double BAND = ApproximateDecrease.VALUE_TOLERANCE;
    private static final String SEED = "20261123";

    /** The step rules under test. */
    enum Rule {
        ARMIJO(ArmijoStep.defaults()),
        LO(LineOptimization.defaults()),
        PS(PlaneSearch.defaults()),
        SO(SubspaceOptimization.defaults());

        final StepRule rule;

        Rule(StepRule rule) {
            this.rule = rule;
        }
    }

    /** A random problem: 0 SPD quadratic (κ = 10^logCondition, scaled), 1 indefinite quadratic, 2 Rosenbrock. */
    static Objective problem(int kind, int n, double logCondition, double logScale, SplittableRandom r) {
        switch (kind) {
            case 0: {
                double[] eig = new double[n];
                double scale = Math.pow(10, logScale);
                for (int i = 0; i < n; i++) {
                    eig[i] = scale * Math.pow(10, logCondition * i / Math.max(1, n - 1));
                }
                return Quadratic.withSpectrum(eig, r);
            }
            case 1:
                return Quadratic.randomIndefinite(n, r);
            default:
                return Rosenbrock.of(n);
        }
    }

    static double[] start(int n, SplittableRandom r) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2 * Quadratic.gaussian(r);
        }
        return x;
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /** Asserts one step's contract and returns whether it was accepted (the evaluator then moved). */
    private static boolean checkStep(StepOutcome o, SubspaceEvaluator ev, double f, double[] x, double[] g) {
        assertNotNull(o.status(), "a status");
        assertTrue(o.dimension() >= 1, "coefficients");
        assertTrue(allFinite(o.coefficients()), () -> "finite coefficients: " + java.util.Arrays.toString(o.coefficients()));
        assertFalse(Double.isNaN(o.value()), "value not NaN");
        if (!o.status().accepted()) {
            assertArrayEquals(new double[o.dimension()], o.coefficients(), "a rejected step is t = 0");
            assertEquals(f, o.value(), "a rejected step reports f");
            return false;
        }
        assertTrue(o.value() <= f + BAND * Math.abs(f), () -> o.status() + " step increased f: " + f + " → " + o.value());
        double fNew = ev.move(o.coefficients(), x, g);
        assertTrue(Double.isFinite(fNew), "f at the new point is finite");
        assertEquals(o.value(), fNew, 1e-9 * Math.max(1, Math.abs(fNew)), "the reported value is f at the new point");
        return true;
    }

    @Property(tries = 120, seed = SEED)
    void acceptedStepsNeverIncreaseFAndNothingIsNaN(@ForAll Rule rule, @ForAll @IntRange(min = 0, max = 2) int kind,
            @ForAll @IntRange(min = 2, max = 10) int n, @ForAll @DoubleRange(min = 0, max = 12) double logCondition,
            @ForAll @DoubleRange(min = -6, max = 6) double logScale, @ForAll boolean momentum, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Objective obj = problem(kind, n, logCondition, logScale, r);
        ParameterLayout layout = obj.layout();
        StepRule stepRule = rule.rule;
        SubspaceEvaluator ev = obj.newEvaluator(stepRule.maxDirections(layout), Math.max(1, stepRule.stepMemory()));
        StepState state = stepRule.newState(layout);
        double[] x = start(n, r);
        double[] g = new double[n];
        double[] d = new double[n];
        double[] previousStep = new double[n];
        double f = ev.start(x, g);
        for (int k = 0; k < (kind == 1 ? 6 : 25); k++) {
            // d = −g, or −g plus momentum (not always a descent direction: rules must cope)
            Vec.scale(-1, g, d);
            if (momentum && k > 0) {
                Vec.axpy(0.9, previousStep, d);
            }
            double[] before = x.clone();
            StepOutcome o = state.step(ev, f, g, d);
            if (!checkStep(o, ev, f, x, g)) {
                assertTrue(o.status() == StepStatus.FAILED || o.status() == StepStatus.NON_FINITE, o.status().toString());
                return;
            }
            double fNew = obj.value(x);
            assertTrue(fNew <= f + BAND * Math.abs(f), () -> "f increased: " + fNew);
            f = ev.currentValue();
            Vec.subtract(x, before, previousStep);
        }
    }

    /** Directions × rules × problems: the run ends with a termination that says what happened. */
    @Property(tries = 60, seed = SEED)
    void everyRunEndsWithATerminationThatSaysWhatHappened(@ForAll Rule rule, @ForAll @IntRange(min = 0, max = 2) int direction,
            @ForAll @IntRange(min = 0, max = 2) int kind, @ForAll @IntRange(min = 2, max = 8) int n,
            @ForAll @DoubleRange(min = 0, max = 10) double logCondition, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Objective obj = problem(kind == 1 ? 0 : kind, n, logCondition, 0, r);
        DirectionRule dir = new DirectionRule[] {Gradient.defaults(), HeavyBall.defaults(), Lbfgs.defaults()}[direction];
        int maxIterations = 60;
        double tolerance = 1e-8;
        Optimizer opt = new Optimizer(dir, rule.rule, StopCriterion.anyOf(StopCriterion.gradientNorm(tolerance),
                StopCriterion.maxIterations(maxIterations)));
        double[] x0 = start(n, r);
        double f0 = obj.value(x0);
        List<IterationRecord> records = new ArrayList<>();
        OptimizationResult result = opt.minimize(obj, x0, rec -> records.add(rec));
        Set<Termination> clean = EnumSet.of(Termination.GRADIENT_NORM, Termination.MAX_ITERATIONS,
                Termination.LINE_SEARCH_FAILED);
        assertTrue(clean.contains(result.termination()), result.termination().toString());
        checkResult(obj, result, f0);
        switch (result.termination()) {
            case GRADIENT_NORM -> assertTrue(result.gradientNorm() <= tolerance, "gradient within tolerance");
            case MAX_ITERATIONS -> assertEquals(maxIterations, result.iterations());
            default -> assertTrue(result.retries() >= 1, "LINE_SEARCH_FAILED only after the retry along −g");
        }
        for (int i = 1; i < records.size(); i++) {
            IterationRecord a = records.get(i - 1);
            IterationRecord b = records.get(i);
            assertTrue(b.stepStatus().accepted(), "recorded steps were accepted");
            assertTrue(b.value() <= a.value() + BAND * Math.abs(a.value()), () -> "f increased at " + b.iteration());
        }
    }

    /** The result is finite, its value is f(x), and no worse than the start. */
    private static void checkResult(Objective clean, OptimizationResult result, double f0) {
        assertTrue(allFinite(result.x()), "finite x");
        assertTrue(Double.isFinite(result.value()), "finite value");
        assertTrue(Double.isFinite(result.gradientNorm()), "finite gradient norm");
        assertEquals(clean.value(result.x()), result.value(), 1e-9 * Math.max(1, Math.abs(result.value())), "value = f(x)");
        assertTrue(result.value() <= f0 + BAND * Math.abs(f0), "no worse than the start");
    }

    /** Random faults in values, gradients and Hessian products: always a documented ending. */
    @Property(tries = 150, seed = SEED)
    void injectedFaultsTriggerTheDocumentedFallback(@ForAll Rule rule, @ForAll FaultyObjective.Fault fault,
            @ForAll FaultyObjective.Trigger trigger, @ForAll @IntRange(min = 0, max = 40) int at,
            @ForAll @IntRange(min = 2, max = 8) int n, @ForAll @DoubleRange(min = 0, max = 8) double logCondition,
            @ForAll boolean momentum, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Objective clean = problem(0, n, logCondition, 0, r);
        double[] x0 = start(n, r);
        FaultyObjective faulty = trigger == FaultyObjective.Trigger.OUTSIDE
                ? FaultyObjective.outside(clean, fault, x0, 0.5 + at / 10.0)
                : FaultyObjective.at(clean, fault, trigger, at);
        DirectionRule dir = momentum ? HeavyBall.defaults() : Gradient.defaults();
        Optimizer opt = new Optimizer(dir, rule.rule, StopCriterion.anyOf(StopCriterion.gradientNorm(1e-8),
                StopCriterion.maxIterations(40)));
        List<IterationRecord> records = new ArrayList<>();
        OptimizationResult result = opt.minimize(faulty, x0, rec -> records.add(rec));
        assertNotNull(result.termination());
        assertTrue(allFinite(result.x()), "the result holds a finite iterate");
        double f0 = clean.value(x0);
        boolean faultAtStart = at == 0 && trigger != FaultyObjective.Trigger.OUTSIDE && fault != FaultyObjective.Fault.HESSIAN_NAN;
        if (faultAtStart) {
            // f or ∇f not finite at x₀: nothing to start from
            assertEquals(Termination.NON_FINITE, result.termination());
            assertEquals(0, result.iterations());
            assertArrayEquals(x0, result.x());
            return;
        }
        checkResult(clean, result, f0);
        switch (result.termination()) {
            case GRADIENT_NORM, MAX_ITERATIONS -> {
            }
            case LINE_SEARCH_FAILED -> assertTrue(result.retries() >= 1, "retried along −g before giving up");
            case NON_FINITE -> assertTrue(faulty.injected() > 0, "NON_FINITE only where a fault was injected");
            default -> throw new AssertionError("unexpected termination " + result.termination());
        }
        for (IterationRecord rec : records) {
            assertFalse(Double.isNaN(rec.value()) && rec.iteration() < result.iterations(), "NaN only at the end");
        }
        if (fault == FaultyObjective.Fault.HESSIAN_NAN || faulty.injected() == 0) {
            // a NaN Hessian product only changes the search's direction: the run ends as a clean one
            assertTrue(EnumSet.of(Termination.GRADIENT_NORM, Termination.MAX_ITERATIONS, Termination.LINE_SEARCH_FAILED)
                    .contains(result.termination()), result.termination().toString());
        }
    }

    @Provide
    Arbitrary<Rule> rules() {
        return Arbitraries.of(Rule.class);
    }
}
