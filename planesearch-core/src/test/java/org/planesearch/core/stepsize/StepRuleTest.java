package org.planesearch.core.stepsize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.linesearch.Backtracking;
import org.planesearch.core.linesearch.InitialStepGuess;
import org.planesearch.core.linesearch.StrongWolfe;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.subspace.EvaluationCounts;
import org.planesearch.core.subspace.Subspace;
import org.planesearch.core.subspace.SubspaceEvaluator;
import org.planesearch.core.subspace.SubspaceSearch;
import org.planesearch.core.testing.Quadratic;
import org.planesearch.core.testing.Rosenbrock;

class StepRuleTest {

    private static final ParameterLayout THREE_BLOCKS = ParameterLayout.builder()
            .add("w1", true, 2, 3).add("b1", false, 3).add("w2", true, 4).build();

    /** Drives a rule for a few iterations with d = −g and returns the outcomes' statuses after checking them. */
    private interface Check {
        void check(SubspaceEvaluator ev, double f, double[] x, double[] g, double[] d, StepOutcome o);
    }

    private static void drive(Objective obj, StepRule rule, double[] x0, int iterations, Check check) {
        ParameterLayout layout = obj.layout();
        SubspaceEvaluator ev = obj.newEvaluator(rule.maxDirections(layout), rule.stepMemory());
        StepState st = rule.newState(layout);
        double[] x = x0.clone();
        double[] g = new double[x.length];
        double[] d = new double[x.length];
        double f = ev.start(x, g);
        for (int k = 0; k < iterations; k++) {
            Vec.scale(-1, g, d);
            StepOutcome o = st.step(ev, f, g, d);
            check.check(ev, f, x, g, d, o);
            if (!o.status().accepted()) {
                return;
            }
            double fNew = ev.move(o.coefficients(), x, g);
            assertEquals(o.value(), fNew, 1e-12 * Math.max(1, Math.abs(fNew)), "outcome value = f at the new point");
            f = fNew;
        }
    }

    private static double[] rosenbrockStart(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? -1.2 : 1;
        }
        return x;
    }

    @Test
    void armijoStepsSatisfyTheArmijoConditionWithTheConfiguredC1() {
        for (double c1 : new double[] {1e-4, 0.25}) {
            for (InitialStepGuess guess : List.of(InitialStepGuess.constant(1), InitialStepGuess.quadratic(),
                    InitialStepGuess.previous(2))) {
                ArmijoStep rule = new ArmijoStep(new Backtracking(c1, 0.5, Backtracking.Mode.CUBIC, 50), guess);
                drive(Rosenbrock.of(6), rule, rosenbrockStart(6), 15, (ev, f, x, g, d, o) -> {
                    assertEquals(StepStatus.CONVERGED, o.status());
                    double a = o.coefficients()[0];
                    assertTrue(a > 0);
                    assertTrue(o.value() <= f + c1 * a * Vec.dot(g, d), "Armijo with c1 = " + c1);
                });
            }
        }
    }

    @Test
    void wolfeStepsSatisfyBothStrongWolfeConditions() {
        StrongWolfe w = new StrongWolfe(1e-4, 0.1, 50, 1e10);
        Rosenbrock f6 = Rosenbrock.of(6);
        drive(f6, new WolfeStep(w, InitialStepGuess.quadratic()), rosenbrockStart(6), 15, (ev, f, x, g, d, o) -> {
            assertEquals(StepStatus.CONVERGED, o.status());
            double a = o.coefficients()[0];
            double slope0 = Vec.dot(g, d);
            assertTrue(o.value() <= f + 1e-4 * a * slope0);
            double[] xa = x.clone();
            Vec.axpy(a, d, xa);
            double[] ga = new double[x.length];
            f6.valueAndGradient(xa, ga);
            assertTrue(Math.abs(Vec.dot(ga, d)) <= 0.1 * Math.abs(slope0), "curvature");
        });
    }

    @Test
    void lineSearchRulesFailOnANonDescentDirectionWithoutATrial() {
        Quadratic q = Quadratic.randomSpd(6, 10, new SplittableRandom(1));
        for (StepRule rule : List.of(ArmijoStep.defaults(), WolfeStep.defaults())) {
            SubspaceEvaluator ev = q.newEvaluator(1, 0);
            double[] g = new double[6];
            double f = ev.start(new double[6], g);
            long passes = ev.counts().dataPasses();
            StepOutcome o = rule.newState(q.layout()).step(ev, f, g, g.clone()); // d = +g: uphill
            assertEquals(StepStatus.FAILED, o.status(), rule.describe());
            assertEquals(0, o.trials());
            assertArrayEquals(new double[] {0}, o.coefficients());
            assertEquals(f, o.value());
            assertEquals(passes, ev.counts().dataPasses());
        }
    }

    @Test
    void lineOptimizationFindsTheExactMinimiserEvenAlongAnUphillDirection() {
        Quadratic q = Quadratic.randomSpd(6, 10, new SplittableRandom(2));
        SubspaceEvaluator ev = q.newEvaluator(1, 0);
        double[] g = new double[6];
        double f = ev.start(new double[6], g);
        StepOutcome o = LineOptimization.defaults().newState(q.layout()).step(ev, f, g, g.clone());
        assertEquals(StepStatus.CONVERGED, o.status());
        double[] ag = new double[6];
        q.hessianTimes(new double[6], g, ag);
        assertEquals(-Vec.dot(g, g) / Vec.dot(g, ag), o.coefficients()[0], 1e-12);
    }

    @Test
    void lineOptimizationLeavesAVanishingSlopeOnANonQuadratic() {
        Rosenbrock r = Rosenbrock.of(8);
        drive(r, LineOptimization.defaults(), rosenbrockStart(8), 10, (ev, f, x, g, d, o) -> {
            assertTrue(o.status().accepted());
            double[] xa = x.clone();
            Vec.axpy(o.coefficients()[0], d, xa);
            double[] ga = new double[x.length];
            r.valueAndGradient(xa, ga);
            double gn = Vec.nrm2(g);
            assertTrue(Math.abs(Vec.dot(ga, d)) <= 1e-9 * gn, "|ψ'(α*)| = " + Vec.dot(ga, d) + ", ‖g‖ = " + gn);
        });
    }

    @Test
    void perLayerPlaneSearchHasTwoColumnsPerLayerAndAZeroSubspaceGradient() {
        Quadratic q = Quadratic.randomSpd(13, 50, new SplittableRandom(3)).withLayout(THREE_BLOCKS);
        StepRule rule = StepRules.perLayer(PlaneSearch.defaults());
        assertEquals(6, rule.maxDirections(THREE_BLOCKS));
        int[] iteration = {0};
        drive(q, rule, new double[13], 6, (ev, f, x, g, d, o) -> {
            assertEquals(StepStatus.CONVERGED, o.status());
            assertEquals(iteration[0] == 0 ? 3 : 6, o.dimension(), "LO per layer first, then 2 per layer");
            // the coefficients make the subspace gradient vanish: re-evaluate ψ's gradient at t
            Subspace s = new Subspace(6);
            for (int b = 0; b < 3; b++) {
                s.addDirection(d, b);
                if (iteration[0] > 0) {
                    s.addPreviousStep(1, b);
                }
            }
            SubspaceObjective psi = ev.restrict(s);
            double[] grad = new double[o.dimension()];
            psi.valueAndGradient(o.coefficients(), grad);
            assertTrue(Vec.normInf(grad) <= 1e-9 * Vec.nrm2(g), "∇ψ(t) = " + java.util.Arrays.toString(grad));
            iteration[0]++;
        });
    }

    @Test
    void perLayerDecreasesAtLeastAsMuchAsTheWholeVectorRule() {
        Quadratic q = Quadratic.randomSpd(13, 50, new SplittableRandom(4)).withLayout(THREE_BLOCKS);
        double[] x0 = new double[13];
        SubspaceEvaluator ev = q.newEvaluator(6, 1);
        double[] g = new double[13];
        double f = ev.start(x0, g);
        double[] d = g.clone();
        Vec.scal(-1, d);
        double whole = LineOptimization.defaults().newState(THREE_BLOCKS).step(ev, f, g, d).value();
        double split = StepRules.perLayer(LineOptimization.defaults()).newState(THREE_BLOCKS).step(ev, f, g, d).value();
        assertTrue(split <= whole + 1e-12 * Math.abs(whole), split + " vs " + whole);
    }

    @Test
    void subspaceOptimizationUsesTheStepsThatExist() {
        Quadratic q = Quadratic.randomSpd(20, 100, new SplittableRandom(5));
        int[] iteration = {0};
        drive(q, new SubspaceOptimization(3, SubspaceSearch.defaults(), false), new double[20], 6, (ev, f, x, g, d, o) -> {
            assertEquals(Math.min(iteration[0], 3) + 1, o.dimension());
            iteration[0]++;
        });
    }

    @Test
    void fixedStepIsAcceptedEvenWhenItIncreasesFAndCostsTwoPasses() {
        Quadratic q = Quadratic.randomSpd(5, 10, new SplittableRandom(6));
        SubspaceEvaluator ev = q.newEvaluator(1, 0);
        double[] x = new double[5];
        double[] g = new double[5];
        double f = ev.start(x, g);
        double[] d = g.clone();
        Vec.scal(-1, d);
        StepState st = new FixedStep(5.0).newState(q.layout()); // far beyond 2/L: f increases
        EvaluationCounts c = ev.counts();
        long passes = c.dataPasses();
        StepOutcome o = st.step(ev, f, g, d);
        assertEquals(StepStatus.FIXED, o.status());
        assertArrayEquals(new double[] {5.0}, o.coefficients());
        assertTrue(o.value() > f);
        double fNew = ev.move(o.coefficients(), x, g);
        assertEquals(o.value(), fNew);
        assertEquals(passes + 2, c.dataPasses(), "one value pass plus one gradient pass");
    }

    @Test
    void describeGivesTheMethodNameForm() {
        assertEquals("fixed(learningRate=0.1)", FixedStep.defaults().describe());
        assertEquals("fixed(learningRate=0.001)", new FixedStep(1e-3).describe());
        assertEquals("fixed(learningRate=1e-5)", new FixedStep(1e-5).describe());
        assertEquals("armijo", ArmijoStep.defaults().describe());
        assertEquals("armijo(c1=0.1, init=constant(1))",
                new ArmijoStep(new Backtracking(0.1, 0.5, Backtracking.Mode.NONE, 50), InitialStepGuess.constant(1))
                        .describe());
        assertEquals("wolfe", WolfeStep.defaults().describe());
        assertEquals("wolfe(c2=0.1)", new WolfeStep(new StrongWolfe(1e-4, 0.1, 50, 1e10), InitialStepGuess.constant(1))
                .describe());
        assertEquals("lo", LineOptimization.defaults().describe());
        assertEquals("ps", PlaneSearch.defaults().describe());
        assertEquals("so3", SubspaceOptimization.defaults().describe());
        assertEquals("ps:per-layer", StepRules.perLayer(PlaneSearch.defaults()).describe());
        assertEquals("lo(maxIterations=10):per-layer",
                StepRules.perLayer(new LineOptimization(SubspaceSearch.defaults().withMaxIterations(10), false))
                        .describe());
    }

    @Test
    void onlyTheFixedStepTakesNonDescentDirections() {
        assertTrue(!FixedStep.defaults().requiresDescentDirection());
        for (StepRule rule : List.of(ArmijoStep.defaults(), WolfeStep.defaults(), LineOptimization.defaults(),
                PlaneSearch.defaults(), SubspaceOptimization.defaults())) {
            assertTrue(rule.requiresDescentDirection(), rule.describe());
        }
    }

    @Test
    void perLayerIsRejectedForRulesThatSearchAlongDOnly() {
        for (StepRule rule : List.of(FixedStep.defaults(), ArmijoStep.defaults(), WolfeStep.defaults())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepRules.perLayer(rule));
            assertTrue(e.getMessage().contains(rule.describe()) && e.getMessage().contains("lo, ps and so<m>"),
                    e.getMessage());
        }
    }

    @Test
    void rejectsInvalidConfigurations() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FixedStep(0)).getMessage()
                .contains("learningRate"));
        assertThrows(IllegalArgumentException.class, () -> new FixedStep(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SubspaceOptimization(-1, SubspaceSearch.defaults(), false));
        assertThrows(IllegalArgumentException.class, () -> new PlaneSearch(null, false));
        assertThrows(IllegalArgumentException.class, () -> new ArmijoStep(null, InitialStepGuess.quadratic()));
    }

    @Test
    void nonFiniteObjectiveIsReportedNotThrown() {
        // f = +∞ beyond a radius: every rule reports a status; subspace rules back off to a finite point
        Quadratic q = Quadratic.randomSpd(4, 10, new SplittableRandom(8));
        Objective capped = new Objective() {
            @Override
            public ParameterLayout layout() {
                return q.layout();
            }

            @Override
            public SubspaceEvaluator newEvaluator(int maxDirections, int stepMemory) {
                return new org.planesearch.core.subspace.GenericSubspaceEvaluator(this, q.layout(), maxDirections,
                        stepMemory);
            }

            @Override
            public double value(double[] x) {
                return Vec.nrm2(x) > 0.05 ? Double.NaN : q.value(x);
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                q.valueAndGradient(x, g);
                return value(x);
            }

            @Override
            public void hessianTimes(double[] x, double[] v, double[] out) {
                q.hessianTimes(x, v, out);
            }
        };
        for (StepRule rule : List.of(LineOptimization.defaults(), PlaneSearch.defaults(), ArmijoStep.defaults(),
                WolfeStep.defaults())) {
            // one step from 0, where the first trials (α = 1 along −g) land outside the finite region
            drive(capped, rule, new double[4], 1, (ev, f, x, g, d, o) -> {
                assertTrue(o.status().accepted(), rule.describe() + ": " + o.status());
                assertTrue(Double.isFinite(o.value()) && o.value() <= f);
            });
        }
    }
}
