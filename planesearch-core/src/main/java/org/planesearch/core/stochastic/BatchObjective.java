package org.planesearch.core.stochastic;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.objective.Objective;

/**
 * A training objective over n examples that can be restricted to mini-batches of its rows:
 * f_B(w) = (1/|B|) Σ_{i∈B} ℓᵢ(w) + r(w), with the same regularizer r as the full objective
 * f(w) = (1/n) Σᵢ ℓᵢ(w) + r(w), so that f_B is an unbiased estimate of f for a uniformly drawn
 * batch. The batch objectives are the model's own (same gradient, Hessian-vector and
 * Gauss–Newton products, same subspace evaluators), built on the batch's rows.
 *
 * <p>Not thread-safe: a batch objective is valid until the next {@link #batch} call (it may
 * reuse the previous one's buffers).
 */
public interface BatchObjective extends AutoCloseable {

    /** The parameter layout (the same for every batch). */
    ParameterLayout layout();

    /** n, the number of examples. */
    int examples();

    /**
     * The objective of rows {@code order[from]}, …, {@code order[from + count − 1]} (mean loss over
     * them plus the regularizer). order: not modified. The returned objective is valid until the
     * next call.
     */
    Objective batch(int[] order, int from, int count);

    /** The objective over all n examples. */
    Objective full();

    /** Releases batch buffers (not the data). Idempotent. */
    @Override
    void close();
}
