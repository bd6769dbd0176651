package org.planesearch.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.planesearch.core.objective.CurvatureKind;
import org.planesearch.core.stochastic.BatchSchedule;
import org.planesearch.core.stochastic.EpochRecord;
import org.planesearch.core.stochastic.StochasticMethods;
import org.planesearch.core.stochastic.StochasticOptions;
import org.planesearch.core.stochastic.StochasticResult;
import org.planesearch.core.stochastic.StochasticRule;
import org.planesearch.core.stochastic.StochasticTrainer;
import org.planesearch.data.read.DataFormat;
import org.planesearch.data.transform.SplitOptions;
import org.planesearch.models.linear.ModelEvaluation;
import org.planesearch.models.network.NetworkBatches;

/**
 * {@code train --batch-size B}: mini-batch training of a network with a mini-batch method
 * ({@link StochasticMethods}), seeded shuffling ({@code --seed}, which also seeds the split and the
 * curvature sampling), {@code --epochs}, the full training objective and the test metrics
 * evaluated every {@code --evaluate-every} epochs, one progress line per epoch on stderr, and the
 * same outputs as full-batch training in {@code --out}: {@code model.json}, {@code history.csv}
 * (one row per epoch) and {@code summary.json}. A run that ends in non-finite values writes
 * nothing and exits 1.
 */
final class MiniBatchRun {

    /** history.csv of a mini-batch run: one row per epoch. */
    static final String HEADER = "epoch,steps,seconds,f,test_loss,test_accuracy,mean_batch_loss,gradient_passes,value_passes,"
            + "curvature_passes,rates,events";
    private static final long DEFAULT_SEED = 42;

    private final TrainCommand c;
    private final MiniBatchOptions o;

    MiniBatchRun(TrainCommand command) {
        this.c = command;
        this.o = command.miniBatch;
    }

    int call(PrintWriter stdout, PrintWriter stderr) throws IOException {
        if (o.batchSize < 1) {
            throw new UserError("--batch-size: must be >= 1, got " + o.batchSize);
        }
        int epochs = o.epochs == null ? 10 : o.epochs;
        if (epochs < 1) {
            throw new UserError("--epochs: must be >= 1, got " + epochs);
        }
        int every = o.evaluateEvery == null ? 1 : o.evaluateEvery;
        if (every < 1) {
            throw new UserError("--evaluate-every: must be >= 1, got " + every);
        }
        if (!ModelSpec.MLP.equals(c.model)) {
            throw new UserError("--batch-size: mini-batch training is for networks (--model " + ModelSpec.MLP
                    + "); linear models train full-batch, where a subspace step costs about a fixed one");
        }
        for (Object[] flag : new Object[][] {{"--memory", c.memory}, {"--adam-beta1", c.adamBeta1}, {"--adam-beta2", c.adamBeta2},
                {"--adam-epsilon", c.adamEpsilon}}) {
            if (flag[1] != null) {
                throw new UserError(flag[0] + " does not apply to mini-batch training");
            }
        }
        if (c.maxIter != 1000 || c.maxPasses != 0 || c.gradTol != 1e-6) {
            throw new UserError("--max-iter, --max-passes and --grad-tol are full-batch stops; mini-batch training runs --epochs"
                    + " (and stops at --max-seconds)");
        }
        if (!EngineOptions.LOCAL.equals(c.engineOptions.engine) || c.engineOptions.master != null
                || c.engineOptions.partitions != null) {
            throw new UserError("--engine spark, --master and --partitions are for full-batch linear models; mini-batch"
                    + " training runs on the local engine");
        }
        if (c.reportOptions.report != null || c.reportOptions.testEvery != null) {
            throw new UserError((c.reportOptions.report != null ? "--report" : "--test-every") + " is for full-batch runs: a"
                    + " mini-batch run records the test metrics every --evaluate-every epochs in history.csv (one row per epoch)");
        }
        if (c.overwrite && c.out == null) {
            throw new UserError("--force (--overwrite) applies to --out only");
        }
        long seed = c.seed == null ? DEFAULT_SEED : c.seed;
        StochasticRule rule = rule();
        ModelSpec modelSpec = c.modelSpec();
        SplitOptions split = null;
        if (c.testFraction != null) {
            if (!(c.testFraction > 0 && c.testFraction < 1)) {
                throw new UserError("--test-fraction: must be between 0 and 1 (exclusive), got " + c.testFraction);
            }
            split = SplitOptions.defaults().withTestFraction(c.testFraction).withStratified(c.stratify).withSeed(seed);
        } else if (c.stratify) {
            throw new UserError("--stratify: applies to the train/test split; add --test-fraction");
        }
        DataSpec dataSpec = c.dataOptions.spec(c.data, c.maxFeatures);
        TrainCommand.BackendOptions.configure(c.blas, c.threads);
        double maxSeconds = c.maxSeconds > 0 ? c.maxSeconds : Double.POSITIVE_INFINITY;

        try (AtomicOutput output = c.out == null ? null : AtomicOutput.openFolder(c.out, c.overwrite, "--out", TrainReport.FILES);
             TrainingData prepared = TrainingData.prepare(dataSpec, modelSpec, split)) {
            TrainableModel.Network net = (TrainableModel.Network) prepared.model;
            StochasticTrainer trainer = new StochasticTrainer(rule, new BatchSchedule(o.batchSize, epochs, seed, false), every,
                    maxSeconds, seed);
            List<EpochRecord> history = new ArrayList<>();
            StochasticResult result;
            try (NetworkBatches batches = new NetworkBatches(net.model(), prepared.train.features(), prepared.trainTargets,
                    c.lambda)) {
                result = trainer.train(batches, net.start(c.initSeed()), w -> testMetrics(prepared, w), rec -> {
                    history.add(rec);
                    if (!c.quiet) {
                        stderr.println(progressLine(rec, epochs));
                        stderr.flush();
                    }
                    return true;
                });
            }
            if (history.isEmpty() || history.get(history.size() - 1).epoch() != result.last().epoch()) {
                history.add(result.last());
            }
            if (result.termination().isFailure()) {
                stderr.println("planesearch: mini-batch training stopped: non-finite loss or parameters in epoch "
                        + result.last().epoch() + " (" + rule.describe() + "); nothing was written. Try a smaller --learning-rate"
                        + " or a layer-wise method");
                stderr.flush();
                return 1;
            }
            double[] w = result.x();
            ModelEvaluation trainEval = net.evaluate(prepared.train.features(), prepared.trainTargets, w);
            ModelEvaluation testEval = prepared.test == null ? null : net.evaluate(prepared.test.features(), prepared.testTargets, w);
            Map<String, Object> summary = summary(prepared, rule, result, trainEval, testEval, epochs, seed);
            if (output != null) {
                writeHistory(output.file("history.csv"), history);
                Map<String, Object> training = Json.object();
                training.put("date", Instant.now().toString());
                training.put("planesearch", Main.version());
                training.putAll(summary);
                List<String> labels = prepared.classes().isEmpty() ? null : prepared.classes();
                List<String> names = prepared.train.featureNames().isEmpty() ? null : prepared.train.featureNames();
                String labelColumn = prepared.source.format() == DataFormat.CSV && prepared.source.source().equals("file")
                        ? c.dataOptions.labelColumn : null;
                new ModelFile(prepared.model, labels, names, labelColumn,
                        prepared.standardizer == null ? null : prepared.standardizer.means(),
                        prepared.standardizer == null ? null : prepared.standardizer.scales(), c.lambda, training, w)
                        .write(output.file("model.json"));
                Json.write(output.file("summary.json"), summary);
                output.commit();
            }
            if (c.json) {
                stdout.println(Json.line(summary));
            } else if (!c.quiet) {
                printSummary(stdout, summary, trainEval, testEval, result);
            }
            stdout.flush();
            return 0;
        }
    }

    private StochasticRule rule() {
        StochasticOptions s = StochasticOptions.defaults();
        if (c.learningRate != null) {
            s = s.withLearningRate(c.learningRate);
        }
        if (c.momentum != null) {
            s = s.withMomentum(c.momentum);
        }
        if (c.adagradB0 != null) {
            s = s.withAdagradInitialScale(c.adagradB0);
        }
        if (o.weightDecay != null) {
            s = s.withWeightDecay(o.weightDecay);
        }
        if (o.curvature != null) {
            try {
                s = s.withCurvature(CurvatureKind.parse(o.curvature));
            } catch (IllegalArgumentException e) {
                throw new UserError("--curvature " + o.curvature + ": " + e.getMessage());
            }
        }
        if (o.averaging != null) {
            s = s.withAveraging(o.averaging);
        }
        if (o.maxRate != null) {
            s = s.withMaxRate(o.maxRate);
        }
        try {
            return StochasticMethods.parse(c.method, s);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage().replace("has no learning rate to set", "has no learning rate to set (--learning-rate)")
                    .replace("has no momentum to set", "has no momentum to set (--momentum)")
                    .replace("has no weight decay to set", "has no weight decay to set (--weight-decay)")
                    .replace("has no curvature to set", "has no curvature to set (--curvature)")
                    .replace("has no averaging to set", "has no averaging to set (--averaging)")
                    .replace("has no max rate to set", "has no max rate to set (--max-rate)")
                    .replace("has no AdaGrad-Norm b0 to set", "has no AdaGrad-Norm b0 to set (--adagrad-b0)");
            throw new UserError("--method " + c.method + " with --batch-size: " + m);
        }
    }

    private static Map<String, Double> testMetrics(TrainingData prepared, double[] w) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (prepared.test != null) {
            ModelEvaluation e = prepared.model.evaluate(prepared.test.features(), prepared.testTargets, w);
            m.put("test_loss", e.meanLoss());
            if (!Double.isNaN(e.accuracy())) {
                m.put("test_accuracy", e.accuracy());
            }
        }
        return m;
    }

    static String progressLine(EpochRecord r, int epochs) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d: ", r.epoch(), epochs));
        b.append(Double.isNaN(r.trainObjective()) ? String.format(Locale.ROOT, "batch loss %.6g", r.meanBatchLoss())
                : String.format(Locale.ROOT, "f %.6g", r.trainObjective()));
        Double loss = r.metrics().get("test_loss");
        if (loss != null) {
            b.append(String.format(Locale.ROOT, ", test loss %.6g", loss));
        }
        Double acc = r.metrics().get("test_accuracy");
        if (acc != null) {
            b.append(String.format(Locale.ROOT, ", test accuracy %.4f", acc));
        }
        b.append(String.format(Locale.ROOT, ", %.1f s", r.seconds()));
        if (!r.events().isEmpty()) {
            b.append(", safeguards ").append(r.events());
        }
        return b.toString();
    }

    private Map<String, Object> summary(TrainingData prepared, StochasticRule rule, StochasticResult r, ModelEvaluation train,
                                        ModelEvaluation test, int epochs, long seed) {
        Map<String, Object> s = Json.object();
        s.put("data", c.data);
        s.put("model", prepared.model.noun());
        s.put("method", c.method);
        s.put("rule", rule.describe());
        s.put("batch_size", o.batchSize);
        s.put("epochs", epochs);
        s.put("seed", seed);
        s.put("lambda", c.lambda);
        s.put("termination", r.termination().name());
        s.put("steps", r.steps());
        s.put("seconds", Json.number(r.seconds()));
        EpochRecord last = r.last();
        s.put("f", Json.number(last.trainObjective()));
        s.put("gradient_passes", Json.number(last.gradientPasses()));
        s.put("value_passes", Json.number(last.valuePasses()));
        s.put("curvature_passes", Json.number(last.curvaturePasses()));
        Map<String, Object> rates = Json.object();
        for (int i = 0; i < last.rateNames().length; i++) {
            rates.put(last.rateNames()[i], Json.number(last.meanRates()[i]));
        }
        s.put("last_epoch_mean_rates", rates);
        Map<String, Object> events = Json.object();
        for (EpochRecord e : r.history()) {
            e.events().forEach((k, v) -> events.merge(k.name(), v, (a, b) -> (Integer) a + (Integer) b));
        }
        s.put("safeguards", events);
        s.put("train", evaluation(train));
        if (test != null) {
            s.put("test", evaluation(test));
        }
        return s;
    }

    private static Map<String, Object> evaluation(ModelEvaluation e) {
        Map<String, Object> m = Json.object();
        m.put("examples", e.examples());
        m.put("loss", Json.number(e.meanLoss()));
        if (!Double.isNaN(e.accuracy())) {
            m.put("accuracy", Json.number(e.accuracy()));
        }
        return m;
    }

    private static void printSummary(PrintWriter out, Map<String, Object> s, ModelEvaluation train, ModelEvaluation test,
                                     StochasticResult r) {
        out.printf(Locale.ROOT, "%s on %s: %s, batch %s, %d steps in %.1f s (%s)%n", s.get("method"), s.get("data"), s.get("model"),
                s.get("batch_size"), r.steps(), r.seconds(), r.termination());
        out.printf(Locale.ROOT, "  rule      %s%n", s.get("rule"));
        out.printf(Locale.ROOT, "  f         %.8g (training objective, penalty included)%n", r.last().trainObjective());
        out.printf(Locale.ROOT, "  train     loss %.6g%s%n", train.meanLoss(),
                Double.isNaN(train.accuracy()) ? "" : String.format(Locale.ROOT, ", accuracy %.4f", train.accuracy()));
        if (test != null) {
            out.printf(Locale.ROOT, "  test      loss %.6g%s%n", test.meanLoss(),
                    Double.isNaN(test.accuracy()) ? "" : String.format(Locale.ROOT, ", accuracy %.4f", test.accuracy()));
        }
        out.printf(Locale.ROOT, "  rates     %s (mean over the last epoch)%n", s.get("last_epoch_mean_rates"));
        Object events = s.get("safeguards");
        if (events instanceof Map<?, ?> m && !m.isEmpty()) {
            out.printf(Locale.ROOT, "  safeguards %s%n", m);
        }
    }

    private static void writeHistory(java.nio.file.Path file, List<EpochRecord> history) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(HEADER);
            w.newLine();
            for (EpochRecord e : history) {
                StringBuilder b = new StringBuilder();
                b.append(e.epoch()).append(',').append(e.steps()).append(',').append(e.seconds()).append(',')
                        .append(e.trainObjective()).append(',').append(e.metrics().getOrDefault("test_loss", Double.NaN)).append(',')
                        .append(e.metrics().getOrDefault("test_accuracy", Double.NaN)).append(',').append(e.meanBatchLoss())
                        .append(',').append(e.gradientPasses()).append(',').append(e.valuePasses()).append(',')
                        .append(e.curvaturePasses()).append(",\"");
                for (int i = 0; i < e.rateNames().length; i++) {
                    b.append(i == 0 ? "" : ";").append(e.rateNames()[i]).append('=').append(e.meanRates()[i]);
                }
                b.append("\",\"").append(e.events().toString().replace("\"", "")).append('"');
                w.write(b.toString());
                w.newLine();
            }
        }
    }
}
