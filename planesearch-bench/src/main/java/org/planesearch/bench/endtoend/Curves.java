package org.planesearch.bench.endtoend;

import java.awt.BasicStroke;
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
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.planesearch.core.linalg.Backend;
import org.planesearch.core.optim.Method;
import org.planesearch.core.optim.MethodOptions;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.StopCriterion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Training curves of several methods on one problem, each from the same start with the same
 * budget of data passes (and a time cap), run one after another in this process: f against
 * passes and against seconds, as CSV, a Markdown table and PNG/SVG plots (XChart, log scale).
 *
 * <p>A method written {@code name@grid} (e.g. {@code gd+fixed@grid}, {@code adam+fixed@grid})
 * runs once per value of {@code --grid} ({@code --adam-grid} for Adam directions) as its
 * learning rate, and the run with the lowest final f represents it in the plots ("best of the
 * grid"); every grid run is in the table and the CSV. For a method whose step is chosen
 * ({@code adam+ps@grid}) the value is the direction's base learning rate: the direction is
 * multiplied by it ({@link ScaledDirection}), which a scale-invariant step rule absorbs.
 */
@Command(name = "curves", mixinStandardHelpOptions = true,
        description = "Training curves (f against passes and seconds) of several methods on one problem.")
public final class Curves implements Callable<Integer> {

    @Option(names = "--problem", required = true, description = "a BenchProblem name, e.g. mnist-mlp100")
    String problem;

    @Option(names = "--cache", defaultValue = "data-cache")
    Path cache;

    @Option(names = "--lambda", defaultValue = "1e-4")
    double lambda;

    @Option(names = "--methods", split = ",", required = true)
    List<String> methods;

    @Option(names = "--grid", split = ",", defaultValue = "1e-3,1e-2,1e-1,1,10",
            description = "learning rates of the @grid methods (default: ${DEFAULT-VALUE})")
    List<Double> grid;

    @Option(names = "--adam-grid", split = ",", defaultValue = "1e-4,1e-3,1e-2,1e-1,1",
            description = "learning rates of adam@grid methods (default: ${DEFAULT-VALUE})")
    List<Double> adamGrid;

    @Option(names = "--budget-passes", defaultValue = "100")
    long budgetPasses;

    @Option(names = "--budget-seconds", defaultValue = "600")
    double budgetSeconds;

    @Option(names = "--out-dir", required = true)
    Path outDir;

    @Option(names = "--threads", defaultValue = "0")
    int threads;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Curves()).execute(args));
    }

    /** One run's history: passes, seconds, f per iteration. */
    record Run(String label, String method, double learningRate, List<double[]> points, OptimizationResult result) {
        double finalValue() {
            return points.get(points.size() - 1)[2];
        }
    }

    @Override
    public Integer call() throws IOException {
        if (threads > 0) {
            Backend.setThreads(threads);
        }
        Files.createDirectories(outDir);
        List<Run> runs = new ArrayList<>();
        Map<String, Run> best = new LinkedHashMap<>();
        String header;
        try (BenchProblem p = BenchProblem.load(problem, cache, lambda)) {
            header = String.format(Locale.ROOT, "%s: n = %d, d = %d, parameters = %d, λ = %g; budget %d passes or %.0f s per run;"
                    + " backend %s, %d threads, %s %s, %s", problem, p.data.rows(), p.data.cols(), p.objective.dimension(),
                    lambda, budgetPasses, budgetSeconds, Backend.current().describe(), Backend.threads(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"), LocalDate.now());
            System.out.println(header);
            for (String spec : methods) {
                boolean isGrid = spec.endsWith("@grid");
                String name = isGrid ? spec.substring(0, spec.length() - "@grid".length()) : spec;
                List<Double> rates = isGrid ? (name.startsWith("adam") ? adamGrid : grid) : List.of(Double.NaN);
                for (double lr : rates) {
                    Run r = run(p, name, lr);
                    runs.add(r);
                    System.out.printf(Locale.ROOT, "%-28s final f %.6f after %d passes, %.1f s (%s)%n", r.label(),
                            r.finalValue(), (long) r.points().get(r.points().size() - 1)[0],
                            r.points().get(r.points().size() - 1)[1], r.result().termination());
                    Run kept = best.get(spec);
                    if (kept == null || !(kept.finalValue() <= r.finalValue())) {
                        best.put(spec, r);
                    }
                }
            }
        }
        writeCsv(runs);
        writeTable(header, runs, best);
        plot(best, true);
        plot(best, false);
        return 0;
    }

    private Run run(BenchProblem p, String name, double lr) {
        Method m;
        if (Double.isNaN(lr)) {
            m = Method.parse(name);
        } else if (name.endsWith("+fixed")) {
            m = Method.parse(name, MethodOptions.defaults().withLearningRate(lr));
        } else {
            // a chosen step: the grid value is the direction's base learning rate (its scale)
            Method base = Method.parse(name);
            m = new Method(new ScaledDirection(base.direction(), lr), base.step());
        }
        String label = Double.isNaN(lr) ? name : name + " lr=" + lr;
        List<double[]> points = new ArrayList<>();
        OptimizationResult r = m.optimizer(StopCriterion.anyOf(StopCriterion.maxPasses(budgetPasses),
                StopCriterion.maxSeconds(budgetSeconds), StopCriterion.gradientNorm(1e-10)))
                .minimize(p.objective, p.start.clone(), rec -> {
                    points.add(new double[] {rec.dataPasses(), rec.elapsedSeconds(), rec.value(), rec.gradientNorm()});
                    return true;
                });
        return new Run(label, name, lr, points, r);
    }

    private void writeCsv(List<Run> runs) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(outDir.resolve("curves-" + problem + ".csv")))) {
            w.println("run,iteration,passes,seconds,f,grad_norm");
            for (Run r : runs) {
                for (int i = 0; i < r.points().size(); i++) {
                    double[] q = r.points().get(i);
                    w.printf(Locale.ROOT, "%s,%d,%d,%.4f,%.17g,%.6g%n", r.label(), i, (long) q[0], q[1], q[2], q[3]);
                }
            }
        }
    }

    /** f after the given number of passes (the last point at or before it). */
    private static double valueAtPasses(Run r, long passes) {
        double f = Double.NaN;
        for (double[] q : r.points()) {
            if (q[0] <= passes) {
                f = q[2];
            }
        }
        return f;
    }

    private void writeTable(String header, List<Run> runs, Map<String, Run> best) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(header).append("\n\n");
        long quarter = budgetPasses / 4;
        b.append(String.format(Locale.ROOT, "| run | f after %d passes | f after %d | final f | passes | seconds | iterations | best of grid |%n",
                quarter, 2 * quarter));
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            double[] last = r.points().get(r.points().size() - 1);
            boolean isBest = best.containsValue(r) && !Double.isNaN(r.learningRate());
            b.append(String.format(Locale.ROOT, "| %s | %.5f | %.5f | %.6f | %d | %.1f | %d | %s |%n", r.label(),
                    valueAtPasses(r, quarter), valueAtPasses(r, 2 * quarter), r.finalValue(), (long) last[0], last[1],
                    r.result().iterations(), isBest ? "yes" : ""));
        }
        Files.writeString(outDir.resolve("curves-" + problem + ".md"), b.toString());
        System.out.print(b);
    }

    private void plot(Map<String, Run> best, boolean byPasses) throws IOException {
        String xTitle = byPasses ? "data passes" : "seconds";
        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title(problem + ": training loss against " + xTitle).xAxisTitle(xTitle).yAxisTitle("f (training loss + penalty)")
                .build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        for (Map.Entry<String, Run> e : best.entrySet()) {
            Run r = e.getValue();
            double[] x = new double[r.points().size()];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double[] q = r.points().get(i);
                x[i] = byPasses ? q[0] : q[1];
                y[i] = q[2];
            }
            XYSeries s = chart.addSeries(r.label(), x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(new BasicStroke(2f));
        }
        String file = "curves-" + problem + (byPasses ? "-passes" : "-seconds");
        BitmapEncoder.saveBitmap(chart, outDir.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, outDir.resolve(file).toString(),
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    }
}
