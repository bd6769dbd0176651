package org.planesearch.core.optim;

import java.util.Arrays;
import org.planesearch.core.stepsize.StepStatus;

/**
 * The facts of one iteration, as the optimizer hands them to {@link IterationListener}s (and the
 * CLI writes them as one row of {@code history.csv}). Iteration 0 is the starting point: f₀,
 * ‖g₀‖ and the cost of the first evaluation, no step.
 *
 * <p>Immutable and thread-safe: the coefficients are copied in and out.
 *
 * @param iteration k, the number of accepted steps so far (0 = the starting point)
 * @param value f(x_k) (NaN or infinite only in the last record of a {@link Termination#NON_FINITE} run)
 * @param gradientNorm ‖∇f(x_k)‖₂
 * @param coefficients the step's coefficients t, in the order of the step rule's subspace
 *     columns: for a line rule (fixed, Armijo, Wolfe, line optimization) the step size; for plane
 *     search (learning rate, momentum rate); for per-layer rules one (learning, momentum) pair per
 *     block. Empty at iteration 0.
 * @param stepStatus how the accepted step's search ended; null at iteration 0 only
 * @param innerIterations Newton (or bracketing) iterations of the step's search, summed over
 *     both attempts when the step was retried
 * @param trials evaluations of ψ in this iteration, summed over both attempts when retried
 * @param functionEvaluations full evaluations of f since the start (cumulative)
 * @param gradientEvaluations full evaluations of ∇f since the start (cumulative)
 * @param dataPasses passes through the data since the start (cumulative, the paper's cost unit)
 * @param elapsedSeconds wall time since the start of the run
 * @param directionFallback true when the direction rule's d was NaN or infinite, or not a
 *     descent direction (⟨g, d⟩ ≥ 0) for a step rule that requires one, and −g was used
 *     instead, with the direction state reset
 * @param retried true when the step rule rejected the first step and the iteration was retried
 *     along −g with both states reset
 */
public record IterationRecord(
        int iteration,
        double value,
        double gradientNorm,
        double[] coefficients,
        StepStatus stepStatus,
        int innerIterations,
        int trials,
        long functionEvaluations,
        long gradientEvaluations,
        long dataPasses,
        double elapsedSeconds,
        boolean directionFallback,
        boolean retried) {

    public IterationRecord {
        if (iteration < 0) {
            throw new IllegalArgumentException("IterationRecord: iteration must be >= 0, got " + iteration);
        }
        if ((stepStatus == null) != (iteration == 0)) {
            throw new IllegalArgumentException("IterationRecord: stepStatus must be null exactly at iteration 0, got "
                    + stepStatus + " at iteration " + iteration);
        }
        coefficients = coefficients == null ? new double[0] : coefficients.clone();
    }

    /** The record of the starting point (iteration 0): no step, no fallback. */
    public static IterationRecord start(double value, double gradientNorm, long functionEvaluations,
            long gradientEvaluations, long dataPasses, double elapsedSeconds) {
        return new IterationRecord(0, value, gradientNorm, null, null, 0, 0, functionEvaluations,
                gradientEvaluations, dataPasses, elapsedSeconds, false, false);
    }

    /** A copy of the coefficients (empty at iteration 0). */
    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** The number of coefficients (0 at iteration 0). */
    public int coefficientCount() {
        return coefficients.length;
    }

    /** Coefficient j, without copying the array. */
    public double coefficient(int j) {
        return coefficients[j];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IterationRecord r && r.iteration == iteration
                && Double.compare(r.value, value) == 0 && Double.compare(r.gradientNorm, gradientNorm) == 0
                && Arrays.equals(r.coefficients, coefficients) && r.stepStatus == stepStatus
                && r.innerIterations == innerIterations && r.trials == trials
                && r.functionEvaluations == functionEvaluations && r.gradientEvaluations == gradientEvaluations
                && r.dataPasses == dataPasses && Double.compare(r.elapsedSeconds, elapsedSeconds) == 0
                && r.directionFallback == directionFallback && r.retried == retried;
    }

    @Override
    public int hashCode() {
        int h = Integer.hashCode(iteration);
        h = 31 * h + Double.hashCode(value);
        h = 31 * h + Double.hashCode(gradientNorm);
        h = 31 * h + Arrays.hashCode(coefficients);
        h = 31 * h + (stepStatus == null ? 0 : stepStatus.hashCode());
        h = 31 * h + Long.hashCode(dataPasses);
        return h;
    }

    @Override
    public String toString() {
        return "IterationRecord[iteration=" + iteration + ", value=" + value + ", gradientNorm=" + gradientNorm
                + ", coefficients=" + Arrays.toString(coefficients) + ", stepStatus=" + stepStatus
                + ", innerIterations=" + innerIterations + ", trials=" + trials
                + ", functionEvaluations=" + functionEvaluations + ", gradientEvaluations=" + gradientEvaluations
                + ", dataPasses=" + dataPasses + ", elapsedSeconds=" + elapsedSeconds
                + ", directionFallback=" + directionFallback + ", retried=" + retried + "]";
    }
}
