package org.planesearch.core.optim;

import org.planesearch.core.text.Numbers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * When to stop: checked after every iteration (and at the starting point) on the iteration's
 * record and the one before. Criteria are typed, validated records that compose with
 * {@link #anyOf} or {@link #or}; the first criterion (in order) that fires gives the
 * {@link Termination}.
 *
 * <ul>
 *   <li>{@link GradientNorm}: ‖∇f(x_k)‖₂ ≤ tolerance → {@link Termination#GRADIENT_NORM}
 *       (also checked at the starting point);</li>
 *   <li>{@link RelativeDecrease}: |f_{k−1} − f_k| ≤ tolerance · max(1, |f_{k−1}|) →
 *       {@link Termination#SMALL_DECREASE} (from iteration 1 on);</li>
 *   <li>{@link MaxIterations}: k ≥ iterations → {@link Termination#MAX_ITERATIONS};</li>
 *   <li>{@link MaxPasses}: passes through the data ≥ passes → {@link Termination#MAX_PASSES};</li>
 *   <li>{@link MaxSeconds}: elapsed wall time ≥ seconds → {@link Termination#MAX_TIME} (the time
 *       comes from the optimizer's {@link TimeSource}).</li>
 * </ul>
 * A criterion with no budget (a gradient tolerance alone) may run forever on a problem it never
 * meets; combine it with {@link MaxIterations}. Immutable and thread-safe.
 */
public interface StopCriterion {

    /**
     * The reason to stop after the iteration {@code current}, or empty to go on.
     *
     * @param previous the record of the iteration before, null at the starting point
     * @param current the record of the iteration just completed
     */
    Optional<Termination> check(IterationRecord previous, IterationRecord current);

    /** The criterion as an expression, e.g. {@code anyOf(gradientNorm(1e-6), maxIterations(1000))}. */
    String describe();

    /** This criterion or the other: {@code anyOf(this, other)}. */
    default StopCriterion or(StopCriterion other) {
        return anyOf(this, other);
    }

    /** ‖∇f‖₂ ≤ 1e-6, or a relative decrease ≤ 1e-12, or 1000 iterations. */
    static StopCriterion defaults() {
        return anyOf(gradientNorm(1e-6), relativeDecrease(1e-12), maxIterations(1000));
    }

    /** Stop when ‖∇f(x_k)‖₂ ≤ tolerance (tolerance ≥ 0, finite). */
    static StopCriterion gradientNorm(double tolerance) {
        return new GradientNorm(tolerance);
    }

    /** Stop when |f_{k−1} − f_k| ≤ tolerance · max(1, |f_{k−1}|) (tolerance ≥ 0, finite). */
    static StopCriterion relativeDecrease(double tolerance) {
        return new RelativeDecrease(tolerance);
    }

    /** Stop after the given number of iterations (≥ 0; 0 stops at the starting point). */
    static StopCriterion maxIterations(int iterations) {
        return new MaxIterations(iterations);
    }

    /** Stop once the data has been read the given number of times (≥ 0). */
    static StopCriterion maxPasses(long passes) {
        return new MaxPasses(passes);
    }

    /** Stop once the given wall time has elapsed (seconds ≥ 0, finite). */
    static StopCriterion maxSeconds(double seconds) {
        return new MaxSeconds(seconds);
    }

    /** Stop when any of the criteria fires; the first in this order gives the reason. */
    static StopCriterion anyOf(StopCriterion... criteria) {
        if (criteria == null) {
            throw new IllegalArgumentException("anyOf: criteria must not be null");
        }
        return new AnyOf(Arrays.asList(criteria));
    }

    private static String number(double v) {
        return Numbers.shortest(v);
    }

    /** ‖∇f(x_k)‖₂ ≤ tolerance. @param tolerance the absolute gradient-norm tolerance, ≥ 0 and finite */
    record GradientNorm(double tolerance) implements StopCriterion {
        public GradientNorm {
            if (!(tolerance >= 0 && tolerance < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("gradientNorm: tolerance must be finite and >= 0, got " + tolerance);
            }
        }

        @Override
        public Optional<Termination> check(IterationRecord previous, IterationRecord current) {
            return current.gradientNorm() <= tolerance ? Optional.of(Termination.GRADIENT_NORM) : Optional.empty();
        }

        @Override
        public String describe() {
            return "gradientNorm(" + number(tolerance) + ")";
        }
    }

    /**
     * |f_{k−1} − f_k| ≤ tolerance · max(1, |f_{k−1}|): a relative test for |f| ≥ 1, an absolute
     * one below, so that it also works when f* = 0. Never fires at the starting point.
     * Non-monotone methods (fixed steps with momentum) may meet it on an iteration where f
     * rises and falls back; use a smaller tolerance there.
     *
     * @param tolerance ≥ 0 and finite
     */
    record RelativeDecrease(double tolerance) implements StopCriterion {
        public RelativeDecrease {
            if (!(tolerance >= 0 && tolerance < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("relativeDecrease: tolerance must be finite and >= 0, got " + tolerance);
            }
        }

        @Override
        public Optional<Termination> check(IterationRecord previous, IterationRecord current) {
            if (previous == null) {
                return Optional.empty();
            }
            double before = previous.value();
            return Math.abs(before - current.value()) <= tolerance * Math.max(1.0, Math.abs(before))
                    ? Optional.of(Termination.SMALL_DECREASE) : Optional.empty();
        }

        @Override
        public String describe() {
            return "relativeDecrease(" + number(tolerance) + ")";
        }
    }

    /** k ≥ iterations. @param iterations the iteration budget, ≥ 0 */
    record MaxIterations(int iterations) implements StopCriterion {
        public MaxIterations {
            if (iterations < 0) {
                throw new IllegalArgumentException("maxIterations: iterations must be >= 0, got " + iterations);
            }
        }

        @Override
        public Optional<Termination> check(IterationRecord previous, IterationRecord current) {
            return current.iteration() >= iterations ? Optional.of(Termination.MAX_ITERATIONS) : Optional.empty();
        }

        @Override
        public String describe() {
            return "maxIterations(" + iterations + ")";
        }
    }

    /**
     * Cumulative passes through the data ≥ passes. The check follows an iteration, so the last
     * iteration may go past the budget by one iteration's passes.
     *
     * @param passes the budget, ≥ 0
     */
    record MaxPasses(long passes) implements StopCriterion {
        public MaxPasses {
            if (passes < 0) {
                throw new IllegalArgumentException("maxPasses: passes must be >= 0, got " + passes);
            }
        }

        @Override
        public Optional<Termination> check(IterationRecord previous, IterationRecord current) {
            return current.dataPasses() >= passes ? Optional.of(Termination.MAX_PASSES) : Optional.empty();
        }

        @Override
        public String describe() {
            return "maxPasses(" + passes + ")";
        }
    }

    /**
     * Elapsed wall time ≥ seconds, as measured by the optimizer's {@link TimeSource}. Checked
     * after each iteration, so the run may exceed the budget by one iteration.
     *
     * @param seconds the budget, ≥ 0 and finite
     */
    record MaxSeconds(double seconds) implements StopCriterion {
        public MaxSeconds {
            if (!(seconds >= 0 && seconds < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("maxSeconds: seconds must be finite and >= 0, got " + seconds);
            }
        }

        @Override
        public Optional<Termination> check(IterationRecord previous, IterationRecord current) {
            return current.elapsedSeconds() >= seconds ? Optional.of(Termination.MAX_TIME) : Optional.empty();
        }

        @Override
        public String describe() {
            return "maxSeconds(" + number(seconds) + ")";
        }
    }

    /**
     * The first of the criteria, in order, that fires. Nested {@code anyOf}s are flattened.
     *
     * @param criteria at least one, none null (copied)
     */
    record AnyOf(List<StopCriterion> criteria) implements StopCriterion {
        public AnyOf {
            if (criteria == null || criteria.isEmpty()) {
                throw new IllegalArgumentException("anyOf: needs at least one criterion, got " + criteria);
            }
            List<StopCriterion> flat = new ArrayList<>();
            for (int i = 0; i < criteria.size(); i++) {
                StopCriterion c = criteria.get(i);
                if (c == null) {
                    throw new IllegalArgumentException("anyOf: criterion " + i + " is null");
                }
                if (c instanceof AnyOf nested) {
                    flat.addAll(nested.criteria());
                } else {
                    flat.add(c);
                }
            }
            criteria = Collections.unmodifiableList(flat);
        }

        @Override
        public Optional<Termination> check(IterationRecord previous, IterationRecord current) {
            for (int i = 0; i < criteria.size(); i++) {
                Optional<Termination> t = criteria.get(i).check(previous, current);
                if (t.isPresent()) {
                    return t;
                }
            }
            return Optional.empty();
        }

        @Override
        public String describe() {
            StringBuilder b = new StringBuilder("anyOf(");
            for (int i = 0; i < criteria.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(criteria.get(i).describe());
            }
            return b.append(')').toString();
        }
    }
}
