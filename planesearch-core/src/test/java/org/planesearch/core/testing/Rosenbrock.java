package org.planesearch.core.testing;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.subspace.GenericSubspaceEvaluator;
import org.planesearch.core.subspace.SubspaceEvaluator;

/**
 * Test fixture: the extended Rosenbrock function (Rosenbrock 1960; Moré, Garbow &amp; Hillstrom
 * 1981, problem 21 in its chained form)
 * <pre>
 *   f(x) = Σ_{i=0}^{n−2} 100 (x_{i+1} − xᵢ²)² + (1 − xᵢ)²,     x* = (1, …, 1), f* = 0,
 * </pre>
 * non-convex, with exact gradient and Hessian-vector products (the Hessian is tridiagonal).
 * Its evaluator is the {@link GenericSubspaceEvaluator}. Immutable.
 */
public final class Rosenbrock implements Objective {

    private final ParameterLayout layout;

    /** Over the given layout (dimension ≥ 2). */
    public Rosenbrock(ParameterLayout layout) {
        if (layout.dimension() < 2) {
            throw new IllegalArgumentException("Rosenbrock needs dimension >= 2, got " + layout.dimension());
        }
        this.layout = layout;
    }

    /** With one block of the given dimension. */
    public static Rosenbrock of(int n) {
        return new Rosenbrock(ParameterLayout.single(n));
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public SubspaceEvaluator newEvaluator(int maxDirections, int stepMemory) {
        return new GenericSubspaceEvaluator(this, layout, maxDirections, stepMemory);
    }

    @Override
    public double value(double[] x) {
        check(x);
        double s = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            s += 100 * a * a + b * b;
        }
        return s;
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradOut) {
        check(x);
        check(gradOut);
        java.util.Arrays.fill(gradOut, 0);
        double s = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            s += 100 * a * a + b * b;
            gradOut[i] += -400 * x[i] * a - 2 * b;
            gradOut[i + 1] += 200 * a;
        }
        return s;
    }

    @Override
    public void hessianTimes(double[] x, double[] v, double[] out) {
        check(x);
        check(v);
        check(out);
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i + 1 < x.length; i++) {
            // Hessian of term i on the pair (i, i+1)
            double hii = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
            double hij = -400 * x[i];
            double hjj = 200;
            out[i] += hii * v[i] + hij * v[i + 1];
            out[i + 1] += hij * v[i] + hjj * v[i + 1];
        }
    }

    private void check(double[] v) {
        if (v.length != layout.dimension()) {
            throw new IllegalArgumentException("vector has length " + v.length + ", expected " + layout.dimension());
        }
    }
}
