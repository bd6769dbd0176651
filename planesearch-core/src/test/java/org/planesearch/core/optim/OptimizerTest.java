package org.planesearch.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.planesearch.core.optim.TestRules.assertMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.planesearch.core.direction.Gradient;
import org.planesearch.core.direction.HeavyBall;
import org.planesearch.core.direction.Lbfgs;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.stepsize.FixedStep;
import org.planesearch.core.stepsize.StepRule;
import org.planesearch.core.stepsize.StepStatus;
import org.planesearch.core.testing.Quadratic;

class OptimizerTest {

    private static final Quadratic SPEC = TestRules.specQuadratic();
    private static final double[] ONES = {1, 1, 1, 1};

    private static Optimizer gdExact(StopCriterion stop) {
        return new Optimizer(Gradient.defaults(), new TestRules.ExactLine(), stop);
    }

    private static final class Recorder implements IterationListener {
        final List<IterationRecord> records = new ArrayList<>();

        @Override
        public boolean onIteration(IterationRecord record) {
            records.add(record);
            return true;
        }
    }

    @Test
    void stopsOnGradientNormAndReachesTheMinimiser() {
        Recorder rec = new Recorder();
        OptimizationResult r = gdExact(StopCriterion.gradientNorm(1e-8).or(StopCriterion.maxIterations(10_000)))
                .minimize(SPEC, ONES, rec);
        assertEquals(Termination.GRADIENT_NORM, r.termination());
        assertTrue(r.gradientNorm() <= 1e-8);
        double[] xs = SPEC.minimiser();
        for (int i = 0; i < xs.length; i++) {
            assertEquals(xs[i], r.x()[i], 1e-7);
        }
        assertEquals(SPEC.minimum(), r.value(), 1e-12);
        // steepest descent with exact line search decreases f monotonically (up to rounding)
        for (int k = 1; k < rec.records.size(); k++) {
            assertTrue(rec.records.get(k).value() <= rec.records.get(k - 1).value() + 1e-15);
        }
        assertEquals(r.iterations() + 1, rec.records.size());
        assertTrue(r.succeeded());
    }

    @Test
    void iterationZeroIsTheStartingPoint() {
        Recorder rec = new Recorder();
        OptimizationResult r = gdExact(StopCriterion.maxIterations(3)).minimize(SPEC, ONES, rec);
        IterationRecord first = rec.records.get(0);
        assertEquals(0, first.iteration());
        assertEquals(SPEC.value(ONES), first.value(), 0);
        assertNull(first.stepStatus());
        assertEquals(0, first.coefficientCount());
        assertEquals(2, first.dataPasses()); // generic evaluator: one value + one gradient
        assertEquals(Termination.MAX_ITERATIONS, r.termination());
        assertEquals(3, r.iterations());
        assertEquals(4, rec.records.size());
        for (int k = 1; k < rec.records.size(); k++) {
            IterationRecord cur = rec.records.get(k);
            IterationRecord prev = rec.records.get(k - 1);
            assertEquals(k, cur.iteration());
            assertEquals(StepStatus.CONVERGED, cur.stepStatus());
            assertEquals(1, cur.coefficientCount());
            assertTrue(cur.coefficient(0) > 0);
            assertTrue(cur.dataPasses() > prev.dataPasses());
            assertTrue(cur.gradientEvaluations() > prev.gradientEvaluations());
        }
        IterationRecord last = rec.records.get(3);
        assertEquals(last.value(), r.value(), 0);
        assertEquals(last.dataPasses(), r.dataPasses());
        assertEquals(last.gradientEvaluations(), r.gradientEvaluations());
        assertFalse(r.isCheap());
        assertEquals("gd + exactline", r.optimizer());
    }

    @Test
    void stopsOnSmallDecrease() {
        Recorder rec = new Recorder();
        OptimizationResult r = gdExact(StopCriterion.relativeDecrease(1e-6).or(StopCriterion.maxIterations(10_000)))
                .minimize(SPEC, ONES, rec);
        assertEquals(Termination.SMALL_DECREASE, r.termination());
        int last = rec.records.size() - 1;
        double before = rec.records.get(last - 1).value();
        double after = rec.records.get(last).value();
        assertTrue(Math.abs(before - after) <= 1e-6 * Math.max(1, Math.abs(before)));
        for (int k = 1; k < last; k++) {
            double b = rec.records.get(k - 1).value();
            assertTrue(Math.abs(b - rec.records.get(k).value()) > 1e-6 * Math.max(1, Math.abs(b)));
        }
        // the rule stopped before the optimum but close to it in value
        assertTrue(r.value() - SPEC.minimum() < 1e-4);
    }

    @Test
    void stopsOnDataPasses() {
        Recorder rec = new Recorder();
        OptimizationResult r = new Optimizer(Gradient.defaults(), new FixedStep(0.1), StopCriterion.maxPasses(20))
                .minimize(SPEC, ONES, rec);
        assertEquals(Termination.MAX_PASSES, r.termination());
        // generic evaluator: start = 2 passes, fixed step = 2 passes per iteration
        assertEquals(9, r.iterations());
        assertEquals(20, r.dataPasses());
        assertTrue(rec.records.get(rec.records.size() - 2).dataPasses() < 20);
    }

    @Test
    void stopsOnTimeWithAFakeClock() {
        // the clock advances one second per reading: one at the start, one per record
        Optimizer opt = gdExact(StopCriterion.maxSeconds(5.0)).withTimeSource(TestRules.fakeClock(1_000_000_000L));
        Recorder rec = new Recorder();
        OptimizationResult r = opt.minimize(SPEC, ONES, rec);
        assertEquals(Termination.MAX_TIME, r.termination());
        assertEquals(4, r.iterations());
        assertEquals(1.0, rec.records.get(0).elapsedSeconds(), 1e-12);
        assertEquals(5.0, rec.records.get(4).elapsedSeconds(), 1e-12);
    }

    @Test
    void listenerCanStopTheRunAndAllListenersSeeEveryRecord() {
        Recorder other = new Recorder();
        IterationListener stopAtTwo = r -> r.iteration() < 2;
        OptimizationResult r = gdExact(StopCriterion.maxIterations(100)).minimize(SPEC, ONES, stopAtTwo, other);
        assertEquals(Termination.STOPPED_BY_LISTENER, r.termination());
        assertEquals(2, r.iterations());
        assertEquals(3, other.records.size());
    }

    @Test
    void stopCriterionWinsOverListenerAtTheSameIteration() {
        OptimizationResult r = gdExact(StopCriterion.maxIterations(2)).minimize(SPEC, ONES, rec -> rec.iteration() < 2);
        assertEquals(Termination.MAX_ITERATIONS, r.termination());
    }

    @Test
    void zeroIterationsOrZeroGradientStopAtTheStart() {
        OptimizationResult r = gdExact(StopCriterion.maxIterations(0)).minimize(SPEC, ONES);
        assertEquals(Termination.MAX_ITERATIONS, r.termination());
        assertEquals(0, r.iterations());
        assertArrayEquals(ONES, r.x());

        double[] xs = {1, 3}; // ∇f = A x − b = 0 exactly
        OptimizationResult atMin = gdExact(StopCriterion.maxIterations(5))
                .minimize(Quadratic.of(new double[][] {{2, 0}, {0, 1}}, new double[] {2, 3}), xs);
        assertEquals(Termination.GRADIENT_NORM, atMin.termination());
        assertEquals(0, atMin.iterations());
    }

    @Test
    void nonDescentDirectionFallsBackToNegativeGradientAndRecovers() {
        Recorder rec = new Recorder();
        TestRules.Misbehaving rule = new TestRules.Misbehaving(false, 2, 3);
        OptimizationResult r = new Optimizer(rule, new TestRules.ExactLine(),
                StopCriterion.gradientNorm(1e-8).or(StopCriterion.maxIterations(1000))).minimize(SPEC, ONES, rec);
        assertEquals(Termination.GRADIENT_NORM, r.termination());
        assertEquals(2, r.directionFallbacks());
        assertEquals(0, r.retries());
        assertFalse(rec.records.get(1).directionFallback());
        assertTrue(rec.records.get(2).directionFallback());
        assertTrue(rec.records.get(3).directionFallback());
        assertFalse(rec.records.get(4).directionFallback());
        // the fallback steps were proper descent steps
        assertTrue(rec.records.get(2).value() < rec.records.get(1).value());
        assertTrue(rec.records.get(3).value() < rec.records.get(2).value());
        // same trajectory as plain steepest descent
        OptimizationResult plain = gdExact(StopCriterion.gradientNorm(1e-8).or(StopCriterion.maxIterations(1000)))
                .minimize(SPEC, ONES);
        assertArrayEquals(plain.x(), r.x(), 0);
    }

    @Test
    void nonFiniteDirectionFallsBackToNegativeGradient() {
        Recorder rec = new Recorder();
        OptimizationResult r = new Optimizer(new TestRules.Misbehaving(true, 1), new TestRules.ExactLine(),
                StopCriterion.maxIterations(3)).minimize(SPEC, ONES, rec);
        assertEquals(1, r.directionFallbacks());
        assertTrue(rec.records.get(1).directionFallback());
        assertTrue(Double.isFinite(r.value()));
        assertTrue(r.value() < SPEC.value(ONES));
    }

    @Test
    void aStepRuleThatTakesAnyDirectionReceivesNonDescentDirectionsAsTheyAre() {
        Recorder rec = new Recorder();
        StepRule anyDirection = new TestRules.TakesAnyDirection(new FixedStep(0.1));
        OptimizationResult r = new Optimizer(new TestRules.Misbehaving(false, 2), anyDirection,
                StopCriterion.maxIterations(3)).minimize(SPEC, ONES, rec);
        assertEquals(0, r.directionFallbacks());
        assertFalse(rec.records.get(2).directionFallback());
        assertTrue(rec.records.get(2).value() > rec.records.get(1).value()); // it went uphill, as told
        // a non-finite direction is still replaced by −g
        Recorder nan = new Recorder();
        OptimizationResult rn = new Optimizer(new TestRules.Misbehaving(true, 2), anyDirection,
                StopCriterion.maxIterations(3)).minimize(SPEC, ONES, nan);
        assertEquals(1, rn.directionFallbacks());
        assertTrue(nan.records.get(2).directionFallback());
        assertTrue(nan.records.get(2).value() < nan.records.get(1).value());
    }

    @Test
    void rejectedStepIsRetriedAlongNegativeGradient() {
        Recorder rec = new Recorder();
        OptimizationResult r = new Optimizer(HeavyBall.defaults(), new TestRules.Scripted(0.1, 2),
                StopCriterion.maxIterations(5)).minimize(SPEC, ONES, rec);
        assertEquals(Termination.MAX_ITERATIONS, r.termination());
        assertEquals(1, r.retries());
        assertTrue(rec.records.get(2).retried());
        assertFalse(rec.records.get(1).retried());
        assertFalse(rec.records.get(3).retried());
        IterationRecord retried = rec.records.get(2);
        assertEquals(StepStatus.FIXED, retried.stepStatus());
        assertEquals(2, retried.trials()); // both attempts
        assertEquals(3, retried.innerIterations());
    }

    @Test
    void retryResetsBothStatesAndMovesAlongNegativeGradient() {
        // one step of heavy ball, then a rejected step: the retry is a plain gradient step from x₁
        Recorder rec = new Recorder();
        new Optimizer(HeavyBall.defaults(), new TestRules.Scripted(0.1, 2), StopCriterion.maxIterations(2))
                .minimize(SPEC, ONES, rec);
        OptimizationResult gdOne = new Optimizer(Gradient.defaults(), new FixedStep(0.1), StopCriterion.maxIterations(1))
                .minimize(SPEC, ONES);
        double[] x1 = gdOne.x();
        double[] g1 = new double[4];
        SPEC.valueAndGradient(x1, g1);
        double[] x2 = x1.clone();
        Vec.axpy(-0.1, g1, x2);
        assertEquals(SPEC.value(x2), rec.records.get(2).value(), 1e-14);
    }

    @Test
    void stepRuleThatAlwaysFailsEndsWithLineSearchFailedAtTheStart() {
        Recorder rec = new Recorder();
        OptimizationResult r = new Optimizer(Lbfgs.defaults(), TestRules.alwaysFails(), StopCriterion.maxIterations(100))
                .minimize(SPEC, ONES, rec);
        assertEquals(Termination.LINE_SEARCH_FAILED, r.termination());
        assertTrue(r.termination().isFailure());
        assertFalse(r.succeeded());
        assertArrayEquals(ONES, r.x());
        assertEquals(SPEC.value(ONES), r.value(), 0);
        assertEquals(0, r.iterations());
        assertEquals(1, r.retries());
        assertEquals(1, rec.records.size()); // only the starting point
        assertEquals(2, r.trials()); // the first attempt and the retry each tried once
    }

    @Test
    void failureAfterProgressKeepsTheLastGoodIterate() {
        Recorder rec = new Recorder();
        OptimizationResult r = new Optimizer(Gradient.defaults(), new TestRules.Scripted(0.1, 3, 4),
                StopCriterion.maxIterations(100)).minimize(SPEC, ONES, rec);
        assertEquals(Termination.LINE_SEARCH_FAILED, r.termination());
        assertEquals(2, r.iterations());
        assertEquals(rec.records.get(2).value(), r.value(), 0);
        assertEquals(rec.records.get(2).gradientNorm(), r.gradientNorm(), 0);
    }

    @Test
    void nanObjectiveAtTheStartEndsNonFinite() {
        TestRules.Poisoned f = new TestRules.Poisoned(SPEC, 0.5);
        Recorder rec = new Recorder();
        OptimizationResult r = gdExact(StopCriterion.maxIterations(10)).minimize(f, ONES, rec);
        assertEquals(Termination.NON_FINITE, r.termination());
        assertEquals(0, r.iterations());
        assertArrayEquals(ONES, r.x());
        assertEquals(1, rec.records.size());
        assertTrue(Double.isNaN(rec.records.get(0).value()));
    }

    @Test
    void nanAfterAStepEndsNonFiniteWithTheLastFiniteIterate() {
        // gradient steps with a fixed step move x₀ upwards from -1 until it crosses 0.5
        double[][] a = {{1, 0}, {0, 1}};
        Quadratic q = Quadratic.of(a, new double[] {10, 0});
        TestRules.Poisoned f = new TestRules.Poisoned(q, 0.5);
        Recorder rec = new Recorder();
        OptimizationResult r = new Optimizer(Gradient.defaults(), new FixedStep(0.1), StopCriterion.maxIterations(100))
                .minimize(f, new double[] {-1, 1}, rec);
        assertEquals(Termination.NON_FINITE, r.termination());
        IterationRecord last = rec.records.get(rec.records.size() - 1);
        IterationRecord good = rec.records.get(rec.records.size() - 2);
        assertTrue(Double.isNaN(last.value()));
        assertEquals(last.iteration(), r.iterations());
        assertEquals(good.value(), r.value(), 0);
        assertTrue(r.x()[0] <= 0.5);
        assertTrue(Double.isFinite(r.value()));
        assertEquals(q.value(r.x()), r.value(), 1e-12);
    }

    @Test
    void divergingFixedStepEndsNonFinite() {
        OptimizationResult r = new Optimizer(Gradient.defaults(), new FixedStep(10.0), StopCriterion.maxIterations(10_000))
                .minimize(SPEC, ONES);
        assertEquals(Termination.NON_FINITE, r.termination());
        assertTrue(Double.isFinite(r.value()));
        assertTrue(r.iterations() < 10_000);
    }

    @Test
    void runsAreDeterministicToTheBit() {
        Quadratic q = Quadratic.randomSpd(30, 1e3, new SplittableRandom(7));
        double[] x0 = new double[30];
        Optimizer opt = new Optimizer(Lbfgs.defaults(), new TestRules.ExactLine(), StopCriterion.maxIterations(25))
                .withTimeSource(TestRules.fakeClock(1000));
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        OptimizationResult ra = opt.minimize(q, x0, a);
        OptimizationResult rb = opt.minimize(q, x0, b);
        assertEquals(a.records, b.records);
        assertEquals(ra, rb);
        double[] xa = ra.x();
        double[] xb = rb.x();
        for (int i = 0; i < xa.length; i++) {
            assertEquals(Double.doubleToRawLongBits(xa[i]), Double.doubleToRawLongBits(xb[i]));
        }
    }

    @Test
    void concurrentRunsOfOneOptimizerAreIndependent() throws Exception {
        Quadratic q1 = Quadratic.randomSpd(20, 100, new SplittableRandom(1));
        Quadratic q2 = Quadratic.randomSpd(20, 1000, new SplittableRandom(2));
        Optimizer opt = new Optimizer(HeavyBall.defaults(), new FixedStep(0.001), StopCriterion.maxIterations(300))
                .withTimeSource(() -> 0L);
        double[] x0 = new double[20];
        OptimizationResult s1 = opt.minimize(q1, x0);
        OptimizationResult s2 = opt.minimize(q2, x0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<OptimizationResult>> f1 = new ArrayList<>();
            List<Future<OptimizationResult>> f2 = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                f1.add(pool.submit(() -> opt.minimize(q1, x0)));
                f2.add(pool.submit(() -> opt.minimize(q2, x0)));
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(s1, f1.get(i).get());
                assertEquals(s2, f2.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(new double[20], x0, 0); // x0 not modified
    }

    @Test
    void printsAsAReadableExpression() {
        Optimizer opt = new Optimizer(Lbfgs.defaults(), new FixedStep(0.5),
                StopCriterion.gradientNorm(1e-6).or(StopCriterion.maxIterations(100)));
        assertEquals("lbfgs(memory=10, curvatureThreshold=1e-10) + fixed(learningRate=0.5)", opt.describe());
        assertEquals("lbfgs(memory=10, curvatureThreshold=1e-10) + fixed(learningRate=0.5)"
                + " until anyOf(gradientNorm(1e-6), maxIterations(100))", opt.toString());
    }

    @Test
    void invalidArgumentsAreRejectedWithMessages() {
        StopCriterion stop = StopCriterion.maxIterations(1);
        assertMessage("directionRule", () -> new Optimizer(null, new FixedStep(0.1), stop));
        assertMessage("stepRule", () -> new Optimizer(Gradient.defaults(), null, stop));
        assertMessage("stopCriterion", () -> new Optimizer(Gradient.defaults(), new FixedStep(0.1), null));
        Optimizer opt = new Optimizer(Gradient.defaults(), new FixedStep(0.1), stop);
        assertMessage("x0 has length 3 but the objective's dimension is 4", () -> opt.minimize(SPEC, new double[3]));
        assertMessage("x0[2] must be finite, got NaN", () -> opt.minimize(SPEC, new double[] {0, 0, Double.NaN, 0}));
        assertMessage("listener 1 is null", () -> opt.minimize(SPEC, ONES, r -> true, null));
        assertMessage("objective", () -> opt.minimize(null, ONES));
    }
}
