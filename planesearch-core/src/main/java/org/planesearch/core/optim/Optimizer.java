package org.planesearch.core.optim;

import java.util.Optional;
import org.planesearch.core.direction.DirectionRule;
import org.planesearch.core.direction.DirectionState;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.stepsize.StepOutcome;
import org.planesearch.core.stepsize.StepRule;
import org.planesearch.core.stepsize.StepStatus;
import org.planesearch.core.stepsize.StepState;
import org.planesearch.core.subspace.EvaluationCounts;
import org.planesearch.core.subspace.SubspaceEvaluator;

/**
 * A descent method = a {@link DirectionRule} × a {@link StepRule}, run until a
 * {@link StopCriterion} fires. One iteration, with data flowing one way:
 * <pre>
 *   d ← direction(x_k, g_k)                            direction rule
 *   if d not finite, or ⟨g_k, d⟩ ≥ 0 and the step rule requires descent:   the one check
 *       reset direction state; d ← −g_k                (recorded: directionFallback)
 *   outcome ← step(evaluator, f_k, g_k, d)             step rule (searches ψ(t) = f(x_k + D t))
 *   if outcome rejected:                               (StepStatus FAILED or NON_FINITE)
 *       reset direction and step states; d ← −g_k; outcome ← step(…)   (recorded: retried)
 *       if rejected again: end with LINE_SEARCH_FAILED at x_k
 *   f_{k+1} ← evaluator.move(t, x, g)                  x_{k+1} = x_k + D t, g_{k+1}
 *   if f_{k+1} or g_{k+1} not finite: end with NON_FINITE (result holds x_k)
 *   update(s_k, y_k)   s_k = the evaluator's step (lag 1), y_k = g_{k+1} − g_k
 *   record → listeners → stop criterion
 * </pre>
 * This follows Optim.jl's {@code perform_linesearch!} (reset to −g on a non-descent direction,
 * retry once, then report a failed line search) with the step generalised from a line to a
 * subspace. A step rule that does not require a descent direction
 * ({@link StepRule#requiresDescentDirection()} false: a fixed step) receives d as it is, so that
 * heavy ball with a fixed step is Polyak's method even on iterations where the momentum points
 * uphill. An exactly zero gradient ends the run with {@link Termination#GRADIENT_NORM} whatever
 * the criterion, since no descent direction exists there.
 *
 * <p>The evaluator is created with {@code stepRule.maxDirections(layout)} columns and
 * {@code max(1, stepRule.stepMemory())} previous steps: at least one, because the curvature pair
 * uses the last step (lag 1).
 *
 * <p>Immutable and thread-safe, provided its rules are (all rules of the library are records):
 * each call of {@link #minimize} creates its own evaluator and states, so one optimizer may run
 * on several threads at once.
 */
public final class Optimizer {

    private final DirectionRule directionRule;
    private final StepRule stepRule;
    private final StopCriterion stopCriterion;
    private final TimeSource timeSource;

    /** An optimizer timed by the system's monotonic clock. No argument may be null. */
    public Optimizer(DirectionRule directionRule, StepRule stepRule, StopCriterion stopCriterion) {
        this(directionRule, stepRule, stopCriterion, TimeSource.system());
    }

    private Optimizer(DirectionRule directionRule, StepRule stepRule, StopCriterion stopCriterion, TimeSource timeSource) {
        if (directionRule == null) {
            throw new IllegalArgumentException("Optimizer: directionRule must not be null");
        }
        if (stepRule == null) {
            throw new IllegalArgumentException("Optimizer: stepRule must not be null");
        }
        if (stopCriterion == null) {
            throw new IllegalArgumentException("Optimizer: stopCriterion must not be null");
        }
        if (timeSource == null) {
            throw new IllegalArgumentException("Optimizer: timeSource must not be null");
        }
        this.directionRule = directionRule;
        this.stepRule = stepRule;
        this.stopCriterion = stopCriterion;
        this.timeSource = timeSource;
    }

    /** The same optimizer with another stop criterion. */
    public Optimizer withStopCriterion(StopCriterion criterion) {
        return new Optimizer(directionRule, stepRule, criterion, timeSource);
    }

    /** The same optimizer timed by another clock (tests use a fake one). */
    public Optimizer withTimeSource(TimeSource source) {
        return new Optimizer(directionRule, stepRule, stopCriterion, source);
    }

    public DirectionRule directionRule() {
        return directionRule;
    }

    public StepRule stepRule() {
        return stepRule;
    }

    public StopCriterion stopCriterion() {
        return stopCriterion;
    }

    /** The method as an expression, e.g. {@code lbfgs(memory=10, curvatureThreshold=1e-10) + ps}. */
    public String describe() {
        return directionRule.describe() + " + " + stepRule.describe();
    }

    /** The method and when it stops, e.g. {@code gd + lo until anyOf(gradientNorm(1e-6), maxIterations(1000))}. */
    @Override
    public String toString() {
        return describe() + " until " + stopCriterion.describe();
    }

    /**
     * Minimises the objective from x0.
     *
     * @param objective f with its layout and evaluator. Not modified (its evaluator is created here).
     * @param x0 the starting point, of length {@code objective.dimension()}, all entries finite.
     *     Not modified.
     * @param listeners receive every record, from iteration 0 on; may stop the run
     * @return the final iterate, its value and gradient norm, the costs and why the run ended
     */
    public OptimizationResult minimize(Objective objective, double[] x0, IterationListener... listeners) {
        if (objective == null) {
            throw new IllegalArgumentException("minimize: objective must not be null");
        }
        ParameterLayout layout = objective.layout();
        int n = layout.dimension();
        checkStart(x0, n);
        if (listeners == null) {
            throw new IllegalArgumentException("minimize: listeners must not be null");
        }
        for (int i = 0; i < listeners.length; i++) {
            if (listeners[i] == null) {
                throw new IllegalArgumentException("minimize: listener " + i + " is null");
            }
        }
        return new Run(objective, layout, x0, listeners).execute();
    }

    private static void checkStart(double[] x0, int n) {
        if (x0 == null) {
            throw new IllegalArgumentException("minimize: x0 must not be null");
        }
        if (x0.length != n) {
            throw new IllegalArgumentException("minimize: x0 has length " + x0.length + " but the objective's dimension is " + n);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x0[i])) {
                throw new IllegalArgumentException("minimize: x0[" + i + "] must be finite, got " + x0[i]);
            }
        }
    }

    /** The mutable state of one call of {@link #minimize}: buffers, counters, states. */
    private final class Run {
        private final SubspaceEvaluator evaluator;
        private final DirectionState directionState;
        private final StepState stepState;
        private final IterationListener[] listeners;
        private final boolean requiresDescent;
        private final long startNanos;
        /** x_k (written by the evaluator on every move). */
        private final double[] x;
        /** g_k. */
        private final double[] g;
        /** d, the direction of the iteration. */
        private final double[] d;
        /** x_{k−1}, kept so that a non-finite move can return the last finite iterate. */
        private final double[] xPrevious;
        /** g_{k−1}, then y = g_k − g_{k−1}. */
        private final double[] gPrevious;
        private double f;
        private int iteration;
        private int fallbacks;
        private int retries;
        private int cappedSteps;
        private IterationRecord previousRecord;

        Run(Objective objective, ParameterLayout layout, double[] x0, IterationListener[] listeners) {
            int n = layout.dimension();
            this.evaluator = objective.newEvaluator(stepRule.maxDirections(layout), Math.max(1, stepRule.stepMemory()));
            this.directionState = directionRule.newState(layout);
            this.stepState = stepRule.newState(layout);
            this.listeners = listeners.clone();
            this.requiresDescent = stepRule.requiresDescentDirection();
            this.x = x0.clone();
            this.g = new double[n];
            this.d = new double[n];
            this.xPrevious = new double[n];
            this.gPrevious = new double[n];
            this.startNanos = timeSource.nanoTime();
        }

        OptimizationResult execute() {
            f = evaluator.start(x, g);
            double gradientNorm = Vec.nrm2(g);
            EvaluationCounts counts = evaluator.counts();
            IterationRecord record = IterationRecord.start(f, gradientNorm, counts.functionEvaluations(),
                    counts.gradientEvaluations(), counts.dataPasses(), elapsedSeconds());
            if (!Double.isFinite(f) || !Double.isFinite(gradientNorm)) {
                notifyListeners(record);
                return result(x, f, gradientNorm, Termination.NON_FINITE);
            }
            Termination termination = finish(record);
            while (termination == null) {
                termination = iterate();
            }
            // previousRecord describes the last iterate where f and ∇f were finite: x_k, or
            // x_{k−1} (kept in xPrevious) when the last move led to a non-finite value.
            double[] xOut = termination == Termination.NON_FINITE ? xPrevious : x;
            return result(xOut, previousRecord.value(), previousRecord.gradientNorm(), termination);
        }

        /** One iteration; returns the termination or null to go on. */
        private Termination iterate() {
            boolean fallback = chooseDirection();
            StepOutcome outcome = stepState.step(evaluator, f, g, d);
            int inner = outcome.innerIterations();
            int trials = outcome.trials();
            boolean retried = !outcome.status().accepted();
            if (retried) {
                // Optim.jl's recovery: forget both histories, go along −g, try once more
                directionState.reset();
                stepState.reset();
                Vec.scale(-1.0, g, d);
                retries++;
                outcome = stepState.step(evaluator, f, g, d);
                inner += outcome.innerIterations();
                trials += outcome.trials();
                if (!outcome.status().accepted()) {
                    return Termination.LINE_SEARCH_FAILED;
                }
            }
            if (outcome.status() == StepStatus.RATE_CAPPED) {
                cappedSteps++;
            }
            boolean finite = move(outcome.coefficients());
            EvaluationCounts counts = evaluator.counts();
            IterationRecord record = new IterationRecord(iteration, f, Vec.nrm2(g), outcome.coefficients(),
                    outcome.status(), inner, trials, counts.functionEvaluations(), counts.gradientEvaluations(),
                    counts.dataPasses(), elapsedSeconds(), fallback, retried);
            if (!finite) {
                notifyListeners(record);
                return Termination.NON_FINITE;
            }
            return finish(record);
        }

        /**
         * Writes the direction rule's d, or −g when d is not finite or, for a step rule that
         * requires descent, not a descent direction (then the direction state is reset). Returns
         * whether it fell back.
         */
        private boolean chooseDirection() {
            directionState.direction(x, g, d);
            double slope = Vec.dot(g, d);
            // NaN or ±∞ anywhere in d makes the slope NaN or infinite, so this one test also
            // catches a non-finite d
            boolean usable = Double.isFinite(slope) && (slope < 0 || !requiresDescent);
            if (usable) {
                return false;
            }
            directionState.reset();
            Vec.scale(-1.0, g, d);
            fallbacks++;
            return true;
        }

        /**
         * Moves the evaluator by t and, when f and ∇f are finite there, hands the curvature pair
         * (s = the evaluator's last step, y = g_{k+1} − g_k) to the direction state. Returns
         * whether f and ∇f are finite at the new point.
         */
        private boolean move(double[] t) {
            Vec.copy(x, xPrevious);
            Vec.copy(g, gPrevious);
            f = evaluator.move(t, x, g);
            iteration++;
            if (!Double.isFinite(f) || !Vec.allFinite(g)) {
                return false;
            }
            Vec.subtract(g, gPrevious, gPrevious);
            directionState.update(evaluator.previousStep(1), gPrevious);
            return true;
        }

        /** Hands the record to the listeners, then asks the stop criterion; null means go on. */
        private Termination finish(IterationRecord record) {
            boolean goOn = notifyListeners(record);
            IterationRecord before = previousRecord;
            previousRecord = record;
            if (record.gradientNorm() == 0) {
                return Termination.GRADIENT_NORM;
            }
            Optional<Termination> stop = stopCriterion.check(before, record);
            if (stop.isPresent()) {
                return stop.get();
            }
            return goOn ? null : Termination.STOPPED_BY_LISTENER;
        }

        /** Every listener sees the record; returns false when any asked to stop. */
        private boolean notifyListeners(IterationRecord record) {
            boolean goOn = true;
            for (int i = 0; i < listeners.length; i++) {
                goOn &= listeners[i].onIteration(record);
            }
            return goOn;
        }

        private double elapsedSeconds() {
            return (timeSource.nanoTime() - startNanos) * 1e-9;
        }

        private OptimizationResult result(double[] xOut, double value, double gradientNorm, Termination termination) {
            EvaluationCounts counts = evaluator.counts();
            return new OptimizationResult(xOut, value, gradientNorm, iteration, counts.dataPasses(),
                    counts.functionEvaluations(), counts.gradientEvaluations(), counts.subspaceTrials(),
                    elapsedSeconds(), termination, fallbacks, retries, cappedSteps, evaluator.isCheap(), describe());
        }
    }
}
