package org.planesearch.core.stepsize;

/**
 * What a step rule decided in one iteration.
 *
 * @param status how the search ended
 * @param coefficients t (length k, one per subspace column; a copy owned by the record). For
 *     a line rule, t[0] is the step size; for plane search, (learning rate, momentum rate) in
 *     the scale of the columns [d, s₁]; per-layer rules order them as the subspace columns.
 * @param value ψ(t), the objective value the step leads to (NaN if unknown)
 * @param innerIterations Newton (or bracketing) iterations of the search
 * @param trials evaluations of ψ
 */
public record StepOutcome(StepStatus status, double[] coefficients, double value, int innerIterations, int trials) {

    public StepOutcome {
        if (status == null) {
            throw new IllegalArgumentException("status must not be null");
        }
        coefficients = coefficients == null ? new double[0] : coefficients;
    }

    /** k, the number of coefficients. */
    public int dimension() {
        return coefficients.length;
    }
}
