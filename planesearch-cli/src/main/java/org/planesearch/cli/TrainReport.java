package org.planesearch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.Termination;
import org.planesearch.data.transform.SplitOptions;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.models.linear.LossKind;
import org.planesearch.models.linear.ModelEvaluation;
import org.planesearch.models.network.NetworkModel;

/**
 * What a training run did, for people (a compact summary) and for programs ({@code summary.json},
 * {@code --json}, and the provenance stored in the model file): the data, the model, the method
 * as the optimizer describes it, why it stopped, the costs, the rates the step rule chose, and
 * the metrics.
 *
 * @param data the --data value as the user wrote it
 * @param prepared the prepared data (shapes, classes, split)
 * @param lambda the penalty λ
 * @param split the split, or null
 * @param methodName the --method value
 * @param stop the stop flags
 * @param result the optimizer's result
 * @param rates the chosen coefficients
 * @param train metrics on the training part, null for a failed run
 * @param test metrics on the test part, null without a split or for a failed run
 * @param out the output folder, or null
 * @param backend the linear-algebra backend's description
 */
record TrainReport(String data, TrainingData prepared, double lambda, SplitOptions split, String methodName, StopSpec stop,
                   OptimizationResult result, ChosenRates rates, ModelEvaluation train, ModelEvaluation test, Path out,
                   String backend) {

    /** The files a run writes into --out. */
    static final List<String> FILES = List.of("model.json", "history.csv", "summary.json");

    /** The summary as a JSON object (summary.json, --json). */
    Map<String, Object> json() {
        Map<String, Object> m = Json.object();
        m.put("status", result.succeeded() ? "ok" : "failed");
        m.put("termination", result.termination().name());
        m.put("f", Json.number(result.value()));
        m.put("gradNorm", Json.number(result.gradientNorm()));
        m.put("iterations", result.iterations());
        m.put("passes", result.dataPasses());
        m.put("functionEvaluations", result.functionEvaluations());
        m.put("gradientEvaluations", result.gradientEvaluations());
        m.put("trials", result.trials());
        // "so-friendly": ψ trials cost no pass over the data; "generic": each is a full evaluation
        m.put("evaluator", result.isCheap() ? "so-friendly" : "generic");
        // iterations whose per-layer step had a runaway layer rate capped (StepStatus.RATE_CAPPED)
        m.put("cappedSteps", result.cappedSteps());
        m.put("seconds", result.elapsedSeconds());
        m.put("method", methodName);
        m.put("methodDescription", result.optimizer());
        m.put("stop", stop.criterion().describe());
        Map<String, Object> r = Json.object();
        double[] last = rates.last();
        r.put("names", rates.names(last.length));
        r.put("first", Json.numbers(rates.step(1)));
        r.put("last", Json.numbers(last));
        double[] median = rates.median();
        r.put("median", Json.numbers(median));
        m.put("rates", r);
        m.put("data", dataJson());
        m.put("model", modelJson());
        if (train != null) {
            m.put("train", MetricsReport.json(train));
        }
        if (test != null) {
            m.put("test", MetricsReport.json(test));
        }
        m.put("backend", backend);
        if (out != null && result.succeeded()) {
            m.put("out", out.toString());
        }
        return m;
    }

    private Map<String, Object> dataJson() {
        Map<String, Object> d = Json.object();
        d.put("name", data);
        d.put("source", prepared.source.source());
        d.put("format", prepared.source.format().id());
        d.put("examples", prepared.allRows);
        d.put("features", prepared.model.features());
        if (!prepared.classes().isEmpty()) {
            d.put("classes", prepared.classes());
        }
        d.put("trainExamples", prepared.train.rows());
        if (split != null) {
            d.put("testExamples", prepared.test.rows());
            d.put("testFraction", split.testFraction());
            d.put("seed", split.seed());
            d.put("stratified", split.stratified());
        }
        d.put("standardized", prepared.standardizer != null);
        return d;
    }

    /** A linear model: loss, lossParameter, lambda, intercept, outputs; a network: kind, loss, widths, activation, ... */
    private Map<String, Object> modelJson() {
        if (prepared.model instanceof TrainableModel.Network n) {
            NetworkModel network = n.model();
            Map<String, Object> d = Json.object();
            d.put("kind", ModelFile.NETWORK);
            d.put("loss", network.loss().id());
            List<Integer> widths = new ArrayList<>();
            for (int width : network.widths()) {
                widths.add(width);
            }
            d.put("widths", widths);
            d.put("activation", network.activation().id());
            d.put("lambda", lambda);
            d.put("initSeed", prepared.spec.network().initSeed());
            d.put("outputs", network.outputs());
            return d;
        }
        LinearModel model = ((TrainableModel.Linear) prepared.model).model();
        Map<String, Object> d = Json.object();
        d.put("loss", model.loss().id());
        if (model.loss().hasParameter()) {
            d.put("lossParameter", model.lossParameter());
        }
        d.put("lambda", lambda);
        d.put("intercept", model.intercept());
        d.put("outputs", model.outputs());
        return d;
    }

    /** The compact human summary. */
    void print(PrintWriter w) {
        TrainableModel trained = prepared.model;
        w.println((result.succeeded() ? "Trained " : "Training FAILED: ") + modelName(trained) + " on " + data
                + (prepared.source.source().equals("file") ? "" : " (" + prepared.source.source() + ")") + ": "
                + Fmt.count(prepared.allRows) + " examples x " + Fmt.count(trained.features()) + " feature"
                + Fmt.s(trained.features()) + classesText());
        String standardized = prepared.standardizer == null ? "" : prepared.standardizer.centers()
                ? ", standardized features" : ", scaled features (sparse data: not centred)";
        if (trained instanceof TrainableModel.Network n) {
            NetworkModel network = n.model();
            row(w, "model", ModelSpec.MLP + " " + n.shape() + ", " + network.activation().id() + ", " + network.loss().id()
                    + " output, lambda " + Fmt.sig(lambda, 3) + " on the weights, init seed " + prepared.spec.network().initSeed()
                    + standardized);
        } else {
            LinearModel model = ((TrainableModel.Linear) trained).model();
            row(w, "model", model.loss().id() + (model.loss().hasParameter() ? " (" + model.loss().parameterName() + " "
                    + Fmt.sig(model.lossParameter(), 4) + ")" : "") + ", lambda " + Fmt.sig(lambda, 3)
                    + (model.intercept() ? ", intercept" : ", no intercept") + standardized);
        }
        row(w, "method", result.optimizer() + ": " + rates.how());
        String label = "stopped";
        for (String line : stopped()) {
            row(w, label, line);
            label = "";
        }
        row(w, "objective", "f " + Fmt.sig(result.value(), 6) + "   ||grad f|| " + Fmt.sig(result.gradientNorm(), 2));
        if (result.cappedSteps() > 0) {
            row(w, "safeguard", "a layer's learning rate ran away (over 100x its recent median) in "
                    + Fmt.count(result.cappedSteps()) + " iteration" + Fmt.s(result.cappedSteps())
                    + "; capped there (status RATE_CAPPED in history.csv)");
        }
        if (!result.isCheap()) {
            // deeper networks: the subspace step is no longer SO-friendly, and the cost shows it
            row(w, "cost", "not SO-friendly: each of the " + Fmt.count(result.trials()) + " step trials evaluated f in full ("
                    + Fmt.count(result.dataPasses()) + " data passes for " + Fmt.count(result.iterations())
                    + " iterations; a fixed step takes 2 per iteration)");
        }
        printRates(w);
        if (train != null) {
            row(w, "train", MetricsReport.line(train) + (split == null ? ""
                    : "   (" + Fmt.count(train.examples()) + " examples)"));
        }
        if (test != null) {
            row(w, "test", MetricsReport.line(test) + "   (" + Fmt.count(test.examples()) + " examples, seed " + split.seed()
                    + ")");
        }
        if (out != null && result.succeeded()) {
            row(w, "saved", out + "/ (" + String.join(", ", FILES) + ")");
        } else if (result.succeeded()) {
            w.println("Save the model with --out DIR; 'planesearch train --help' lists every flag.");
        }
    }

    private void printRates(PrintWriter w) {
        if (rates.steps() == 0 || !rates.chosen()) {
            return;
        }
        int last = rates.steps();
        List<String[]> lines = new ArrayList<>();
        if (last > 1) {
            lines.add(new String[] {"step 1:", rateList(rates.step(1))});
        }
        lines.add(new String[] {"step " + last + ":", rateList(rates.step(last))});
        if (last > 2) {
            lines.add(new String[] {"median:", rateList(rates.median())});
        }
        int width = 0;
        for (String[] l : lines) {
            width = Math.max(width, l[0].length());
        }
        String label = "chosen rates";
        for (String[] l : lines) {
            row(w, label, String.format(java.util.Locale.ROOT, "%-" + width + "s  %s", l[0], l[1]));
            label = "";
        }
    }

    private String rateList(double[] c) {
        List<String> names = rates.names(c.length);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < c.length && i < 8; i++) {
            parts.add(names.get(i) + " " + Fmt.sig(c[i], 3));
        }
        return String.join(", ", parts) + (c.length > 8 ? ", ... (" + c.length + " in all; see history.csv)" : "");
    }

    private static void row(PrintWriter w, String label, String text) {
        w.printf("  %-13s %s%n", label, text);
    }

    /** Why the run stopped, for people: one line, and a second one of advice when it did not converge. */
    List<String> stopped() {
        Termination t = result.termination();
        String tolerance = Fmt.sig(stop.gradientTolerance(), 3);
        String after = " after " + result.iterations() + " iteration" + Fmt.s(result.iterations()) + ", "
                + result.dataPasses() + " data passes, " + Fmt.seconds(result.elapsedSeconds());
        String notConverged = "not converged (||grad f|| " + Fmt.sig(result.gradientNorm(), 2) + " > " + tolerance + ")";
        switch (t) {
            case GRADIENT_NORM:
                return List.of("converged (||grad f|| <= " + tolerance + ")" + after);
            case MAX_ITERATIONS:
                return List.of("iteration limit" + after, notConverged + ": raise --max-iter"
                        + (prepared.standardizer == null ? " or try --standardize" : ""));
            case MAX_PASSES:
                return List.of("data-pass limit (" + stop.maxPasses() + ")" + after, notConverged);
            case MAX_TIME:
                return List.of("time limit (" + Fmt.sig(stop.maxSeconds(), 3) + " s)" + after, notConverged);
            case LINE_SEARCH_FAILED:
                return List.of("FAILED" + after + ":", "the step search found no decrease, even along -grad f");
            case NON_FINITE:
                return List.of("FAILED" + after + ":", "the objective became NaN or infinite");
            default:
                return List.of(t.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + after);
        }
    }

    /** The one stderr line of a failed run. */
    String failureLine() {
        String what;
        if (result.termination() == Termination.NON_FINITE) {
            what = "the objective became NaN or infinite " + (result.iterations() == 0 ? "at the starting point"
                    : "after iteration " + result.iterations()) + (prepared.standardizer == null
                    ? " (try --standardize, or a larger --lambda)" : " (try a larger --lambda)");
        } else {
            boolean small = result.gradientNorm() < 1e-3;
            what = "the step search found no decrease at iteration " + (result.iterations() + 1) + ", even along -grad f"
                    + (small ? " (||grad f|| " + Fmt.sig(result.gradientNorm(), 2) + " there: a --grad-tol above that "
                    + "stops before)" : prepared.standardizer == null ? " (try --standardize)" : "");
        }
        return "training failed: " + what + "; nothing was written" + (out == null ? "" : " to " + out);
    }

    private String classesText() {
        List<String> classes = prepared.classes();
        if (classes.isEmpty()) {
            return "";
        }
        if (classes.size() == 2) {
            return ", labels " + classes.get(0) + " / " + classes.get(1);
        }
        List<String> shown = classes.subList(0, Math.min(6, classes.size()));
        return ", " + classes.size() + " classes (" + String.join(", ", shown) + (classes.size() > shown.size() ? ", ..." : "")
                + ")";
    }

    private static String modelName(TrainableModel trained) {
        if (trained instanceof TrainableModel.Network n) {
            return "a " + n.shape() + " " + n.model().activation().id() + " network (" + n.model().loss().id() + ")";
        }
        LossKind k = ((TrainableModel.Linear) trained).model().loss();
        switch (k) {
            case LOGISTIC:
                return "logistic regression";
            case SOFTMAX:
                return "softmax regression";
            case LEAST_SQUARES:
                return "least-squares regression";
            case HUBER:
                return "Huber regression";
            case SMOOTHED_HINGE:
                return "a smoothed-hinge SVM";
            default:
                return k.id() + " model";
        }
    }
}
