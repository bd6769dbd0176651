package org.planesearch.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.planesearch.core.direction.AdaGradNorm;
import org.planesearch.core.direction.Adam;
import org.planesearch.core.direction.DirectionRule;
import org.planesearch.core.direction.Gradient;
import org.planesearch.core.direction.HeavyBall;
import org.planesearch.core.direction.Lbfgs;
import org.planesearch.core.direction.Nesterov;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.stepsize.ArmijoStep;
import org.planesearch.core.stepsize.LineOptimization;
import org.planesearch.core.stepsize.PlaneSearch;
import org.planesearch.core.stepsize.StepRule;
import org.planesearch.core.stepsize.SubspaceOptimization;
import org.planesearch.core.stepsize.WolfeStep;
import org.planesearch.core.testing.Quadratic;

/**
 * Every direction rule composed with every searching step rule of the library minimises a
 * random SPD quadratic: the optimizer, the rules and the evaluator protocol work together.
 */
class ComposedMethodsTest {

    private static final int N = 10;
    private static final Quadratic Q = Quadratic.randomSpd(N, 50, new SplittableRandom(99));

    static Stream<Arguments> methods() {
        DirectionRule[] directions = {Gradient.defaults(), HeavyBall.defaults(), Nesterov.defaults(), Lbfgs.defaults(),
            Adam.defaults(), AdaGradNorm.defaults()};
        StepRule[] steps = {ArmijoStep.defaults(), WolfeStep.defaults(), LineOptimization.defaults(),
            PlaneSearch.defaults(), SubspaceOptimization.defaults()};
        Stream.Builder<Arguments> all = Stream.builder();
        for (int i = 0; i < directions.length; i++) {
            for (int j = 0; j < steps.length; j++) {
                all.add(Arguments.of(directions[i], steps[j]));
            }
        }
        return all.build();
    }

    @ParameterizedTest
    @MethodSource("methods")
    void minimisesAnSpdQuadratic(DirectionRule direction, StepRule step) {
        double[] x0 = new double[N];
        double[] g0 = new double[N];
        Q.valueAndGradient(x0, g0);
        Optimizer opt = new Optimizer(direction, step,
                StopCriterion.gradientNorm(1e-6 * Vec.nrm2(g0)).or(StopCriterion.maxIterations(5000)));
        OptimizationResult r = opt.minimize(Q, x0);
        assertEquals(Termination.GRADIENT_NORM, r.termination(), r::toString);
        assertTrue(r.value() - Q.minimum() <= 1e-8 * Math.max(1, Math.abs(Q.minimum())), r::toString);
    }

    @Test
    void lbfgsWithLineOptimizationEndsInAtMostNPlusOneIterations() {
        DirectionRule direction = Lbfgs.defaults();
        StepRule step = LineOptimization.defaults();
        double[] x0 = new double[N];
        double[] g0 = new double[N];
        Q.valueAndGradient(x0, g0);
        OptimizationResult r = new Optimizer(direction, step,
                StopCriterion.gradientNorm(1e-8 * Vec.nrm2(g0)).or(StopCriterion.maxIterations(N + 1))).minimize(Q, x0);
        assertEquals(Termination.GRADIENT_NORM, r.termination(), r::toString);
    }
}
