package org.planesearch.core.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.planesearch.core.testing.Quadratic;
import org.planesearch.core.testing.Rosenbrock;

class FiniteDifferencesTest {

    /** f(x) = Σ exp(xᵢ) sin(i + xᵢ₊₁) + ⅓ Σ xᵢ³ with its gradient written by hand. */
    private static final DifferentiableFunction KNOWN = new DifferentiableFunction() {
        @Override
        public int dimension() {
            return 4;
        }

        @Override
        public double value(double[] x) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
                s += Math.exp(x[i]) * Math.sin(i + x[i + 1]);
            }
            for (double v : x) {
                s += v * v * v / 3;
            }
            return s;
        }

        @Override
        public double valueAndGradient(double[] x, double[] g) {
            for (int i = 0; i < 4; i++) {
                g[i] = x[i] * x[i];
            }
            for (int i = 0; i < 3; i++) {
                g[i] += Math.exp(x[i]) * Math.sin(i + x[i + 1]);
                g[i + 1] += Math.exp(x[i]) * Math.cos(i + x[i + 1]);
            }
            return value(x);
        }
    };

    @Test
    void gradientOfAKnownFunctionIsAccurateToAboutEpsilonToTheTwoThirds() {
        double[] x = {0.3, -1.2, 2.5, 1.5};
        double[] exact = new double[4];
        double[] approx = new double[4];
        KNOWN.valueAndGradient(x, exact);
        double[] copy = x.clone();
        FiniteDifferences.gradient(KNOWN, x, approx);
        assertEquals(copy[3], x[3], "x must not be modified");
        for (int i = 0; i < 4; i++) {
            assertTrue(FiniteDifferences.relativeError(exact[i], approx[i], 1) < 1e-8,
                    "component " + i + ": " + exact[i] + " vs " + approx[i]);
        }
    }

    @Test
    void hessianTimesMatchesTheExactProductOnRosenbrock() {
        Rosenbrock f = Rosenbrock.of(6);
        double[] x = {-1.2, 1, 0.5, -0.3, 2, 1.1};
        double[] v = {0.3, -1, 2, 0.1, 0.7, -0.4};
        double[] exact = new double[6];
        double[] approx = new double[6];
        f.hessianTimes(x, v, exact);
        FiniteDifferences.hessianTimes(f, x, v, approx);
        assertTrue(FiniteDifferences.relativeError(exact, approx, 1) < 1e-7);
    }

    @Test
    void subspaceGradientAndHessianOfAQuadraticInTwoVariables() {
        // ψ(t) = 3t₀² + t₀t₁ + 2t₁² − t₀ : ∇ψ = (6t₀ + t₁ − 1, t₀ + 4t₁), ∇²ψ = [[6,1],[1,4]]
        SubspaceObjective psi = new SubspaceObjective() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public double value(double[] t) {
                return 3 * t[0] * t[0] + t[0] * t[1] + 2 * t[1] * t[1] - t[0];
            }

            @Override
            public double valueGradientHessian(double[] t, double[] g, double[] h) {
                g[0] = 6 * t[0] + t[1] - 1;
                g[1] = t[0] + 4 * t[1];
                return value(t);
            }
        };
        double[] t = {0.7, -2.0};
        double[] g = new double[2];
        double[] h = new double[4];
        FiniteDifferences.gradient(psi, t, g);
        FiniteDifferences.hessian(psi, t, h);
        assertTrue(FiniteDifferences.relativeError(new double[] {6 * 0.7 - 2 - 1, 0.7 - 8}, g, 1) < 1e-9);
        assertTrue(FiniteDifferences.relativeError(new double[] {6, 1, 1, 4}, h, 1) < 1e-8);
    }

    @Test
    void gradientOfARandomQuadraticMatchesAxMinusB() {
        Quadratic q = Quadratic.randomSpd(10, 100, new SplittableRandom(3));
        double[] x = new double[10];
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < 10; i++) {
            x[i] = 3 * Quadratic.gaussian(rng);
        }
        double[] exact = new double[10];
        double[] approx = new double[10];
        q.valueAndGradient(x, exact);
        FiniteDifferences.gradient(q, x, approx);
        assertTrue(FiniteDifferences.relativeError(exact, approx, 1) < 1e-8);
    }

    @Test
    void relativeErrorUsesTheFloorNearZero() {
        assertEquals(1e-12, FiniteDifferences.relativeError(0, 1e-12, 1), 1e-24);
        assertEquals(0.5, FiniteDifferences.relativeError(2, 1, 1e-3), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> FiniteDifferences.relativeError(1, 1, 0));
    }
}
