/**
 * Inexact line searches on φ(α) = f(x + α d), given φ(0) and φ'(0): small immutable strategies
 * ({@link org.planesearch.core.linesearch.Backtracking} for the Armijo condition,
 * {@link org.planesearch.core.linesearch.StrongWolfe} for the strong Wolfe conditions) and,
 * separately, where they start ({@link org.planesearch.core.linesearch.InitialStepGuess}:
 * constant, Nocedal–Wright quadratic interpolation, previous step times a factor), in the
 * manner of LineSearches.jl's {@code linesearch=} and {@code alphaguess=}.
 *
 * <p>φ is a one-column {@link org.planesearch.core.objective.SubspaceObjective} seen through a
 * reusable {@link org.planesearch.core.linesearch.LineFunction}, so a trial costs what the
 * evaluator charges for ψ (O(n) for an SO-friendly model) and allocates nothing.
 *
 * <p>Invariants: results are records with a {@link org.planesearch.core.linesearch.LineSearchStatus};
 * non-descent directions, non-finite values and exhausted budgets are statuses, never exceptions;
 * an accepted step always satisfies sufficient decrease with the configured c₁. Searches and
 * guesses are thread-safe; {@code LineFunction} and {@code StepHistory} are not.
 */
package org.planesearch.core.linesearch;
