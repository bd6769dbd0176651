package org.planesearch.core.linesearch;

/**
 * An inexact search for a step α along a line, φ(α) = f(x + α d), given φ(0) and φ'(0). Small,
 * immutable and interchangeable (LineSearches.jl's {@code linesearch=}); where to start is a
 * separate {@link InitialStepGuess}. Implementations: {@link Backtracking} (Armijo),
 * {@link StrongWolfe}.
 *
 * <p>Numerical events are statuses, never exceptions: a non-descent direction (φ'(0) ≥ 0) is
 * {@link LineSearchStatus#FAILED} without an evaluation; a non-finite φ(0) is
 * {@link LineSearchStatus#NON_FINITE}. Assumes d is meant as a descent direction (Adam's may
 * not be; the caller falls back). Implementations are thread-safe; the {@link LineFunction} is not.
 */
public interface LineSearch {

    /**
     * Searches along φ.
     *
     * @param phi φ, evaluated; its count is the result's evaluations
     * @param phi0 φ(0)
     * @param slope0 φ'(0) = ∇f(x)ᵀd
     * @param initialStep the first trial α₀, finite and &gt; 0
     */
    LineSearchResult search(LineFunction phi, double phi0, double slope0, double initialStep);
}
