package org.planesearch.core.spectrum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntPredicate;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.optim.IterationListener;
import org.planesearch.core.optim.IterationRecord;
import org.planesearch.core.subspace.EvaluationCounts;
import org.planesearch.core.subspace.Subspace;
import org.planesearch.core.subspace.SubspaceEvaluator;
import org.planesearch.core.objective.SubspaceObjective;

/**
 * Tracks the top of the Hessian spectrum during training: at chosen iterations it computes
 * λ_max of ∇²f at the current iterate ({@link TopEigenvalues}, k = 1) and optionally the trace
 * ({@link HutchinsonTrace}), and records them with 2/λ_max (the largest stable step of
 * full-batch gradient descent) next to the step's coefficients (the learning rate the step rule
 * chose, and its momentum).
 *
 * <p><b>How the listener sees x.</b> {@link IterationRecord} does not carry the iterate, and the
 * optimizer keeps x private. The iterate does pass through the objective's
 * {@link SubspaceEvaluator}: {@code start(x, g)} receives x₀ and {@code move(t, xOut, g)} writes
 * each accepted x_{k+1}. So the listener hands out a decorator of the objective,
 * {@link #objective()}, whose evaluators copy x after each start and move (n doubles per
 * iteration, no extra evaluation) and otherwise delegate everything, fast paths included. Use it
 * in place of the objective:
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
    private final Tracking tracking;
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
        if (objective == null || view == null || when == null || top == null) {
            throw new IllegalArgumentException("SpectrumListener: objective, view, when and top must not be null");
        }
        this.objective = objective;
        this.view = view;
        this.when = when;
        this.top = top;
        this.trace = trace;
        this.tracking = view instanceof Tracking t ? t : null;
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
        return new SpectrumListener(objective, new Tracking(objective), when, top, trace);
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

    /** The objective decorator that copies x after each evaluator start and move. */
    private static final class Tracking implements Objective, IterateView {
        private final Objective inner;
        private double[] x;

        Tracking(Objective inner) {
            this.inner = inner;
        }

        @Override
        public double[] current() {
            return x;
        }

        private void seen(double[] point) {
            if (x == null || x.length != point.length) {
                x = point.clone();
            } else {
                System.arraycopy(point, 0, x, 0, point.length);
            }
        }

        @Override
        public ParameterLayout layout() {
            return inner.layout();
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public double value(double[] point) {
            return inner.value(point);
        }

        @Override
        public double valueAndGradient(double[] point, double[] gradOut) {
            return inner.valueAndGradient(point, gradOut);
        }

        @Override
        public void hessianTimes(double[] point, double[] v, double[] out) {
            inner.hessianTimes(point, v, out);
        }

        @Override
        public SubspaceEvaluator newEvaluator(int maxDirections, int stepMemory) {
            SubspaceEvaluator e = inner.newEvaluator(maxDirections, stepMemory);
            return new SubspaceEvaluator() {
                @Override
                public int maxDirections() {
                    return e.maxDirections();
                }

                @Override
                public int stepMemory() {
                    return e.stepMemory();
                }

                @Override
                public int availableSteps() {
                    return e.availableSteps();
                }

                @Override
                public double[] previousStep(int lag) {
                    return e.previousStep(lag);
                }

                @Override
                public double start(double[] point, double[] gradOut) {
                    double f = e.start(point, gradOut);
                    seen(point);
                    return f;
                }

                @Override
                public double currentValue() {
                    return e.currentValue();
                }

                @Override
                public SubspaceObjective restrict(Subspace subspace) {
                    return e.restrict(subspace);
                }

                @Override
                public double move(double[] t, double[] xOut, double[] gradOut) {
                    double f = e.move(t, xOut, gradOut);
                    seen(xOut);
                    return f;
                }

                @Override
                public EvaluationCounts counts() {
                    return e.counts();
                }

                @Override
                public boolean isCheap() {
                    return e.isCheap();
                }
            };
        }
    }
}
