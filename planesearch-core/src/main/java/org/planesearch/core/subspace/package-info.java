/**
 * Subspaces of directions and the minimisation of the objective over them: the
 * {@link org.planesearch.core.subspace.Subspace} description of D = [d₁ … dₖ] (fresh vectors or
 * previous steps, whole or restricted to a layout block), the evaluation protocol
 * {@link org.planesearch.core.subspace.SubspaceEvaluator} with its cost counters, the
 * {@link org.planesearch.core.subspace.GenericSubspaceEvaluator} for any twice-differentiable
 * function, and {@link org.planesearch.core.subspace.SubspaceSearch}, the one safeguarded
 * k-dimensional Newton solver behind line optimization, plane search and subspace
 * optimization.
 *
 * <p>Invariants: a search never returns t with ψ(t) &gt; ψ(0); its outcome is a status
 * ({@link org.planesearch.core.subspace.SubspaceSearchStatus}), never an exception, for
 * indefinite Hessians, non-finite trials and exhausted budgets. Evaluators and search states
 * allocate their buffers when created; trials allocate nothing, a search one result record.
 * Configurations are thread-safe; evaluators and states are not.
 */
package org.planesearch.core.subspace;
