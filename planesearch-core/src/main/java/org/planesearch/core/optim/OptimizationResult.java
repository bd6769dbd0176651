package org.planesearch.core.optim;

import java.util.Arrays;

/**
 * The outcome of one {@link Optimizer#minimize} run.
 *
 * <p>Which iterate it holds: the last accepted one, except after {@link Termination#NON_FINITE}
 * following a step, where it holds the last iterate at which f and ∇f were both finite (the
 * step before), and after {@link Termination#LINE_SEARCH_FAILED}, where nothing moved in the
 * failed iteration. Immutable and thread-safe (x is copied in and out).
 *
 * @param x the iterate (see above)
 * @param value f(x)
 * @param gradientNorm ‖∇f(x)‖₂
 * @param iterations iterations performed, that is, accepted steps (including a last step that
 *     led to a non-finite value)
 * @param dataPasses passes through the data, in total
 * @param functionEvaluations full evaluations of f, in total
 * @param gradientEvaluations full evaluations of ∇f, in total
 * @param trials evaluations of the subspace objective ψ, in total (including failed searches)
 * @param elapsedSeconds wall time of the run
 * @param termination why the run ended
 * @param directionFallbacks iterations in which the direction was not a finite descent
 *     direction and −g was used
 * @param retries iterations in which the step was rejected and retried along −g (including a
 *     last retry that failed)
 * @param cappedSteps iterations whose per-layer step had a runaway layer rate capped
 *     ({@link org.planesearch.core.stepsize.StepStatus#RATE_CAPPED})
 * @param isCheap whether the evaluator was SO-friendly (ψ in O(n·k)) or evaluated f in full
 * @param optimizer the optimizer's description, e.g. {@code lbfgs(memory=10, curvatureThreshold=1e-10) + ps}
 */
public record OptimizationResult(
        double[] x,
        double value,
        double gradientNorm,
        int iterations,
        long dataPasses,
        long functionEvaluations,
        long gradientEvaluations,
        long trials,
        double elapsedSeconds,
        Termination termination,
        int directionFallbacks,
        int retries,
        int cappedSteps,
        boolean isCheap,
        String optimizer) {

    public OptimizationResult {
        if (x == null) {
            throw new IllegalArgumentException("OptimizationResult: x must not be null");
        }
        if (termination == null) {
            throw new IllegalArgumentException("OptimizationResult: termination must not be null");
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("OptimizationResult: optimizer must not be null");
        }
        x = x.clone();
    }

    /** A copy of the iterate. */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** True unless the run ended in a failure ({@link Termination#isFailure()}). */
    public boolean succeeded() {
        return !termination.isFailure();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptimizationResult r && Arrays.equals(r.x, x)
                && Double.compare(r.value, value) == 0 && Double.compare(r.gradientNorm, gradientNorm) == 0
                && r.iterations == iterations && r.dataPasses == dataPasses
                && r.functionEvaluations == functionEvaluations && r.gradientEvaluations == gradientEvaluations
                && r.trials == trials && Double.compare(r.elapsedSeconds, elapsedSeconds) == 0
                && r.termination == termination && r.directionFallbacks == directionFallbacks
                && r.retries == retries && r.cappedSteps == cappedSteps && r.isCheap == isCheap && r.optimizer.equals(optimizer);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(x) + Double.hashCode(value)) + termination.hashCode();
    }

    @Override
    public String toString() {
        return optimizer + ": " + termination + " after " + iterations + " iterations, f=" + value
                + ", |g|=" + gradientNorm + ", passes=" + dataPasses + ", f evals=" + functionEvaluations
                + ", g evals=" + gradientEvaluations + ", trials=" + trials + ", fallbacks=" + directionFallbacks
                + ", retries=" + retries + ", capped=" + cappedSteps + ", " + (isCheap ? "cheap" : "generic") + " evaluator, "
                + elapsedSeconds + " s";
    }
}
