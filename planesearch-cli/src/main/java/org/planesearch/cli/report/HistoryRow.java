package org.planesearch.cli.report;

import java.util.Arrays;

/**
 * One row of a run's {@code history.csv}: the facts of iteration k that a report draws.
 *
 * @param iteration k (0 = the starting point)
 * @param f f(x_k)
 * @param gradientNorm ‖∇f(x_k)‖
 * @param passes data passes since the start (cumulative)
 * @param seconds wall time since the start, as recorded (test evaluations included; see {@code testSeconds})
 * @param trials ψ evaluations of this step's search; -1 where the history does not record them
 * @param innerIterations Newton (or bracketing) iterations of this step's search; -1 where not recorded
 * @param coefficients the step's coefficients (empty at iteration 0), in the step rule's column order
 * @param testLoss the mean test loss at x_k, NaN where not evaluated
 * @param testAccuracy the test accuracy at x_k (a fraction), NaN where not evaluated or not a classifier
 * @param testSeconds the wall time of test evaluations included in {@code seconds} (0 when none)
 */
public record HistoryRow(int iteration, double f, double gradientNorm, long passes, double seconds, int trials,
                         int innerIterations, double[] coefficients, double testLoss, double testAccuracy,
                         double testSeconds) {

    public HistoryRow {
        if (iteration < 0) {
            throw new IllegalArgumentException("HistoryRow: iteration must be >= 0, got " + iteration);
        }
        coefficients = coefficients == null ? new double[0] : coefficients.clone();
    }

    /** The coefficients (a copy). */
    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** The number of coefficients. */
    public int coefficientCount() {
        return coefficients.length;
    }

    /** Coefficient j, without copying. */
    public double coefficient(int j) {
        return coefficients[j];
    }

    /** The training time: {@code seconds} without the test evaluations. */
    public double trainingSeconds() {
        return seconds - testSeconds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HistoryRow r && r.iteration == iteration && Double.compare(r.f, f) == 0
                && Double.compare(r.gradientNorm, gradientNorm) == 0 && r.passes == passes
                && Double.compare(r.seconds, seconds) == 0 && r.trials == trials
                && r.innerIterations == innerIterations && Arrays.equals(r.coefficients, coefficients)
                && Double.compare(r.testLoss, testLoss) == 0 && Double.compare(r.testAccuracy, testAccuracy) == 0
                && Double.compare(r.testSeconds, testSeconds) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Integer.hashCode(iteration) + Double.hashCode(f)) + Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        return "HistoryRow[iteration=" + iteration + ", f=" + f + ", gradientNorm=" + gradientNorm + ", passes=" + passes
                + ", seconds=" + seconds + ", trials=" + trials + ", innerIterations=" + innerIterations
                + ", coefficients=" + Arrays.toString(coefficients) + ", testLoss=" + testLoss + ", testAccuracy="
                + testAccuracy + ", testSeconds=" + testSeconds + "]";
    }
}
