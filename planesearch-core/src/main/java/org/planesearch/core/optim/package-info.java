/**
 * The optimizer loop and its data: {@link org.planesearch.core.optim.Optimizer} composes a
 * {@code DirectionRule}, a {@code StepRule} and a {@link org.planesearch.core.optim.StopCriterion};
 * every iteration produces one {@link org.planesearch.core.optim.IterationRecord} for the
 * {@link org.planesearch.core.optim.IterationListener}s, and a run ends with an
 * {@link org.planesearch.core.optim.OptimizationResult} carrying its
 * {@link org.planesearch.core.optim.Termination}.
 *
 * <p>Data flows one way through an iteration: objective (gradient) → direction → step →
 * update (move, curvature pair) → listeners → stop criterion. The descent check ⟨g, d⟩ &lt; 0 and
 * the fallbacks (non-finite direction, or non-descent direction for a step rule that requires
 * descent → −g; rejected step → reset and retry once with −g;
 * second rejection → {@code LINE_SEARCH_FAILED}) live in one place, {@code Optimizer.minimize}.
 * Numerical events are statuses in the records and the result, never exceptions.
 *
 * <p>Configurations (optimizer, stop criteria) are immutable and thread-safe; every run creates
 * its own states and evaluator.
 */
package org.planesearch.core.optim;
