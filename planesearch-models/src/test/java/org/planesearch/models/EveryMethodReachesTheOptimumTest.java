package org.planesearch.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.planesearch.core.optim.Method;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.StopCriterion;
import org.planesearch.core.optim.Termination;
import org.planesearch.models.RealDataNewtonTest.Case;
import org.planesearch.models.linear.LinearObjective;
import org.planesearch.models.linear.LossKind;

/**
 * Acceptance: every method with a convergent step rule, on the bundled real data, reaches the
 * optimum computed by Newton's method to ‖∇f‖ ≤ 1e-10, with f within 1e-10 relative, and reports
 * GRADIENT_NORM. (Fixed steps are not in the list: a fixed step does not converge to 1e-10 for
 * Adam, and for GD it only does with a step below 2/L, which is not a property of the method.)
 */
class EveryMethodReachesTheOptimumTest {

    static final List<String> METHODS = List.of(
            "gd+armijo", "gd+wolfe", "gd+lo", "gd+ps", "gd+so3", "gd+ps:per-layer",
            "heavyball+lo", "nesterov+ps",
            "lbfgs+wolfe", "lbfgs+armijo", "lbfgs+lo", "lbfgs+ps", "lbfgs+so3",
            "adam+lo", "adam+ps", "adagradnorm+lo", "adagradnorm+ps");

    static List<Case> problems() {
        return List.of(
                new Case("heart_scale", LossKind.LOGISTIC, 1e-3, false),
                new Case("breast_cancer", LossKind.LOGISTIC, 1e-3, true),
                new Case("wine", LossKind.SOFTMAX, 1e-2, true),
                new Case("heart_scale", LossKind.LEAST_SQUARES, 1e-3, false));
    }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Case p : problems()) {
            for (String m : METHODS) {
                out.add(Arguments.of(p, m));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void reachesNewtonsOptimum(Case problem, String method) throws Exception {
        LinearObjective f = RealDataNewtonTest.objective(problem);
        int n = f.dimension();
        NewtonReference.Result ref = NewtonReference.minimize(f, new double[n], NewtonReferenceTest.nullDirections(f));
        assertTrue(ref.converged());

        OptimizationResult r = Method.parse(method)
                .optimizer(StopCriterion.anyOf(StopCriterion.gradientNorm(1e-10), StopCriterion.maxIterations(50_000)))
                .minimize(f, new double[n]);
        assertEquals(Termination.GRADIENT_NORM, r.termination(),
                method + ": " + r.termination() + " after " + r.iterations() + " iterations, ‖∇f‖ = " + r.gradientNorm());
        assertTrue(r.gradientNorm() <= 1e-10);
        double rel = Math.abs(r.value() - ref.value()) / Math.abs(ref.value());
        assertTrue(rel <= 1e-10, method + ": f = " + r.value() + " vs Newton " + ref.value() + " (relative " + rel + ")");
    }
}
