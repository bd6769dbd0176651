package org.planesearch.core.optim;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.subspace.EvaluationCounts;
import org.planesearch.core.subspace.Subspace;
import org.planesearch.core.subspace.SubspaceEvaluator;

/**
 * An objective that lets {@link IterationListener}s see the iterate x_k, which
 * {@link IterationRecord} does not carry and the {@link Optimizer} keeps private. The iterate does
 * pass through the objective's {@link SubspaceEvaluator}: {@code start(x, g)} receives x₀ and
 * {@code move(t, xOut, g)} writes each accepted x_{k+1}; this decorator's evaluators copy x after
 * each start and move (n doubles per iteration, no extra evaluation) and otherwise delegate
 * everything, fast paths included. Give it to the optimizer in place of the objective:
 * <pre>
 *   TrackedObjective tracked = TrackedObjective.of(objective);
 *   optimizer.minimize(tracked, x0, record -&gt; { use(tracked.current()); return true; });
 * </pre>
 * When a listener receives the record of iteration k, {@link #current()} is x_k.
 *
 * <p>Not thread-safe; one run at a time (the view holds the last run's iterate).
 */
public final class TrackedObjective implements Objective {
    private final Objective inner;
    private double[] x;

    private TrackedObjective(Objective inner) {
        this.inner = inner;
    }

    /** A tracking decorator of the objective. */
    public static TrackedObjective of(Objective inner) {
        if (inner == null) {
            throw new IllegalArgumentException("TrackedObjective: objective must not be null");
        }
        return new TrackedObjective(inner);
    }

    /** The decorated objective. */
    public Objective inner() {
        return inner;
    }

    /**
     * The last iterate an evaluator started at or moved to, or null before any. The decorator's
     * own buffer (overwritten at the next move): read it, copy it to keep it, never modify it.
     */
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
