package org.planesearch.bench.paper;

import java.util.List;
import org.planesearch.core.optim.OptimizationResult;

/**
 * One run of the protocol: the method as specified (e.g. {@code heavyball+fixed}), the label
 * of this grid point (e.g. {@code heavyball+fixed lr=4/L̂ β=0.9}), and its history: per
 * iteration {passes, seconds, f, ‖∇f‖, first step coefficient}.
 */
record PaperRun(String method, String label, List<double[]> points, OptimizationResult result) {

    static final int PASSES = 0;
    static final int SECONDS = 1;
    static final int VALUE = 2;
    static final int GRADIENT = 3;
    /** Index of the first step coefficient; the others follow (per-layer rules: one (learning, momentum) pair per layer). */
    static final int STEP = 4;

    double finalValue() {
        return points.get(points.size() - 1)[VALUE];
    }

    long finalPasses() {
        return (long) points.get(points.size() - 1)[PASSES];
    }

    /** f after at most the given passes (the last point at or before it). */
    double valueAtPasses(double passes) {
        double f = Double.NaN;
        for (double[] q : points) {
            if (q[PASSES] <= passes) {
                f = q[VALUE];
            }
        }
        return f;
    }

    /** Passes to the first point with f ≤ target, or +∞. */
    double passesTo(double target) {
        for (double[] q : points) {
            if (q[VALUE] <= target) {
                return q[PASSES];
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Data passes per iteration after the start (the start's own passes excluded). */
    double passesPerIteration() {
        if (points.size() < 2) {
            return Double.NaN;
        }
        return (points.get(points.size() - 1)[PASSES] - points.get(0)[PASSES]) / (points.size() - 1);
    }

    /** The median of the first step coefficient over the iterations (the step size of a line rule). */
    double medianStep() {
        double[] s = new double[points.size() - 1];
        for (int i = 1; i < points.size(); i++) {
            s[i - 1] = points.get(i)[STEP];
        }
        java.util.Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[s.length / 2];
    }
}
