package org.planesearch.core.linesearch;

/**
 * The outcome of one line search.
 *
 * @param status how it ended
 * @param step α (0 when the status is not {@link LineSearchStatus#accepted() accepted})
 * @param value φ(α)
 * @param slope φ'(α), NaN when the search did not evaluate it (backtracking)
 * @param evaluations calls of φ
 * @param iterations backtracks, or bracketing plus zoom steps
 */
public record LineSearchResult(LineSearchStatus status, double step, double value, double slope, int evaluations,
        int iterations) {

    public LineSearchResult {
        if (status == null) {
            throw new IllegalArgumentException("status must not be null");
        }
    }
}
