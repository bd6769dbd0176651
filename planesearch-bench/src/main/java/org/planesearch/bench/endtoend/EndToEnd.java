package org.planesearch.bench.endtoend;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.planesearch.core.linalg.Backend;
import org.planesearch.core.optim.IterationRecord;
import org.planesearch.core.optim.Method;
import org.planesearch.core.optim.MethodOptions;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.StopCriterion;
import org.planesearch.core.objective.SubspaceObjective;
import org.planesearch.core.subspace.Subspace;
import org.planesearch.core.subspace.SubspaceEvaluator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * End-to-end benchmarks of the core engine, each measured side by side in one run:
 * <ul>
 *   <li>{@code per-iteration}: seconds and data passes per iteration of GD with a fixed step, GD+LO
 *       and GD+M+PS (gd+ps), interleaved over several repeats, median reported, with the ratios
 *       to the fixed step;</li>
 *   <li>{@code to-tolerance}: iterations, passes and seconds to f* + 1e-6·|f*| for GD+Armijo,
 *       GD+LO, GD+M+PS, L-BFGS+Wolfe, L-BFGS+PS and Adam+PS, where f* is the best value of long
 *       L-BFGS runs in the same process.</li>
 * </ul>
 * Output: a Markdown table on standard output (and into {@code --out} when given).
 */
@Command(name = "end-to-end", mixinStandardHelpOptions = true,
        description = "Per-iteration cost and time to tolerance of the step rules on the benchmark problems.")
public final class EndToEnd implements java.util.concurrent.Callable<Integer> {

    @Parameters(index = "0", description = "per-iteration | to-tolerance")
    String mode;

    @Option(names = "--problem", required = true, description = "mnist-softmax | synthetic-logistic | mnist-mlp100 | mnist-mlp500 | fashion-mlp100")
    String problem;

    @Option(names = "--cache", defaultValue = "data-cache", description = "dataset cache folder (default: ${DEFAULT-VALUE})")
    Path cache;

    @Option(names = "--lambda", defaultValue = "1e-4")
    double lambda;

    @Option(names = "--iterations", defaultValue = "30", description = "iterations per timed run (per-iteration mode)")
    int iterations;

    @Option(names = "--repeats", defaultValue = "5", description = "interleaved repeats (per-iteration mode)")
    int repeats;

    @Option(names = "--budget-seconds", defaultValue = "300", description = "time cap per method (to-tolerance mode)")
    double budgetSeconds;

    @Option(names = "--reference-seconds", defaultValue = "600", description = "time cap of each f* run")
    double referenceSeconds;

    @Option(names = "--methods", split = ",", description = "methods (to-tolerance mode)",
            defaultValue = "gd+armijo,gd+lo,gd+ps,lbfgs+wolfe,lbfgs+ps,adam+ps")
    List<String> methods;

    @Option(names = "--compare", split = ",", defaultValue = "gd+lo,gd+ps",
            description = "methods timed against gd+fixed (per-iteration mode)")
    List<String> compare;

    @Option(names = "--blas", defaultValue = "auto")
    String blas;

    @Option(names = "--threads", defaultValue = "0", description = "0 = all processors")
    int threads;

    @Option(names = "--out", description = "also write the table to this file")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EndToEnd()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        Backend.select(blas);
        if (threads > 0) {
            Backend.setThreads(threads);
        }
        StringBuilder report = new StringBuilder();
        try (BenchProblem p = BenchProblem.load(problem, cache, lambda)) {
            report.append(String.format(Locale.ROOT, "%s: n = %d, d = %d, parameters = %d, λ = %g; backend %s, %d threads, %s, %s%n%n",
                    problem, p.data.rows(), p.data.cols(), p.objective.dimension(), lambda, Backend.current().describe(),
                    Backend.threads(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    LocalDate.now()));
            switch (mode) {
                case "per-iteration" -> {
                    perIteration(p, report);
                    trialCosts(p, report);
                }
                case "to-tolerance" -> toTolerance(p, report);
                default -> throw new CommandLine.ParameterException(new CommandLine(this),
                        "mode must be per-iteration or to-tolerance, got '" + mode + "'");
            }
        }
        PrintStream o = System.out;
        o.print(report);
        if (out != null) {
            Files.writeString(out, report.toString());
        }
        return 0;
    }

    private void perIteration(BenchProblem p, StringBuilder report) {
        String fixed = "gd+fixed";
        String[] names = new String[compare.size() + 1];
        Method[] ms = new Method[names.length];
        names[0] = fixed;
        ms[0] = Method.parse(fixed, MethodOptions.defaults().withLearningRate(p.safeLearningRate));
        for (int i = 0; i < compare.size(); i++) {
            names[i + 1] = compare.get(i);
            ms[i + 1] = Method.parse(compare.get(i));
        }
        double[][] secondsPerIteration = new double[names.length][repeats];
        double[] passesPerIteration = new double[names.length];
        double[] trialsPerIteration = new double[names.length];
        // one untimed warm-up run of each (JIT, native library, page faults)
        for (Method m : ms) {
            run(p, m, Math.min(5, iterations));
        }
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < ms.length; i++) {
                List<IterationRecord> h = run(p, ms[i], iterations);
                IterationRecord first = h.get(1);
                IterationRecord last = h.get(h.size() - 1);
                int steps = last.iteration() - first.iteration();
                secondsPerIteration[i][r] = (last.elapsedSeconds() - first.elapsedSeconds()) / steps;
                passesPerIteration[i] = (double) (last.dataPasses() - first.dataPasses()) / steps;
                long trials = 0;
                for (int it = 2; it < h.size(); it++) {
                    trials += h.get(it).trials();
                }
                trialsPerIteration[i] = (double) trials / steps;
            }
        }
        double base = median(secondsPerIteration[0]);
        report.append(String.format(Locale.ROOT, "Per iteration, median of %d interleaved repeats of %d iterations (iterations 2..%d timed); fixed learning rate %.4g (1/L bound)%n%n",
                repeats, iterations, iterations, p.safeLearningRate));
        report.append("| method | ms / iteration | ratio to gd+fixed | data passes / iteration | ψ trials / iteration | all repeats (ms) |\n");
        report.append("|---|---|---|---|---|---|\n");
        for (int i = 0; i < names.length; i++) {
            double med = median(secondsPerIteration[i]);
            report.append(String.format(Locale.ROOT, "| %s | %.2f | %.3f | %.2f | %.2f | %s |%n", names[i], 1e3 * med, med / base,
                    passesPerIteration[i], trialsPerIteration[i], millis(secondsPerIteration[i])));
        }
    }

    /**
     * The cost of one ψ evaluation against a gradient, on the evaluator the optimizer uses, at the
     * start point along −g (whole) and along [−g, s₁] split per layer when the layout has several
     * layers: median seconds of {@code repeats} calls each.
     */
    private void trialCosts(BenchProblem p, StringBuilder report) {
        int n = p.objective.dimension();
        double[] x = p.start.clone();
        double[] g = new double[n];
        int layers = p.objective.layout().layerCount();
        SubspaceEvaluator ev = p.objective.newEvaluator(2 * layers, 1);
        ev.start(x, g);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = -g[i];
        }
        Subspace first = new Subspace(1);
        first.addDirection(d);
        ev.restrict(first);
        ev.move(new double[] {1e-3}, x, g);
        int reps = Math.max(3, repeats);
        double[] full = new double[reps];
        double[] restrict = new double[reps];
        double[][] trial = new double[3][reps];
        int k = 0;
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < n; i++) {
                d[i] = -g[i];
            }
            Subspace s = new Subspace(2 * layers);
            for (int l = 0; l < layers; l++) {
                int layer = layers == 1 ? Subspace.WHOLE : l;
                s.addDirection(d, layer);
                s.addPreviousStep(1, layer);
            }
            long t0 = System.nanoTime();
            SubspaceObjective psi = ev.restrict(s);
            long t1 = System.nanoTime();
            k = psi.dimension();
            double[] t = new double[k];
            for (int j = 0; j < k; j++) {
                t[j] = 1e-3 * (j + 1);
            }
            double[] gr = new double[k];
            double[] h = new double[k * k];
            psi.value(t);
            long t2 = System.nanoTime();
            psi.valueAndGradient(t, gr);
            long t3 = System.nanoTime();
            psi.valueGradientHessian(t, gr, h);
            long t4 = System.nanoTime();
            p.objective.valueAndGradient(x, new double[n]);
            long t5 = System.nanoTime();
            ev.move(t, x, g);
            restrict[r] = (t1 - t0) / 1e9;
            trial[0][r] = (t2 - t1) / 1e9;
            trial[1][r] = (t3 - t2) / 1e9;
            trial[2][r] = (t4 - t3) / 1e9;
            full[r] = (t5 - t4) / 1e9;
        }
        double gradient = median(full);
        report.append(String.format(Locale.ROOT, "%nCost of one ψ evaluation (k = %d, columns [−g, s₁]%s; evaluator %s), median of %d:"
                + " f and ∇f in full (2 passes) %.1f ms; restrict %.1f ms; ψ %.1f ms (%.3f × the gradient); ψ, ∇ψ %.1f ms (%.3f ×);"
                + " ψ, ∇ψ, ∇²ψ %.1f ms (%.3f ×)%n", k, layers > 1 ? " per layer" : "", ev.getClass().getSimpleName(), reps,
                1e3 * gradient, 1e3 * median(restrict), 1e3 * median(trial[0]), median(trial[0]) / gradient,
                1e3 * median(trial[1]), median(trial[1]) / gradient, 1e3 * median(trial[2]), median(trial[2]) / gradient));
    }

    private void toTolerance(BenchProblem p, StringBuilder report) {
        int n = p.objective.dimension();
        double fStar = Double.POSITIVE_INFINITY;
        StringBuilder refs = new StringBuilder();
        for (String ref : List.of("lbfgs+wolfe", "lbfgs+ps")) {
            OptimizationResult r = Method.parse(ref).optimizer(StopCriterion.anyOf(StopCriterion.gradientNorm(1e-10),
                    StopCriterion.maxIterations(100_000), StopCriterion.maxSeconds(referenceSeconds))).minimize(p.objective, p.start.clone());
            refs.append(String.format(Locale.ROOT, "%s: f = %.15g, ‖∇f‖ = %.3g after %d iterations (%s, %.1f s); ", ref, r.value(),
                    r.gradientNorm(), r.iterations(), r.termination(), r.elapsedSeconds()));
            fStar = Math.min(fStar, r.value());
        }
        double target = fStar + 1e-6 * Math.abs(fStar);
        report.append(String.format(Locale.ROOT, "f* = %.15g (best of: %s)%ntarget f* + 1e-6·|f*| = %.15g; budget %.0f s per method%n%n",
                fStar, refs, target, budgetSeconds));
        report.append("| method | reached | iterations | data passes | seconds | final f − f* |\n|---|---|---|---|---|---|\n");
        List<double[]> rows = new ArrayList<>();
        for (String name : methods) {
            int[] hit = {-1};
            double[] at = new double[2];
            OptimizationResult r = Method.parse(name).optimizer(StopCriterion.anyOf(StopCriterion.maxSeconds(budgetSeconds),
                    StopCriterion.maxIterations(1_000_000))).minimize(p.objective, p.start.clone(), rec -> {
                        if (rec.value() <= target) {
                            hit[0] = rec.iteration();
                            at[0] = rec.elapsedSeconds();
                            at[1] = rec.dataPasses();
                            return false;
                        }
                        return true;
                    });
            boolean reached = hit[0] >= 0;
            report.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %.3g |%n", name, reached ? "yes" : "no (" + r.termination() + ")",
                    reached ? hit[0] : r.iterations(), reached ? (long) at[1] : r.dataPasses(),
                    reached ? at[0] : r.elapsedSeconds(), r.value() - fStar));
            rows.add(new double[] {reached ? at[0] : Double.POSITIVE_INFINITY, methods.indexOf(name)});
        }
        rows.sort((a, b) -> Double.compare(a[0], b[0]));
        report.append("\nRanking by seconds to the target: ");
        for (int i = 0; i < rows.size(); i++) {
            double[] r = rows.get(i);
            report.append(i == 0 ? "" : " < ").append(methods.get((int) r[1]))
                    .append(Double.isInfinite(r[0]) ? " (not reached)" : String.format(Locale.ROOT, " (%.2f s)", r[0]));
        }
        report.append('\n');
    }

    private static List<IterationRecord> run(BenchProblem p, Method m, int iterations) {
        List<IterationRecord> history = new ArrayList<>();
        m.optimizer(StopCriterion.maxIterations(iterations)).minimize(p.objective, p.start.clone(), r -> {
            history.add(r);
            return true;
        });
        return history;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : 0.5 * (c[c.length / 2 - 1] + c[c.length / 2]);
    }

    private static String millis(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f", 1e3 * x));
        }
        return b.toString();
    }
}
