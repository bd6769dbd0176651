package org.planesearch.bench.paper;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.planesearch.bench.endtoend.ScaledDirection;
import org.planesearch.bench.problems.LinearProblem;
import org.planesearch.bench.problems.Optima;
import org.planesearch.bench.report.Plots;
import org.planesearch.core.linalg.Backend;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.optim.Method;
import org.planesearch.core.optim.MethodOptions;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.StopCriterion;
import org.planesearch.data.Dataset;
import org.planesearch.data.LabelMap;
import org.planesearch.data.LabelTask;
import org.planesearch.data.fetch.Mnist;
import org.planesearch.models.network.Activation;
import org.planesearch.models.network.NetworkModel;
import org.planesearch.models.network.OutputLoss;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The paper's experiment protocol (spec §3, "Reproduction protocol we propose") as one command:
 * every method of the spec's list, full batch, float64, from the same start, on the linear
 * problems (L2-logistic: breast cancer, agaricus, the 10⁶ × 100 synthetic set; softmax: Letter,
 * MNIST, Fashion-MNIST) and on two-layer tanh networks (MNIST, Fashion-MNIST, 784 → 100 → 10),
 * each with a budget of data passes and a time cap per run; plots of f − f* against passes and
 * seconds; and the spec's seven reproduction checks answered yes or no with their figures
 * ({@link Checks}).
 *
 * <p>f*: for the linear problems the cached long L-BFGS run ({@link Optima}); for the networks
 * (non-convex) the lowest f any method of this run reached, so their gaps compare methods of
 * this run only.
 */
@Command(name = "so-paper", mixinStandardHelpOptions = true,
        description = "The subspace-optimization paper's protocol: every method of spec §3 on six data sets and two networks, plots and the seven checks.")
public final class SoPaper implements Callable<Integer> {

    /**
     * Passes budget and time cap (seconds) of one run, per problem. On a quiet machine the passes
     * bind; the caps bound the whole command on a busy one: 32 runs per linear problem and 7 per
     * network give at most 32·34 + 7·30 s ≈ 22 min of runs (f* cached).
     */
    static final Map<String, double[]> BUDGETS = new LinkedHashMap<>();

    static {
        BUDGETS.put("breast-cancer", new double[] {600, 3});
        BUDGETS.put("agaricus", new double[] {600, 3});
        BUDGETS.put("letter", new double[] {400, 6});
        BUDGETS.put("mnist", new double[] {150, 8});
        BUDGETS.put("fashion-mnist", new double[] {150, 8});
        BUDGETS.put("synthetic", new double[] {100, 6});
        BUDGETS.put("mnist-mlp100", new double[] {60, 15});
        BUDGETS.put("fashion-mlp100", new double[] {60, 15});
    }

    /** Fixed learning rates of GD and GD+M: c/L̂ for these c (L̂ the problem's smoothness bound). */
    static final double[] GD_GRID = {1, 4, 16, 64};
    static final double[] HB_GRID = {1, 4, 16};
    static final double[] HB_MOMENTUM = {0.5, 0.9, 0.99};
    static final double[] ADAM_GRID = {1e-4, 1e-3, 1e-2, 1e-1, 1};
    /** Base learning rates (direction scales) of Adam+LO and Adam+SO for check 5; 1 is the plain run. */
    static final double[] ADAM_SCALES = {1e-3, 1e3};

    @Option(names = "--problems", split = ",", defaultValue = "breast-cancer,agaricus,letter,mnist,fashion-mnist,synthetic")
    List<String> problems;

    @Option(names = "--networks", split = ",", defaultValue = "mnist-mlp100,fashion-mlp100",
            description = "two-layer networks (per-layer SO); empty for none")
    List<String> networks;

    @Option(names = "--cache", defaultValue = "data-cache")
    Path cache;

    @Option(names = "--lambda", defaultValue = "1e-4")
    double lambda;

    @Option(names = "--budget-scale", defaultValue = "1", description = "multiplies every passes budget and time cap (smoke runs)")
    double budgetScale;

    @Option(names = "--optima", defaultValue = "docs/benchmarks/optima.csv")
    Path optima;

    @Option(names = "--out-dir", defaultValue = "docs/benchmarks/so-paper")
    Path outDir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SoPaper()).execute(args));
    }

    /** The runs of one problem. */
    record ProblemRuns(String problem, boolean network, double fStar, String fStarSource, double budgetPasses,
                       List<PaperRun> runs, double seconds) {
        List<PaperRun> of(String method) {
            List<PaperRun> out = new ArrayList<>();
            for (PaperRun r : runs) {
                if (r.method().equals(method)) {
                    out.add(r);
                }
            }
            return out;
        }

        PaperRun one(String label) {
            for (PaperRun r : runs) {
                if (r.label().equals(label)) {
                    return r;
                }
            }
            return null;
        }
    }

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(outDir);
        long start = System.nanoTime();
        String machine = String.format(Locale.ROOT, "%d processors, backend %s, %d threads, %s %s, %s",
                Runtime.getRuntime().availableProcessors(), Backend.current().describe(), Backend.threads(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), LocalDate.now());
        System.out.println(machine);
        List<ProblemRuns> all = new ArrayList<>();
        for (String name : problems) {
            long t0 = System.nanoTime();
            try (LinearProblem p = LinearProblem.load(name, cache, lambda)) {
                Optima.Optimum opt = new Optima(optima, 600).of(p);
                double[] budget = budget(name);
                System.out.printf(Locale.ROOT, "%n%s (%s): f* = %.15g, budget %.0f passes / %.0f s per run%n", name, p.description(),
                        opt.value(), budget[0], budget[1]);
                List<PaperRun> runs = linearRuns(p, opt.value(), budget);
                ProblemRuns pr = new ProblemRuns(name, false, opt.value(), String.format(Locale.ROOT,
                        "%s, %d iterations, ‖∇f‖ = %.2e (docs/benchmarks/optima.csv)", opt.method(), opt.iterations(),
                        opt.gradientNorm()), budget[0], runs, (System.nanoTime() - t0) / 1e9);
                all.add(pr);
                write(pr, p.description());
            }
        }
        for (String name : networks) {
            if (name.isBlank()) {
                continue;
            }
            long t0 = System.nanoTime();
            double[] budget = budget(name);
            try (Dataset ds = Mnist.load(cache, name.startsWith("fashion") ? "fashion-mnist" : "mnist", Mnist.Part.TRAIN, false)) {
                LabelMap map = LabelMap.fit(LabelTask.MULTICLASS, ds.labels());
                NetworkModel model = NetworkModel.of(new int[] {ds.cols(), 100, map.numClasses()}, Activation.TANH,
                        OutputLoss.SOFTMAX_CROSS_ENTROPY);
                Objective f = model.objective(ds.features(), map.targets(ds.labels()), lambda);
                double[] w0 = model.initialize(1);
                System.out.printf(Locale.ROOT, "%n%s: 784 → 100 → 10 tanh, budget %.0f passes / %.0f s per run%n", name, budget[0], budget[1]);
                List<PaperRun> runs = networkRuns(f, w0, budget);
                double best = Double.POSITIVE_INFINITY;
                for (PaperRun r : runs) {
                    if (r.finalValue() < best) {
                        best = r.finalValue();
                    }
                }
                ProblemRuns pr = new ProblemRuns(name, true, best, "lowest f of this run's methods (non-convex)", budget[0], runs,
                        (System.nanoTime() - t0) / 1e9);
                all.add(pr);
                write(pr, ds.name() + ", 784 → 100 → 10 tanh network, softmax cross-entropy, λ on the weights, Glorot start (seed 1)");
            }
        }
        double minutes = (System.nanoTime() - start) / 6e10;
        String checks = Checks.report(all, machine, minutes, budgetScale);
        Files.writeString(outDir.resolve("checks.md"), checks);
        System.out.println();
        System.out.print(checks);
        return 0;
    }

    private double[] budget(String name) {
        double[] b = BUDGETS.get(name);
        if (b == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "no budget for problem '" + name + "'; known: " + BUDGETS.keySet());
        }
        return new double[] {Math.max(4, Math.round(b[0] * budgetScale)), b[1] * budgetScale};
    }

    private List<PaperRun> linearRuns(LinearProblem p, double fStar, double[] budget) {
        double lHat = p.smoothnessBound();
        Objective f = p.objective();
        double[] w0 = p.start();
        double stopAt = fStar + 1e-12 * Math.abs(fStar);
        // warm-up of the JIT on this problem's shapes, untimed
        run(f, w0, "gd+ps", "warm-up", Method.parse("gd+ps"), 6, 5, stopAt);
        run(f, w0, "lbfgs+wolfe", "warm-up", Method.parse("lbfgs+wolfe"), 6, 5, stopAt);
        List<PaperRun> runs = new ArrayList<>();
        for (double c : GD_GRID) {
            runs.add(run(f, w0, "gd+fixed", "gd+fixed lr=" + num(c) + "/L̂",
                    Method.parse("gd+fixed", MethodOptions.defaults().withLearningRate(c / lHat)), budget[0], budget[1], stopAt));
        }
        for (String m : List.of("gd+armijo", "gd+lo")) {
            runs.add(run(f, w0, m, m, Method.parse(m), budget[0], budget[1], stopAt));
        }
        for (double c : HB_GRID) {
            for (double beta : HB_MOMENTUM) {
                runs.add(run(f, w0, "heavyball+fixed", "heavyball+fixed lr=" + num(c) + "/L̂ β=" + num(beta),
                        Method.parse("heavyball+fixed", MethodOptions.defaults().withLearningRate(c / lHat).withMomentum(beta)),
                        budget[0], budget[1], stopAt));
            }
        }
        for (String m : List.of("gd+ps", "lbfgs+wolfe", "lbfgs+lo", "lbfgs+ps")) {
            runs.add(run(f, w0, m, m, Method.parse(m), budget[0], budget[1], stopAt));
        }
        for (double lr : ADAM_GRID) {
            runs.add(run(f, w0, "adam+fixed", "adam+fixed lr=" + num(lr),
                    Method.parse("adam+fixed", MethodOptions.defaults().withLearningRate(lr)), budget[0], budget[1], stopAt));
        }
        for (String m : List.of("adam+lo", "adam+ps")) {
            runs.add(run(f, w0, m, m, Method.parse(m), budget[0], budget[1], stopAt));
            for (double s : ADAM_SCALES) {
                Method base = Method.parse(m);
                runs.add(run(f, w0, m + "@scale", m + " base lr=" + num(s), new Method(new ScaledDirection(base.direction(), s),
                        base.step()), budget[0], budget[1], stopAt));
            }
        }
        return runs;
    }

    private List<PaperRun> networkRuns(Objective f, double[] w0, double[] budget) {
        run(f, w0, "gd+ps", "warm-up", Method.parse("gd+ps"), 4, 5, Double.NEGATIVE_INFINITY);
        List<PaperRun> runs = new ArrayList<>();
        // the fixed rates are the best of the 5-point grids of docs/BENCHMARKS.md §5 on these networks
        runs.add(run(f, w0, "gd+fixed", "gd+fixed lr=1", Method.parse("gd+fixed", MethodOptions.defaults().withLearningRate(1)),
                budget[0], budget[1], Double.NEGATIVE_INFINITY));
        runs.add(run(f, w0, "adam+fixed", "adam+fixed lr=0.01", Method.parse("adam+fixed",
                MethodOptions.defaults().withLearningRate(0.01)), budget[0], budget[1], Double.NEGATIVE_INFINITY));
        for (String m : List.of("lbfgs+wolfe", "gd+ps", "gd+ps:per-layer", "adam+ps", "adam+ps:per-layer")) {
            runs.add(run(f, w0, m, m, Method.parse(m), budget[0], budget[1], Double.NEGATIVE_INFINITY));
        }
        return runs;
    }

    private static PaperRun run(Objective f, double[] w0, String method, String label, Method m, double passes, double seconds,
            double stopAt) {
        List<double[]> points = new ArrayList<>();
        OptimizationResult r = m.optimizer(StopCriterion.anyOf(StopCriterion.maxPasses((long) passes), StopCriterion.maxSeconds(seconds),
                StopCriterion.gradientNorm(1e-10))).minimize(f, w0.clone(), rec -> {
                    double[] q = new double[PaperRun.STEP + Math.max(1, rec.coefficientCount())];
                    q[PaperRun.PASSES] = rec.dataPasses();
                    q[PaperRun.SECONDS] = rec.elapsedSeconds();
                    q[PaperRun.VALUE] = rec.value();
                    q[PaperRun.GRADIENT] = rec.gradientNorm();
                    q[PaperRun.STEP] = Double.NaN;
                    for (int j = 0; j < rec.coefficientCount(); j++) {
                        q[PaperRun.STEP + j] = rec.coefficient(j);
                    }
                    points.add(q);
                    return !(rec.value() <= stopAt);
                });
        PaperRun run = new PaperRun(method, label, points, r);
        if (!label.equals("warm-up")) {
            System.out.printf(Locale.ROOT, "  %-36s f %.12g after %d passes, %.2f s (%s)%n", label, run.finalValue(), run.finalPasses(),
                    points.get(points.size() - 1)[PaperRun.SECONDS], r.termination());
        }
        return run;
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.valueOf((long) v);
        }
        return Double.toString(v).replace("0.001", "1e-3").replace("1.0E-4", "1e-4");
    }

    /** The run that represents a method in the plots: the best (lowest final f, finite) of its grid. */
    static PaperRun representative(List<PaperRun> runs) {
        PaperRun best = null;
        for (PaperRun r : runs) {
            if (Double.isFinite(r.finalValue()) && (best == null || r.finalValue() < best.finalValue())) {
                best = r;
            }
        }
        return best == null ? runs.get(0) : best;
    }

    private void write(ProblemRuns pr, String description) throws IOException {
        String name = pr.problem();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(outDir.resolve(name + ".csv")))) {
            w.println("run,iteration,passes,seconds,f,f_minus_fstar,grad_norm,step");
            for (PaperRun r : pr.runs()) {
                for (int i = 0; i < r.points().size(); i++) {
                    double[] q = r.points().get(i);
                    w.printf(Locale.ROOT, "%s,%d,%d,%.4f,%.17g,%.4g,%.4g,%.6g%n", r.label(), i, (long) q[PaperRun.PASSES],
                            q[PaperRun.SECONDS], q[PaperRun.VALUE], q[PaperRun.VALUE] - pr.fStar(), q[PaperRun.GRADIENT],
                            q[PaperRun.STEP]);
                }
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: %s. f* = %.15g (%s). Budget per run: %.0f passes (or its time cap). %.0f s for all runs.%n%n",
                name, description, pr.fStar(), pr.fStarSource(), pr.budgetPasses(), pr.seconds()));
        b.append("| run | final f − f* | passes | seconds | iterations | passes / iteration | median first coefficient | ended by |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (PaperRun r : pr.runs()) {
            double[] last = r.points().get(r.points().size() - 1);
            b.append(String.format(Locale.ROOT, "| %s | %.3g | %d | %.2f | %d | %.2f | %.4g | %s |%n", r.label(), r.finalValue() - pr.fStar(),
                    r.finalPasses(), last[PaperRun.SECONDS], r.result().iterations(), r.passesPerIteration(), r.medianStep(),
                    r.result().termination()));
        }
        Files.writeString(outDir.resolve(name + ".md"), b.toString());
        Map<String, List<PaperRun>> groups = new LinkedHashMap<>();
        for (PaperRun r : pr.runs()) {
            if (!r.method().endsWith("@scale")) {
                groups.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r);
            }
        }
        double floor = pr.network() ? 1e-6 : 1e-14 * Math.abs(pr.fStar());
        for (boolean byPasses : new boolean[] {true, false}) {
            List<Plots.Curve> curves = new ArrayList<>();
            for (List<PaperRun> g : groups.values()) {
                PaperRun r = representative(g);
                double[] x = new double[r.points().size()];
                double[] y = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    double[] q = r.points().get(i);
                    x[i] = byPasses ? q[PaperRun.PASSES] : q[PaperRun.SECONDS];
                    y[i] = q[PaperRun.VALUE] - pr.fStar();
                }
                curves.add(new Plots.Curve(g.size() > 1 ? r.label() + " (best of " + g.size() + ")" : r.label(), x, y, false));
            }
            Plots.gapPlot(outDir.resolve(name + (byPasses ? "-passes" : "-seconds")), name + ": f − f* against "
                    + (byPasses ? "data passes" : "seconds"), byPasses ? "data passes" : "seconds", curves, floor);
        }
    }
}
