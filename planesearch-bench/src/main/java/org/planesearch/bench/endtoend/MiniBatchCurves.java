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
import org.planesearch.core.stochastic.BatchSchedule;
import org.planesearch.core.stochastic.EpochRecord;
import org.planesearch.core.stochastic.StochasticMethods;
import org.planesearch.core.stochastic.StochasticOptions;
import org.planesearch.core.stochastic.StochasticResult;
import org.planesearch.core.stochastic.StochasticTrainer;
import org.planesearch.data.Dataset;
import org.planesearch.models.linear.ModelEvaluation;
import org.planesearch.models.network.NetworkBatches;
import org.planesearch.models.network.NetworkMetrics;
import org.planesearch.models.network.NetworkModel;
import org.planesearch.models.network.NetworkObjective;
import org.planesearch.models.network.OutputLoss;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Mini-batch training curves (issue "Mini-batch training", reproduction): several mini-batch
 * methods on one problem from the same start, batch order and epochs, one after another in this
 * process; per epoch the full training objective, the test loss (and accuracy for classifiers)
 * and the training seconds (evaluation excluded). Methods written {@code name@a,b,c} run once per
 * learning rate and the one with the lowest final training objective represents them in the plots
 * ("best of the grid"). Writes CSV, a Markdown table (with the time per step of every run) and
 * PNG/SVG plots of training and test loss against epochs and seconds.
 *
 * <p>Problems: {@link MiniBatchProblem}; Glorot initialization with seed 1.
 */
@Command(name = "minibatch", mixinStandardHelpOptions = true,
        description = "Mini-batch training curves (train/test loss against epochs and seconds).")
public final class MiniBatchCurves implements Callable<Integer> {

    @Option(names = "--problem", required = true, description = "fashion-mlp or mnist-autoencoder")
    String problem;

    @Option(names = "--cache", defaultValue = "data-cache")
    Path cache;

    @Option(names = "--methods", split = ";", required = true,
            description = "methods separated by ';', a grid written name@lr1,lr2,…")
    List<String> methods;

    @Option(names = "--batch-size", defaultValue = "128")
    int batchSize;

    @Option(names = "--epochs", defaultValue = "10")
    int epochs;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--budget-seconds", defaultValue = "1e9", description = "per run")
    double budgetSeconds;

    @Option(names = "--out-dir", required = true)
    Path outDir;

    @Option(names = "--threads", defaultValue = "0")
    int threads;

    @Option(names = "--train-rows", defaultValue = "0", description = "train on the first N training rows only (0: all)")
    int trainRows;

    @Option(names = "--option", description = "a method option for every run that takes it: averaging=B, curvature=K, max-rate=R")
    List<String> extraOptions = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new MiniBatchCurves()).execute(args));
    }

    record Run(String label, String method, double learningRate, List<EpochRecord> epochs, StochasticResult result) {
        double finalTrain() {
            return epochs.get(epochs.size() - 1).trainObjective();
        }
    }

    private NetworkModel model;
    private Dataset train;
    private Dataset test;
    private double[] trainTargets;
    private double[] testTargets;
    private double lambda;

    @Override
    public Integer call() throws IOException {
        if (threads > 0) {
            Backend.setThreads(threads);
        }
        Files.createDirectories(outDir);
        MiniBatchProblem problemData = MiniBatchProblem.load(problem, cache, trainRows);
        train = problemData.train;
        test = problemData.test;
        trainTargets = problemData.trainTargets;
        testTargets = problemData.testTargets;
        model = problemData.model;
        lambda = problemData.lambda;
        List<Run> runs = new ArrayList<>();
        Map<String, Run> best = new LinkedHashMap<>();
        String header = String.format(Locale.ROOT, "%s: n = %d (test %d), widths %s, %s, %s, λ = %g, parameters %d; batch %d, %d epochs,"
                        + " seed %d; backend %s, %d threads, %s %s, %s", problem, train.rows(), test.rows(),
                java.util.Arrays.toString(model.widths()), model.activation(), model.loss().id(), lambda, model.dimension(),
                batchSize, epochs, seed, Backend.current().describe(), Backend.threads(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), LocalDate.now());
        System.out.println(header);
        try (NetworkBatches batches = new NetworkBatches(model, train.features(), trainTargets, lambda)) {
            NetworkObjective testObjective = model.objective(test.features(), testTargets, lambda);
            for (String spec : methods) {
                int at = spec.indexOf('@');
                String name = at < 0 ? spec.trim() : spec.substring(0, at).trim();
                List<Double> rates = new ArrayList<>();
                if (at < 0) {
                    rates.add(Double.NaN);
                } else {
                    for (String r : spec.substring(at + 1).split(",")) {
                        rates.add(Double.parseDouble(r.trim()));
                    }
                }
                for (double lr : rates) {
                    Run r = run(batches, testObjective, name, lr);
                    runs.add(r);
                    EpochRecord last = r.epochs().get(r.epochs().size() - 1);
                    System.out.printf(Locale.ROOT, "%-34s train %.6f test %.6f %s after %d epochs, %.1f s (%s), %.2f ms/step%n",
                            r.label(), last.trainObjective(), last.metrics().getOrDefault("test_loss", Double.NaN),
                            last.metrics().containsKey("test_accuracy")
                                    ? String.format(Locale.ROOT, "acc %.4f", last.metrics().get("test_accuracy")) : "",
                            last.epoch(), last.seconds(), r.result().termination(), 1e3 * last.seconds() / last.steps());
                    Run kept = best.get(spec);
                    if (kept == null || !(kept.finalTrain() <= r.finalTrain())) {
                        best.put(spec, r);
                    }
                }
            }
        }
        writeCsv(runs);
        writeTable(header, runs, best);
        for (boolean trainLoss : new boolean[] {true, false}) {
            plot(best, trainLoss, true);
            plot(best, trainLoss, false);
        }
        problemData.close();
        return 0;
    }

    private Run run(NetworkBatches batches, NetworkObjective testObjective, String name, double lr) {
        StochasticOptions o = StochasticOptions.defaults();
        for (String opt : extraOptions) {
            String[] kv = opt.split("=", 2);
            boolean takes = name.contains("layerwise") || (kv[0].equals("averaging") && name.matches(".*\\+(lo|ps|so\\d+).*"));
            if (!takes) {
                continue;
            }
            switch (kv[0]) {
                case "averaging" -> o = o.withAveraging(Double.parseDouble(kv[1]));
                case "curvature" -> o = o.withCurvature(StochasticMethods.curvature(kv[1]));
                case "max-rate" -> o = o.withMaxRate(Double.parseDouble(kv[1]));
                default -> throw new IllegalArgumentException("unknown --option " + opt);
            }
        }
        if (!Double.isNaN(lr)) {
            o = o.withLearningRate(lr);
        }
        StochasticTrainer trainer = new StochasticTrainer(StochasticMethods.parse(name, o),
                new BatchSchedule(batchSize, epochs, seed, false), 1, budgetSeconds, seed);
        String label = Double.isNaN(lr) ? name : name + " lr=" + lr;
        List<EpochRecord> records = new ArrayList<>();
        StochasticResult r = trainer.train(batches, model.initialize(1), w -> metrics(testObjective, w), rec -> {
            records.add(rec);
            return true;
        });
        if (records.isEmpty() || records.get(records.size() - 1).epoch() != r.history().get(r.history().size() - 1).epoch()) {
            records.add(r.last());
        }
        return new Run(label, name, lr, records, r);
    }

    private Map<String, Double> metrics(NetworkObjective testObjective, double[] w) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (model.loss() == OutputLoss.SQUARED) {
            m.put("test_loss", testObjective.meanLoss(w));
        } else {
            ModelEvaluation e = NetworkMetrics.evaluate(model, test.features(), testTargets, w);
            m.put("test_loss", e.meanLoss());
            m.put("test_accuracy", e.accuracy());
        }
        return m;
    }

    private void writeCsv(List<Run> runs) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(outDir.resolve("minibatch-" + problem + ".csv")))) {
            w.println("run,epoch,steps,seconds,train_objective,test_loss,test_accuracy,mean_batch_loss,gradient_passes,"
                    + "value_passes,curvature_passes,mean_rates,events");
            for (Run r : runs) {
                for (EpochRecord e : r.epochs()) {
                    w.printf(Locale.ROOT, "%s,%d,%d,%.4f,%.10g,%.10g,%.6g,%.10g,%.3f,%.3f,%.3f,\"%s\",\"%s\"%n", r.label(), e.epoch(),
                            e.steps(), e.seconds(), e.trainObjective(), e.metrics().getOrDefault("test_loss", Double.NaN),
                            e.metrics().getOrDefault("test_accuracy", Double.NaN), e.meanBatchLoss(), e.gradientPasses(),
                            e.valuePasses(), e.curvaturePasses(), java.util.Arrays.toString(e.meanRates()), e.events());
                }
            }
        }
    }

    private void writeTable(String header, List<Run> runs, Map<String, Run> best) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(header).append("\n\n");
        b.append("| run | train f (epoch 1) | train f (final) | test loss (final) | test acc | seconds | ms/step | extra passes (value, curvature) | best of grid |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            EpochRecord first = r.epochs().get(0);
            EpochRecord last = r.epochs().get(r.epochs().size() - 1);
            boolean isBest = best.containsValue(r) && !Double.isNaN(r.learningRate());
            Double acc = last.metrics().get("test_accuracy");
            b.append(String.format(Locale.ROOT, "| %s | %.5f | %.5f | %.5f | %s | %.1f | %.2f | %.2f, %.2f | %s |%n", r.label(),
                    first.trainObjective(), last.trainObjective(), last.metrics().getOrDefault("test_loss", Double.NaN),
                    acc == null ? "" : String.format(Locale.ROOT, "%.4f", acc), last.seconds(),
                    1e3 * last.seconds() / last.steps(), last.valuePasses(), last.curvaturePasses(), isBest ? "yes" : ""));
        }
        Files.writeString(outDir.resolve("minibatch-" + problem + ".md"), b.toString());
        System.out.print(b);
    }

    private void plot(Map<String, Run> best, boolean trainLoss, boolean byEpochs) throws IOException {
        String xTitle = byEpochs ? "epochs" : "seconds (training)";
        String yTitle = trainLoss ? "training objective f" : "test loss";
        XYChart chart = new XYChartBuilder().width(900).height(560).title(problem + ": " + yTitle + " against " + xTitle)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        for (Run r : best.values()) {
            List<double[]> pts = new ArrayList<>();
            for (EpochRecord e : r.epochs()) {
                double y = trainLoss ? e.trainObjective() : e.metrics().getOrDefault("test_loss", Double.NaN);
                if (Double.isFinite(y) && y > 0) {
                    pts.add(new double[] {byEpochs ? e.epoch() : e.seconds(), y});
                }
            }
            if (pts.isEmpty()) {
                continue;
            }
            double[] x = new double[pts.size()];
            double[] y = new double[pts.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = pts.get(i)[0];
                y[i] = pts.get(i)[1];
            }
            XYSeries s = chart.addSeries(r.label(), x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineStyle(new BasicStroke(2f));
        }
        String file = "minibatch-" + problem + (trainLoss ? "-train" : "-test") + (byEpochs ? "-epochs" : "-seconds");
        BitmapEncoder.saveBitmap(chart, outDir.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, outDir.resolve(file).toString(),
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    }
}
