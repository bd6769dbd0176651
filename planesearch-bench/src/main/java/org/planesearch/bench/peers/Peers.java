package org.planesearch.bench.peers;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.planesearch.bench.problems.LinearProblem;
import org.planesearch.bench.problems.Optima;
import org.planesearch.bench.report.Plots;
import org.planesearch.core.linalg.Backend;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The peer comparison: on each problem, Planesearch's methods (lbfgs+ps, gd+ps, and the
 * baselines lbfgs+wolfe and tuned fixed steps) and the peers (Spark MLlib, Smile, Tribuo with
 * AdaGrad and Adam), one after another in this process, from w = 0, on the same data, loss and
 * λ, each against f* + {1e-4, 1e-6, 1e-8}·|f*|. Writes per problem a Markdown table, a CSV of the
 * measured points and plots of f − f* against seconds and passes, and a summary with the ratio
 * Planesearch / best peer per target.
 */
@Command(name = "peers", mixinStandardHelpOptions = true,
        description = "Time and passes to f* + 1e-4/1e-6/1e-8·|f*| of Planesearch and of Spark MLlib, Smile and Tribuo.")
public final class Peers implements Callable<Integer> {

    /** The method the ratio column is computed for (declared before the runs). */
    static final String PLANESEARCH = "lbfgs+ps";

    @Option(names = "--problems", split = ",", defaultValue = "breast-cancer,agaricus,letter,mnist,fashion-mnist,synthetic")
    List<String> problems;

    @Option(names = "--cache", defaultValue = "data-cache")
    Path cache;

    @Option(names = "--lambda", defaultValue = "1e-4")
    double lambda;

    @Option(names = "--budget-seconds", defaultValue = "60", description = "budget of one solver's run (default: ${DEFAULT-VALUE})")
    double budgetSeconds;

    @Option(names = "--peers", split = ",", defaultValue = "spark,smile,tribuo-adagrad,tribuo-adam")
    List<String> peers;

    @Option(names = "--methods", split = ",", defaultValue = "lbfgs+ps,gd+ps,lbfgs+wolfe")
    List<String> methods;

    @Option(names = "--fixed", split = ",", defaultValue = "gd+fixed,heavyball+fixed",
            description = "fixed-step baselines, tuned on lr = c/L̂ (default: ${DEFAULT-VALUE})")
    List<String> fixed;

    @Option(names = "--fixed-grid", split = ",", defaultValue = "1,4,16,64")
    List<Double> fixedGrid;

    @Option(names = "--optima", defaultValue = "docs/benchmarks/optima.csv")
    Path optima;

    @Option(names = "--out-dir", defaultValue = "docs/benchmarks/peers")
    Path outDir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Peers()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(outDir);
        long start = System.nanoTime();
        String machine = String.format(Locale.ROOT, "%d processors, backend %s, %d threads, %s %s, max heap %d MiB, %s",
                Runtime.getRuntime().availableProcessors(), Backend.current().describe(), Backend.threads(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, LocalDate.now());
        System.out.println(machine);
        StringBuilder summary = new StringBuilder();
        summary.append("Run of ").append(machine).append("; λ = ").append(lambda).append("; budget ").append(budgetSeconds)
                .append(" s per solver run.\n\n");
        summary.append("| problem | target | planesearch ").append(PLANESEARCH).append(" | planesearch gd+ps | best peer | ratio ")
                .append(PLANESEARCH).append(" / best peer | faster than every peer |\n|---|---|---|---|---|---|---|\n");
        SparkPeer spark = null;
        try {
            for (String name : problems) {
                List<SolverReport> reports = new ArrayList<>();
                Optima.Optimum opt;
                String description;
                int rows;
                int cols;
                try (LinearProblem p = LinearProblem.load(name, cache, lambda)) {
                    description = p.description();
                    rows = p.rows();
                    cols = p.cols();
                    opt = new Optima(optima, 600).of(p);
                    Targets targets = Targets.of(opt.value());
                    System.out.printf(Locale.ROOT, "%n%s: f* = %.15g (‖∇f‖ = %.2e)%n", name, opt.value(), opt.gradientNorm());
                    for (String m : methods) {
                        reports.add(report(new OwnMethod(m).solve(p, targets, budgetSeconds)));
                    }
                    for (String m : fixed) {
                        reports.add(report(OwnMethod.tunedFixed(m, toArray(fixedGrid), p, targets, budgetSeconds)));
                    }
                    for (String peer : peers) {
                        Solver s;
                        switch (peer) {
                            case "spark" -> {
                                if (spark == null) {
                                    spark = new SparkPeer();
                                }
                                s = spark;
                            }
                            case "smile" -> s = new SmilePeer();
                            case "tribuo-adagrad" -> s = new TribuoPeer(TribuoPeer.Kind.ADAGRAD);
                            case "tribuo-adam" -> s = new TribuoPeer(TribuoPeer.Kind.ADAM);
                            default -> throw new CommandLine.ParameterException(new CommandLine(this), "unknown peer '" + peer
                                    + "'; expected spark, smile, tribuo-adagrad or tribuo-adam");
                        }
                        System.gc();
                        reports.add(report(s.solve(p, targets, budgetSeconds)));
                    }
                    write(name, description, rows, cols, opt, targets, reports, machine);
                    summarize(summary, name, targets, reports);
                }
            }
        } finally {
            if (spark != null) {
                spark.close();
            }
        }
        summary.append(String.format(Locale.ROOT, "%nWall time of the whole command: %.1f min.%n", (System.nanoTime() - start) / 6e10));
        Files.writeString(outDir.resolve("peers-summary.md"), summary.toString());
        System.out.print(summary);
        return 0;
    }

    private static double[] toArray(List<Double> v) {
        double[] a = new double[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
        return a;
    }

    private static SolverReport report(SolverReport r) {
        StringBuilder b = new StringBuilder();
        for (Hit h : r.hits()) {
            b.append(h.reached() ? String.format(Locale.ROOT, " %.2fs/%dp", h.seconds(), h.passes()) : " —");
        }
        System.out.printf(Locale.ROOT, "  %-48s targets%s; final f %.12g, %d passes, %.1f s%n", r.solver(), b, r.finalValue(),
                r.finalPasses(), r.finalSeconds());
        return r;
    }

    static String cell(Hit h) {
        return h.reached() ? String.format(Locale.ROOT, "%.3g s, %d passes", h.seconds(), h.passes()) : "not reached";
    }

    private void write(String name, String description, int rows, int cols, Optima.Optimum opt, Targets targets,
            List<SolverReport> reports, String machine) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: %s; n = %d, d = %d, λ = %s. f* = %.15g (%s, %d iterations, ‖∇f‖ = %.2e). %s%n%n",
                name, description, rows, cols, lambda, opt.value(), opt.method(), opt.iterations(), opt.gradientNorm(), machine));
        b.append("Targets: f* + ε·abs(f*), ε = 1e-4, 1e-6, 1e-8: time and passes to the first point at or below each.\n\n");
        b.append("| solver | same objective | to 1e-4 | to 1e-6 | to 1e-8 | final f − f* | passes | seconds | iterations |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (SolverReport r : reports) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.3g | %d | %.2f | %d |%n", r.solver(),
                    r.sameObjective() ? "yes" : "no (ours evaluated at its solution)", cell(r.hit(0)), cell(r.hit(1)),
                    cell(r.hit(2)), r.finalValue() - opt.value(), r.finalPasses(), r.finalSeconds(), r.iterations()));
        }
        b.append("\nSettings and timing:\n\n");
        for (SolverReport r : reports) {
            b.append("- ").append(r.solver()).append(": ").append(r.settings()).append(". Timing: ").append(r.timing()).append(".\n");
        }
        Files.writeString(outDir.resolve("peers-" + name + ".md"), b.toString());
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(outDir.resolve("peers-" + name + ".csv")))) {
            w.println("solver,seconds,passes,f,f_minus_fstar");
            for (SolverReport r : reports) {
                for (TracePoint t : r.trace()) {
                    w.printf(Locale.ROOT, "%s,%.4f,%d,%.17g,%.4g%n", r.solver(), t.seconds(), t.passes(), t.value(), t.value() - opt.value());
                }
            }
        }
        for (boolean bySeconds : new boolean[] {true, false}) {
            List<Plots.Curve> curves = new ArrayList<>();
            for (SolverReport r : reports) {
                List<TracePoint> tr = r.trace();
                double[] x = new double[tr.size()];
                double[] y = new double[tr.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = bySeconds ? tr.get(i).seconds() : tr.get(i).passes();
                    y[i] = tr.get(i).value() - opt.value();
                }
                curves.add(new Plots.Curve(r.solver(), x, y, r.peer()));
            }
            Plots.gapPlot(outDir.resolve("peers-" + name + (bySeconds ? "-seconds" : "-passes")),
                    name + ": f − f* against " + (bySeconds ? "seconds" : "data passes") + " (peers: measured runs, markers)",
                    bySeconds ? "seconds" : "data passes", curves, 1e-16 * Math.abs(opt.value()));
        }
    }

    private static void summarize(StringBuilder s, String name, Targets targets, List<SolverReport> reports) {
        for (int t = 0; t < targets.count(); t++) {
            SolverReport ours = find(reports, "planesearch " + PLANESEARCH);
            SolverReport gdps = find(reports, "planesearch gd+ps");
            SolverReport best = null;
            for (SolverReport r : reports) {
                if (r.peer() && r.hit(t).reached() && (best == null || r.hit(t).seconds() < best.hit(t).seconds())) {
                    best = r;
                }
            }
            Hit o = ours == null ? Hit.MISSED : ours.hit(t);
            String ratio;
            String verdict;
            if (best == null) {
                ratio = "no peer reached it";
                verdict = o.reached() ? "yes" : "no (nobody reached it)";
            } else if (!o.reached()) {
                ratio = "∞ (not reached)";
                verdict = "**no**";
            } else {
                double q = o.seconds() / best.hit(t).seconds();
                ratio = String.format(Locale.ROOT, "%.3f", q);
                verdict = q < 1 ? "yes" : "**no**";
            }
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", name, String.format(Locale.ROOT, "1e%d",
                    (int) Math.round(Math.log10(Targets.RELATIVE[t]))), cell(o), gdps == null ? "" : cell(gdps.hit(t)),
                    best == null ? "—" : best.solver() + ": " + cell(best.hit(t)), ratio, verdict));
        }
    }

    private static SolverReport find(List<SolverReport> reports, String solver) {
        for (SolverReport r : reports) {
            if (r.solver().equals(solver)) {
                return r;
            }
        }
        return null;
    }
}
