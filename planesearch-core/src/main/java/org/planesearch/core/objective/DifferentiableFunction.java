package org.planesearch.core.objective;

/**
 * A function f: ℝⁿ → ℝ with its gradient: the one objective seam of the library. Models,
 * mini-batch objectives and distributed objectives all implement it.
 *
 * <p>Implementations are not required to be thread-safe.
 */
public interface DifferentiableFunction {

    /** n, the length of x. */
    int dimension();

    /** Returns f(x). x: not modified. */
    double value(double[] x);

    /** Returns f(x) and writes ∇f(x) into gradOut. x: not modified. gradOut: modified. */
    double valueAndGradient(double[] x, double[] gradOut);
}
