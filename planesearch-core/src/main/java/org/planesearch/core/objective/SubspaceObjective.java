package org.planesearch.core.objective;

/**
 * The restriction of an objective to an affine subspace: ψ(t) = f(x + D t), t ∈ ℝᵏ, where the
 * columns of D = [d₁ … dₖ] are search directions. k = 1 is a line, k = 2 a plane (learning and
 * momentum rate), k = 2L per-layer rates. Every precise step rule minimises ψ.
 *
 * <p>A fast implementation (the "SO-friendly" case) evaluates ψ, ∇ψ and ∇²ψ in time independent
 * of the data's width after one product with the directions; a generic one evaluates f in full.
 * The search algorithms only ever see this small object. Not thread-safe.
 */
public interface SubspaceObjective {

    /** k, the number of directions. */
    int dimension();

    /** Returns ψ(t); may be +∞ or NaN where f is not finite. t: not modified. */
    double value(double[] t);

    /**
     * Returns ψ(t), writes ∇ψ(t) (length k) into gradOut and, when hessOut is not null, the
     * k×k Hessian ∇²ψ(t) row-major into hessOut. t: not modified. gradOut, hessOut: modified.
     */
    double valueGradientHessian(double[] t, double[] gradOut, double[] hessOut);

    /**
     * Returns ψ(t) and writes ∇ψ(t) into gradOut. Implementations whose Hessian is costly
     * override this; the default computes the Hessian-free path through
     * {@link #valueGradientHessian} with a null Hessian.
     */
    default double valueAndGradient(double[] t, double[] gradOut) {
        return valueGradientHessian(t, gradOut, null);
    }

    /**
     * True when ∇²ψ costs much more than ψ and ∇ψ together, and a {@link #valueGradientHessian}
     * at the t of the last {@link #valueAndGradient} (same bits) costs only the Hessian's own
     * part. The search then evaluates its trials without the Hessian and asks for it only where
     * it takes another Newton step: a search's last trial, where it converges, never pays for
     * one. False (the default) where the Hessian comes with the gradient at little extra cost
     * (the linear-composition evaluators), so the search asks for all three at once.
     */
    default boolean separateHessian() {
        return false;
    }

    /**
     * θ ∈ [0, 1): the search may stop, after at least one Newton step, once the decrease its
     * quadratic model still predicts is at most θ times the decrease already achieved over the
     * subspace (the step is then within a fraction θ of its best gain). 0 (the default): only the
     * derivative bound ends a search, as for the linear-composition evaluators, whose trials cost
     * a few percent of an iteration. An evaluator whose trials are a sizeable part of an
     * iteration returns a small positive θ and says why.
     */
    default double decreaseTolerance() {
        return 0;
    }
}
