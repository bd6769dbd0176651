package org.planesearch.core.testing;

import java.util.Arrays;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.subspace.GenericSubspaceEvaluator;
import org.planesearch.core.subspace.SubspaceEvaluator;

/**
 * Test fixture: an objective that injects NaN or ±∞ into another one's values, gradients or
 * Hessian-vector products, to check the documented fallbacks of the step rules and the optimizer.
 *
 * <p>A fault strikes an evaluation when its {@link Trigger} says so: once, at the k-th evaluation
 * (counting the calls of {@code value} and {@code valueAndGradient} from 0, and for
 * {@link Fault#HESSIAN_NAN} those of {@code hessianTimes} too); at every evaluation from the k-th on; or wherever ‖x − center‖ &gt; radius (a region where
 * the model overflows, as trial points far along a long direction do). What it writes is given by
 * the {@link Fault}. Everything else is the wrapped objective's. Its evaluator is a
 * {@link GenericSubspaceEvaluator}, so every trial goes through this object. Not thread-safe.
 */
public final class FaultyObjective implements Objective {

    /** What an injected fault writes. */
    public enum Fault {
        /** f = NaN (the gradient is left as computed). */
        VALUE_NAN,
        /** f = +∞. */
        VALUE_INFINITE,
        /** one gradient entry NaN (f as computed). */
        GRADIENT_NAN,
        /** one gradient entry −∞. */
        GRADIENT_INFINITE,
        /** f and every gradient entry NaN. */
        ALL_NAN,
        /** one entry of a Hessian-vector product NaN (values and gradients clean). */
        HESSIAN_NAN
    }

    /** When a fault strikes. */
    public enum Trigger {
        /** Once, at evaluation k. */
        ONCE,
        /** At every evaluation from k on. */
        FROM,
        /** Wherever ‖x − center‖ &gt; radius. */
        OUTSIDE
    }

    private final Objective inner;
    private final Fault fault;
    private final Trigger trigger;
    private final long k;
    private final double[] center;
    private final double radius;
    private long evaluations;
    private long injected;

    private FaultyObjective(Objective inner, Fault fault, Trigger trigger, long k, double[] center, double radius) {
        this.inner = inner;
        this.fault = fault;
        this.trigger = trigger;
        this.k = k;
        this.center = center == null ? null : center.clone();
        this.radius = radius;
    }

    /** Faults at evaluation k only (ONCE) or from it on (FROM). */
    public static FaultyObjective at(Objective inner, Fault fault, Trigger trigger, long k) {
        if (trigger == Trigger.OUTSIDE) {
            throw new IllegalArgumentException("OUTSIDE needs a center and a radius");
        }
        return new FaultyObjective(inner, fault, trigger, k, null, 0);
    }

    /** Faults wherever ‖x − center‖ &gt; radius. */
    public static FaultyObjective outside(Objective inner, Fault fault, double[] center, double radius) {
        return new FaultyObjective(inner, fault, Trigger.OUTSIDE, 0, center, radius);
    }

    /** How many evaluations were faulted. */
    public long injected() {
        return injected;
    }

    /** Evaluations so far. */
    public long evaluations() {
        return evaluations;
    }

    /** The wrapped, clean objective. */
    public Objective clean() {
        return inner;
    }

    private boolean strikes(double[] x) {
        long e = evaluations++;
        boolean hit = switch (trigger) {
            case ONCE -> e == k;
            case FROM -> e >= k;
            case OUTSIDE -> {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                    double d = x[i] - center[i];
                    s += d * d;
                }
                yield !(Math.sqrt(s) <= radius);
            }
        };
        if (hit) {
            injected++;
        }
        return hit;
    }

    @Override
    public ParameterLayout layout() {
        return inner.layout();
    }

    @Override
    public SubspaceEvaluator newEvaluator(int maxDirections, int stepMemory) {
        return new GenericSubspaceEvaluator(this, layout(), maxDirections, stepMemory);
    }

    @Override
    public double value(double[] x) {
        double f = inner.value(x);
        if (strikes(x)) {
            return switch (fault) {
                case VALUE_NAN, ALL_NAN -> Double.NaN;
                case VALUE_INFINITE -> Double.POSITIVE_INFINITY;
                default -> f;
            };
        }
        return f;
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradOut) {
        double f = inner.valueAndGradient(x, gradOut);
        if (strikes(x)) {
            switch (fault) {
                case VALUE_NAN -> f = Double.NaN;
                case VALUE_INFINITE -> f = Double.POSITIVE_INFINITY;
                case GRADIENT_NAN -> gradOut[gradOut.length / 2] = Double.NaN;
                case GRADIENT_INFINITE -> gradOut[0] = Double.NEGATIVE_INFINITY;
                case ALL_NAN -> {
                    f = Double.NaN;
                    Arrays.fill(gradOut, Double.NaN);
                }
                default -> {
                }
            }
        }
        return f;
    }

    @Override
    public void hessianTimes(double[] x, double[] v, double[] out) {
        inner.hessianTimes(x, v, out);
        if (fault == Fault.HESSIAN_NAN && strikes(x)) {
            out[out.length - 1] = Double.NaN;
        }
    }
}
