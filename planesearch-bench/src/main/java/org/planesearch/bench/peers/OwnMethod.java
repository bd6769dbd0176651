package org.planesearch.bench.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.planesearch.bench.problems.LinearProblem;
import org.planesearch.core.optim.Method;
import org.planesearch.core.optim.MethodOptions;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.StopCriterion;

/**
 * One of Planesearch's methods, run once from w = 0 with an iteration listener that records the
 * first iteration whose f is at or below each target (seconds and data passes from the
 * optimizer's own counters) and stops the run at the last target or the budget.
 */
public final class OwnMethod implements Solver {

    private final String method;
    private final MethodOptions options;
    private final String settings;

    /** A method by name with default options (no learning rate: the step is chosen). */
    public OwnMethod(String method) {
        this(method, MethodOptions.defaults(), "defaults (nothing tuned)");
    }

    /** A method by name with the given options, described by settings. */
    public OwnMethod(String method, MethodOptions options, String settings) {
        this.method = method;
        this.options = options;
        this.settings = settings;
        Method.parse(method, options);
    }

    @Override
    public String name() {
        return "planesearch " + method;
    }

    @Override
    public boolean peer() {
        return false;
    }

    public String method() {
        return method;
    }

    @Override
    public SolverReport solve(LinearProblem p, Targets targets, double budgetSeconds) {
        // warm-up (JIT), untimed, as every peer gets one
        Method.parse(method, options).optimizer(StopCriterion.anyOf(StopCriterion.maxIterations(20), StopCriterion.maxSeconds(2)))
                .minimize(p.objective(), p.start());
        Hit[] hits = new Hit[targets.count()];
        java.util.Arrays.fill(hits, Hit.MISSED);
        List<TracePoint> trace = new ArrayList<>();
        int[] next = {0};
        OptimizationResult r = Method.parse(method, options).optimizer(StopCriterion.anyOf(StopCriterion.maxSeconds(budgetSeconds),
                StopCriterion.maxIterations(10_000_000), StopCriterion.gradientNorm(1e-12)))
                .minimize(p.objective(), p.start(), rec -> {
                    trace.add(new TracePoint(rec.elapsedSeconds(), rec.dataPasses(), rec.value()));
                    while (next[0] < hits.length && rec.value() <= targets.value(next[0])) {
                        hits[next[0]] = new Hit(true, rec.elapsedSeconds(), rec.dataPasses(), rec.iteration());
                        next[0]++;
                    }
                    return next[0] < hits.length;
                });
        return new SolverReport(name(), false, settings, true, hits, r.value(), r.dataPasses(), r.elapsedSeconds(),
                r.iterations(), "one run after a 20-iteration warm-up, iteration listener", trace);
    }

    /**
     * The best of a grid of fixed learning rates (c/L̂ for c in multipliers, L̂ the problem's
     * smoothness bound) for {@code gd+fixed} or {@code heavyball+fixed} (β = 0.9): each grid point
     * runs with a quarter of the budget; the winner (most targets reached, then fastest to the
     * hardest of them, then lowest final f) is reported with its run. Tuning time is not counted.
     */
    public static SolverReport tunedFixed(String method, double[] multipliers, LinearProblem p, Targets targets,
            double budgetSeconds) {
        double lHat = p.smoothnessBound();
        SolverReport best = null;
        StringBuilder tried = new StringBuilder();
        for (double c : multipliers) {
            double lr = c / lHat;
            MethodOptions o = MethodOptions.defaults().withLearningRate(lr);
            if (method.startsWith("heavyball")) {
                o = o.withMomentum(0.9);
            }
            String settings = String.format(Locale.ROOT, "lr = %.4g (%s/L̂)%s", lr, fmt(c), method.startsWith("heavyball") ? ", β = 0.9" : "");
            SolverReport r = new OwnMethod(method, o, settings).solve(p, targets, budgetSeconds / 4);
            tried.append(tried.length() == 0 ? "" : ", ").append(fmt(c));
            if (best == null || better(r, best)) {
                best = r;
            }
        }
        String settings = best.settings() + "; best of lr = c/L̂, c ∈ {" + tried + "}, L̂ = "
                + String.format(Locale.ROOT, "%.4g", lHat) + " (tuning runs not counted)";
        return new SolverReport(best.solver(), false, settings, true, best.hits(), best.finalValue(), best.finalPasses(),
                best.finalSeconds(), best.iterations(), best.timing(), best.trace());
    }

    private static boolean better(SolverReport a, SolverReport b) {
        int ra = reached(a);
        int rb = reached(b);
        if (ra != rb) {
            return ra > rb;
        }
        if (ra > 0 && a.hit(ra - 1).seconds() != b.hit(rb - 1).seconds()) {
            return a.hit(ra - 1).seconds() < b.hit(rb - 1).seconds();
        }
        return a.finalValue() < b.finalValue() || Double.isNaN(b.finalValue());
    }

    private static int reached(SolverReport r) {
        int k = 0;
        while (k < r.hits().length && r.hit(k).reached()) {
            k++;
        }
        return k;
    }

    private static String fmt(double c) {
        return c == Math.rint(c) ? String.valueOf((long) c) : String.valueOf(c);
    }
}
