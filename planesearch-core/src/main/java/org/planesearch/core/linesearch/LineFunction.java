package org.planesearch.core.linesearch;

import org.planesearch.core.objective.SubspaceObjective;

/**
 * φ(α) = ψ(α) for a one-column {@link SubspaceObjective}, as the line searches see it: value and
 * slope φ'(α) at a scalar step, with its own length-1 buffers so that no trial allocates, and
 * a count of evaluations. (LineSearches.jl's {@code make_ϕdϕ}, Breeze's
 * {@code functionFromSearchDirection}.)
 *
 * <p>One instance is owned by a step rule's state and {@link #bind rebound} every iteration.
 * Not thread-safe.
 */
public final class LineFunction {

    private final double[] t = new double[1];
    private final double[] g = new double[1];
    private SubspaceObjective psi;
    private int evaluations;
    private double slope = Double.NaN;

    /** An unbound line function; call {@link #bind} before use. */
    public LineFunction() {
    }

    /** A line function bound to ψ (k = 1). */
    public static LineFunction of(SubspaceObjective psi) {
        return new LineFunction().bind(psi);
    }

    /** Binds to ψ, which must have one column, and resets the evaluation count. Returns this. */
    public LineFunction bind(SubspaceObjective newPsi) {
        if (newPsi == null || newPsi.dimension() != 1) {
            throw new IllegalArgumentException("LineFunction: needs a subspace objective with one column, got "
                    + (newPsi == null ? "null" : newPsi.dimension() + " columns"));
        }
        this.psi = newPsi;
        this.evaluations = 0;
        this.slope = Double.NaN;
        return this;
    }

    /** φ(α). */
    public double value(double alpha) {
        check();
        t[0] = alpha;
        evaluations++;
        return psi.value(t);
    }

    /** φ(α); φ'(α) is then available from {@link #slope()}. */
    public double valueAndSlope(double alpha) {
        check();
        t[0] = alpha;
        evaluations++;
        double v = psi.valueAndGradient(t, g);
        slope = g[0];
        return v;
    }

    /** φ' at the last {@link #valueAndSlope} call (NaN before any). */
    public double slope() {
        return slope;
    }

    /** Evaluations since the last {@link #bind}. */
    public int evaluations() {
        return evaluations;
    }

    private void check() {
        if (psi == null) {
            throw new IllegalStateException("LineFunction: bind a subspace objective first");
        }
    }
}
