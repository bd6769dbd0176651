package org.planesearch.core.spectrum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntPredicate;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.optim.IterationListener;
import org.planesearch.core.optim.IterationRecord;
import org.planesearch.core.optim.TrackedObjective;

/**
 * Tracks the top of the Hessian spectrum during training: at chosen iterations it computes
 * λ_max of ∇²f at the current iterate ({@link TopEigenvalues}, k = 1) and optionally the trace
 * ({@link HutchinsonTrace}), and records them with 2/λ_max (the largest stable step of
 * full-batch gradient descent) next to the step's coefficients (the learning rate the step rule
 * chose, and its momentum).
 *
 * <p><b>How the listener sees x.</b> {@link IterationRecord} does not carry the iterate, so the
 * listener hands out a {@link TrackedObjective} decorator of the objective, {@link #objective()},
 * whose evaluators copy x after each start and move (n doubles per iteration, no extra
 * evaluation). Use it in place of the objective:
 * <pre>
 *   SpectrumListener spectrum = SpectrumListener.every(objective, 10);
 *   optimizer.minimize(spectrum.objective(), x0, spectrum);
 *   spectrum.samples();        // (iteration, λ_max, 2/λ_max, coefficients, trace, products)
 * </pre>
 * A run with the undecorated objective is an error at the first sampled iteration
 * ({@link IllegalStateException}). Callers that hold the iterate themselves can skip the
 * decorator with {@link #SpectrumListener(Objective, IterateView, IntPredicate, TopEigenvalues, HutchinsonTrace)}.
 * The Hessian products use the undecorated objective.
 *
 * <p><b>Cost</b> per sample: the products of one {@link TopEigenvalues} run (about 20–60 for a
 * well separated λ_max) plus the trace's samples; each is about two passes over the data.
 *
 * <p>Not thread-safe; one listener per run (the view holds the last run's iterate).
 */
public final class SpectrumListener implements IterationListener {

    /** Where the listener reads the current iterate x_k (length n; not modified, copied when needed). */
    @FunctionalInterface
    public interface IterateView {
        /** The current iterate, or null when none is known yet. */
        double[] current();
    }

    /**
     * One sample.
     *
     * @param iteration k
     * @param lambdaMax λ_max(∇²f(x_k)) (NaN when the products were not finite)
     * @param stableStep 2/λ_max
     * @param coefficients the step's coefficients of iteration k (empty at iteration 0)
     * @param trace the Hutchinson estimate of tr ∇²f(x_k), NaN when not asked for
     * @param traceStandardError its standard error, NaN when not asked for
     * @param products Hessian-vector products spent on this sample
     */
    public record Sample(int iteration, double lambdaMax, double stableStep, double[] coefficients, double trace,
            double traceStandardError, long products) {
        public Sample {
            coefficients = coefficients.clone();
        }

        @Override
        public double[] coefficients() {
            return coefficients.clone();
        }
    }

    private final Objective objective;
    private final IterateView view;
    private final IntPredicate when;
    private final TopEigenvalues top;
    private final HutchinsonTrace trace;
    private final TrackedObjective tracking;
    private final List<Sample> samples = new ArrayList<>();

    /**
     * A listener that reads x through the given view.
     *
     * @param objective f, whose Hessian is analysed
     * @param view the current iterate
     * @param when the iterations to sample (k ≥ 0)
     * @param top the eigenvalue settings; only the first (largest) value is recorded
     * @param trace the trace settings, or null for no trace
     */
    public SpectrumListener(Objective objective, IterateView view, IntPredicate when, TopEigenvalues top,
            HutchinsonTrace trace) {
        this(objective, view, when, top, trace, null);
    }

    private SpectrumListener(Objective objective, IterateView view, IntPredicate when, TopEigenvalues top,
            HutchinsonTrace trace, TrackedObjective tracking) {
        if (objective == null || view == null || when == null || top == null) {
            throw new IllegalArgumentException("SpectrumListener: objective, view, when and top must not be null");
        }
        this.objective = objective;
        this.view = view;
        this.when = when;
        this.top = top;
        this.trace = trace;
        this.tracking = tracking;
    }

    /**
     * A listener that samples every {@code period} iterations (k = 0, period, 2·period, …), λ_max
     * only (tolerance 1e-8), reading x through {@link #objective()}.
     */
    public static SpectrumListener every(Objective objective, int period) {
        if (period < 1) {
            throw new IllegalArgumentException("SpectrumListener: period must be >= 1, got " + period);
        }
        return tracking(objective, k -> k % period == 0, TopEigenvalues.defaults(), null);
    }

    /** A listener that samples the given iterations, λ_max only, reading x through {@link #objective()}. */
    public static SpectrumListener at(Objective objective, int... iterations) {
        int[] at = iterations.clone();
        return tracking(objective, k -> {
            for (int a : at) {
                if (a == k) {
                    return true;
                }
            }
            return false;
        }, TopEigenvalues.defaults(), null);
    }

    /** A listener reading x through {@link #objective()}, with the given schedule and settings (trace: may be null). */
    public static SpectrumListener tracking(Objective objective, IntPredicate when, TopEigenvalues top,
            HutchinsonTrace trace) {
        if (objective == null) {
            throw new IllegalArgumentException("SpectrumListener: objective must not be null");
        }
        TrackedObjective tracked = TrackedObjective.of(objective);
        return new SpectrumListener(objective, tracked::current, when, top, trace, tracked);
    }

    /**
     * The objective to give the optimizer: the same function whose evaluators report x to this
     * listener. The objective itself when the listener was built with an {@link IterateView}.
     */
    public Objective objective() {
        return tracking == null ? objective : tracking;
    }

    @Override
    public boolean onIteration(IterationRecord record) {
        if (!when.test(record.iteration())) {
            return true;
        }
        double[] x = view.current();
        if (x == null) {
            throw new IllegalStateException("SpectrumListener: no iterate seen; pass SpectrumListener.objective() to "
                    + "the optimizer in place of the objective");
        }
        CountingOperator op = SymmetricOperator.counting(SymmetricOperator.hessianAt(objective, x));
        Eigenpairs eig = top.largest(op);
        double lambda = eig.values().length == 0 ? Double.NaN : eig.values()[0];
        double tr = Double.NaN;
        double se = Double.NaN;
        if (trace != null) {
            TraceEstimate t = trace.estimate(op);
            tr = t.estimate();
            se = t.standardError();
        }
        samples.add(new Sample(record.iteration(), lambda, 2 / lambda, record.coefficients(), tr, se,
                op.applications()));
        return true;
    }

    /** The samples so far, in iteration order. */
    public List<Sample> samples() {
        return Collections.unmodifiableList(samples);
    }
}
