package org.planesearch.cli;

import java.util.ArrayList;
import java.util.List;
import org.planesearch.core.optim.StopCriterion;

/**
 * When training stops: the stop flags of {@code train}, one component per flag, composed with
 * {@link StopCriterion#anyOf} (the first that fires gives the reason).
 *
 * @param gradientTolerance stop when ‖∇f‖₂ ≤ this ({@code --grad-tol}, ≥ 0)
 * @param maxIterations stop after this many iterations ({@code --max-iter}, ≥ 0)
 * @param maxPasses stop after this many passes through the data, or 0 for no limit ({@code --max-passes})
 * @param maxSeconds stop after this much wall time, or 0 for no limit ({@code --max-seconds})
 */
record StopSpec(double gradientTolerance, int maxIterations, long maxPasses, double maxSeconds) {

    static final double DEFAULT_GRADIENT_TOLERANCE = 1e-6;
    static final int DEFAULT_MAX_ITERATIONS = 1000;

    /** Validates each value, naming its flag. */
    StopSpec {
        if (!(gradientTolerance >= 0) || Double.isInfinite(gradientTolerance)) {
            throw new UserError("--grad-tol: must be a finite number >= 0, got " + gradientTolerance);
        }
        if (maxIterations < 0) {
            throw new UserError("--max-iter: must be >= 0, got " + maxIterations);
        }
        if (maxPasses < 0) {
            throw new UserError("--max-passes: must be >= 1 (or 0 for no limit), got " + maxPasses);
        }
        if (!(maxSeconds >= 0) || Double.isInfinite(maxSeconds)) {
            throw new UserError("--max-seconds: must be a finite number > 0 (or 0 for no limit), got " + maxSeconds);
        }
    }

    /** The criterion: gradient norm, iterations, then passes and seconds when limited. */
    StopCriterion criterion() {
        List<StopCriterion> all = new ArrayList<>();
        all.add(StopCriterion.gradientNorm(gradientTolerance));
        all.add(StopCriterion.maxIterations(maxIterations));
        if (maxPasses > 0) {
            all.add(StopCriterion.maxPasses(maxPasses));
        }
        if (maxSeconds > 0) {
            all.add(StopCriterion.maxSeconds(maxSeconds));
        }
        return StopCriterion.anyOf(all.toArray(new StopCriterion[0]));
    }
}
