package org.planesearch.bench.peers;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.planesearch.bench.problems.LinearProblem;
import smile.math.BFGS;
import smile.math.DifferentiableMultivariateFunction;

/**
 * Smile 2.6.0's logistic regression ({@code smile.classification.LogisticRegression}), which
 * minimises Σᵢ ℓᵢ + (λₛ/2)‖w‖² (a sum, intercept not penalised) by Smile's L-BFGS
 * ({@code smile.math.BFGS.minimize}, memory 5, backtracking line search).
 *
 * <p>Objective: with λₛ = n·λ the binomial model's objective is exactly n × ours, so the binary
 * problems are solved exactly as posed. The multinomial model fixes the last class's weights at
 * 0 (k − 1 weight vectors, each penalised), which is a different problem from our softmax with k
 * penalised vectors: there we evaluate our objective at Smile's solution (weights centred over
 * the classes, which only lowers our penalty), and Smile converges to a point that is not our
 * optimum.
 *
 * <p>Counting and timing: {@code LogisticRegression.binomial/multinomial} build Smile's objective
 * and call {@code BFGS.minimize(objective, 5, w, tol, maxIter)}; we make the same call on the
 * same objective object (created through its package-private constructor, which is the one
 * reflective step) wrapped in a counter, and a test checks that the weights equal those of the
 * public API bit for bit. Smile's line search calls f (one pass: X·w) at trial points and g (f
 * and ∇f in one sweep: two passes) once per accepted iterate, so every g call is an iterate: we
 * record its time, passes and a copy of w, and evaluate our objective at those copies after the
 * run (untimed). Smile has no time limit, so the iteration cap comes from a short timed run.
 */
public final class SmilePeer implements Solver {

    private static final int MEMORY = 5;
    private static final double TOLERANCE = 1e-15;

    @Override
    public String name() {
        return "Smile 2.6.0 LogisticRegression (L-BFGS)";
    }

    @Override
    public boolean peer() {
        return true;
    }

    /** Smile's inputs: dense rows and class labels 0 … k−1 (binary: 1 for +1). */
    record Data(double[][] x, int[] y, int classes) {
    }

    static Data data(LinearProblem p) {
        int n = p.rows();
        double[][] x = new double[n][p.cols()];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            p.features().row(i, x[i]);
            y[i] = p.classOf(i);
        }
        return new Data(x, y, p.classes());
    }

    /** A Smile objective wrapped in counters; records every accepted iterate. */
    static final class Counting implements DifferentiableMultivariateFunction {
        private static final long serialVersionUID = 1L;
        final transient DifferentiableMultivariateFunction inner;
        final transient List<double[]> iterates = new ArrayList<>();
        final transient List<long[]> marks = new ArrayList<>();
        long fCalls;
        long gCalls;
        long start;

        Counting(DifferentiableMultivariateFunction inner) {
            this.inner = inner;
        }

        long passes() {
            return fCalls + 2 * gCalls;
        }

        @Override
        public double f(double[] x) {
            fCalls++;
            return inner.f(x);
        }

        @Override
        public double g(double[] x, double[] gradient) {
            double v = inner.g(x, gradient);
            gCalls++;
            marks.add(new long[] {System.nanoTime() - start, passes()});
            iterates.add(x.clone());
            return v;
        }
    }

    /** Smile's objective for these data and our λ (λₛ = n·λ), as LogisticRegression builds it. */
    static DifferentiableMultivariateFunction objective(Data d, double lambda) {
        double lambdaS = d.x().length * lambda;
        try {
            if (d.classes() == 2) {
                Constructor<?> c = Class.forName("smile.classification.LogisticRegression$BinomialObjective")
                        .getDeclaredConstructor(double[][].class, int[].class, double.class);
                c.setAccessible(true);
                return (DifferentiableMultivariateFunction) c.newInstance(d.x(), d.y(), lambdaS);
            }
            Constructor<?> c = Class.forName("smile.classification.LogisticRegression$MultinomialObjective")
                    .getDeclaredConstructor(double[][].class, int[].class, int.class, double.class);
            c.setAccessible(true);
            return (DifferentiableMultivariateFunction) c.newInstance(d.x(), d.y(), d.classes(), lambdaS);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Smile's logistic-regression objective could not be created (not Smile 2.6.0?)", e);
        }
    }

    /** The length of Smile's weight vector: p + 1, or (k − 1)(p + 1). */
    static int weightLength(Data d) {
        int p1 = d.x()[0].length + 1;
        return d.classes() == 2 ? p1 : (d.classes() - 1) * p1;
    }

    /** Runs Smile's L-BFGS as LogisticRegression does; returns Smile's w (the counter records the iterates). */
    static double[] minimize(Counting f, Data d, int maxIter) {
        double[] w = new double[weightLength(d)];
        f.start = System.nanoTime();
        BFGS.minimize(f, MEMORY, w, TOLERANCE, maxIter);
        return w;
    }

    /** Our parameter vector from Smile's w. */
    static double[] ours(LinearProblem p, double[] w) {
        int d = p.cols();
        if (p.binary()) {
            return w.clone();
        }
        int k = p.classes();
        double[][] weights = new double[k][d];
        double[] intercepts = new double[k];
        for (int c = 0; c < k - 1; c++) {
            System.arraycopy(w, c * (d + 1), weights[c], 0, d);
            intercepts[c] = w[c * (d + 1) + d];
        }
        return p.fromClassScores(weights, intercepts);
    }

    @Override
    public SolverReport solve(LinearProblem p, Targets targets, double budgetSeconds) {
        Data d = data(p);
        // a short timed run (also the JIT warm-up) sizes the iteration cap to the budget
        Counting probe = new Counting(objective(d, p.lambda()));
        long t0 = System.nanoTime();
        minimize(probe, d, 5);
        double perIteration = (System.nanoTime() - t0) / 1e9 / Math.max(1, probe.gCalls - 1);
        int maxIter = (int) Math.max(20, Math.min(200_000, budgetSeconds / perIteration));

        Counting f = new Counting(objective(d, p.lambda()));
        double[] w = minimize(f, d, maxIter);
        double seconds = (System.nanoTime() - f.start) / 1e9;
        int m = f.iterates.size();
        double[] value = new double[m];
        Arrays.fill(value, Double.NaN);
        Hit[] hits = new Hit[targets.count()];
        for (int t = 0; t < hits.length; t++) {
            // first iterate at or below the target, by bisection (f of the iterates decreases)
            int lo = 0;
            int hi = m - 1;
            if (valueAt(p, f, value, hi) > targets.value(t)) {
                hits[t] = Hit.MISSED;
                continue;
            }
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (valueAt(p, f, value, mid) <= targets.value(t)) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            long[] mark = f.marks.get(lo);
            hits[t] = new Hit(true, mark[0] / 1e9, mark[1], lo);
        }
        List<TracePoint> trace = new ArrayList<>();
        for (int i : TracePoints.indices(m, 40)) {
            long[] mark = f.marks.get(i);
            trace.add(new TracePoint(mark[0] / 1e9, mark[1], valueAt(p, f, value, i)));
        }
        double finalValue = p.objective().value(ours(p, w));
        String settings = String.format(Locale.ROOT, "λₛ = n·λ = %.4g, memory %d, tol %.0e, maxIter %d (from a timed 5-iteration run)",
                d.x().length * p.lambda(), MEMORY, TOLERANCE, maxIter);
        return new SolverReport(name(), true, settings, p.binary(), hits, finalValue, f.passes(), seconds, m - 1,
                "one run; accepted iterates timed through a counting wrapper of Smile's objective", trace);
    }

    private static double valueAt(LinearProblem p, Counting f, double[] cache, int i) {
        if (Double.isNaN(cache[i])) {
            cache[i] = p.objective().value(ours(p, f.iterates.get(i)));
        }
        return cache[i];
    }
}
