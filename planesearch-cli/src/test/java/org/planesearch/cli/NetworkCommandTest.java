package org.planesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planesearch.data.Dataset;
import org.planesearch.data.bundled.BundledDatasets;

/** train, evaluate and predict with {@code --model mlp}: small networks on the bundled data, few iterations. */
class NetworkCommandTest {

    @TempDir
    Path tmp;

    private static JsonNode read(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void irisNetworkWritesTheRunAndEvaluateAndPredictAgreeWithTheReport() throws IOException {
        Path run = tmp.resolve("run");
        Cli.Result r = Cli.ok("train", "--data", "iris", "--standardize", "--model", "mlp", "--hidden", "6",
                "--max-iter", "25", "--out", run.toString());
        assertTrue(r.out().startsWith("Trained a 4-6-3 tanh network (softmax) on iris (bundled): 150 examples x 4 features,"
                + " 3 classes"), r.out());
        assertTrue(r.out().contains("mlp 4-6-3, tanh, softmax output, lambda 1e-4 on the weights, init seed 1, "
                + "standardized features"), r.out());
        Cli.assertOnly(run, "model.json", "history.csv", "summary.json");
        JsonNode summary = read(run.resolve("summary.json"));
        assertEquals("ok", summary.get("status").asText());
        JsonNode model = summary.get("model");
        assertEquals("network", model.get("kind").asText());
        assertEquals("[4,6,3]", model.get("widths").toString());
        assertEquals("tanh", model.get("activation").asText());
        assertEquals("softmax", model.get("loss").asText());
        assertEquals(1, model.get("initSeed").asLong());
        List<String> history = Files.readAllLines(run.resolve("history.csv"));
        assertEquals(HistoryWriter.HEADER, history.get(0));
        assertEquals(summary.get("iterations").asInt() + 2, history.size());

        JsonNode file = read(run.resolve("model.json"));
        assertEquals(ModelFile.VERSION, file.get("version").asInt());
        assertEquals("network", file.get("kind").asText());
        assertEquals(4 * 6 + 6 + 6 * 3 + 3, file.get("parameters").size());

        String modelFile = run.resolve("model.json").toString();
        JsonNode train = summary.get("train");
        JsonNode e = Cli.ok("evaluate", "--model", modelFile, "--data", "iris", "--json").json();
        assertEquals(List.of("data", "model", "examples", "accuracy", "loss"), iterable(e.fieldNames()));
        assertEquals(150, e.get("examples").asInt());
        assertEquals(train.get("accuracy").asDouble(), e.get("accuracy").asDouble());
        assertEquals(train.get("loss").asDouble(), e.get("loss").asDouble(), 1e-12 * train.get("loss").asDouble());
        assertTrue(e.get("accuracy").asDouble() > 0.8, e.toString());
        assertTrue(Cli.ok("evaluate", "--model", modelFile, "--data", "iris").out()
                .startsWith("Evaluated softmax network " + modelFile + " on iris: 150 examples"));

        // predict: the labels reproduce the accuracy; probabilities are rows of 3 that sum to 1
        String[] labels = Cli.ok("predict", "--model", modelFile, "--data", "iris").out().split("\\R");
        assertEquals(150, labels.length);
        List<String> truth = irisLabels();
        int hits = 0;
        for (int i = 0; i < 150; i++) {
            hits += labels[i].equals(truth.get(i)) ? 1 : 0;
        }
        assertEquals(e.get("accuracy").asDouble(), hits / 150.0);
        String[] p = Cli.ok("predict", "--model", modelFile, "--data", "iris", "--probabilities").out().split("\\R");
        assertEquals(150, p.length);
        for (String line : p) {
            String[] v = line.split(",");
            assertEquals(3, v.length, line);
            assertEquals(1.0, Double.parseDouble(v[0]) + Double.parseDouble(v[1]) + Double.parseDouble(v[2]), 1e-12);
        }
    }

    /** The iris labels in file order, as the bundled set has them. */
    private static List<String> irisLabels() throws IOException {
        try (Dataset data = BundledDatasets.load("iris")) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < data.rows(); i++) {
                out.add(data.labels().get(i));
            }
            return out;
        }
    }

    @Test
    void binaryNetworkHasOneLogisticOutputAndReportsAuc() throws IOException {
        JsonNode j = Cli.ok("train", "--data", "breast_cancer", "--standardize", "--model", "mlp", "--hidden", "4",
                "--activation", "softplus", "--max-iter", "15", "--test-fraction", "0.3", "--json").json();
        assertEquals("ok", j.get("status").asText());
        assertEquals("logistic", j.get("model").get("loss").asText());
        assertEquals("[30,4,1]", j.get("model").get("widths").toString());
        assertTrue(j.get("test").get("auc").asDouble() > 0.9, j.toString());
        assertTrue(j.get("train").get("accuracy").asDouble() > 0.9, j.toString());

        // on heart_scale without a split, evaluate and predict reproduce the training metrics
        Path run = tmp.resolve("heart");
        JsonNode h = Cli.ok("train", "--data", "heart_scale", "--model", "mlp", "--hidden", "3", "--max-iter", "15",
                "--out", run.toString(), "--json").json();
        String model = run.resolve("model.json").toString();
        JsonNode e = Cli.ok("evaluate", "--model", model, "--data", "heart_scale", "--json").json();
        for (String metric : List.of("accuracy", "loss", "auc")) {
            assertEquals(h.get("train").get(metric).asDouble(), e.get(metric).asDouble(), metric);
        }
        String[] p = Cli.ok("predict", "--model", model, "--data", "heart_scale", "--probabilities").out().split("\\R");
        assertEquals(270, p.length);
        String[] first = p[0].split(",");
        assertEquals(2, first.length, p[0]);
        assertEquals(1.0, Double.parseDouble(first[0]) + Double.parseDouble(first[1]), 1e-15);
        String[] labels = Cli.ok("predict", "--model", model, "--data", "heart_scale").out().split("\\R");
        assertTrue(List.of("-1", "1").containsAll(List.of(labels)), labels[0]);
        assertEquals(Double.parseDouble(first[1]) >= 0.5 ? "1" : "-1", labels[0]);
    }

    @Test
    void theReportSaysWhenTheStepIsNoLongerCheap() {
        JsonNode two = Cli.ok("train", "--model", "mlp", "--hidden", "3", "--max-iter", "5", "--json").json();
        assertEquals("so-friendly", two.get("evaluator").asText());
        assertEquals(2 + 2 * two.get("iterations").asLong(), two.get("passes").asLong(), "two passes per iteration");
        JsonNode deep = Cli.ok("train", "--model", "mlp", "--hidden", "3,3", "--max-iter", "5", "--json").json();
        assertEquals("generic", deep.get("evaluator").asText());
        assertTrue(deep.get("passes").asLong() > 2 + 2 * deep.get("iterations").asLong(), deep.toString());
        String text = Cli.ok("train", "--model", "mlp", "--hidden", "3,3", "--max-iter", "5").out();
        assertTrue(text.contains("not SO-friendly: each of the"), text);
        assertFalse(Cli.ok("train", "--model", "mlp", "--hidden", "3", "--max-iter", "5").out().contains("not SO-friendly"));
    }

    @Test
    void perLayerMethodNamesEachLayersRates() throws IOException {
        Path run = tmp.resolve("run");
        Cli.Result r = Cli.ok("train", "--model", "mlp", "--hidden", "3", "--method", "gd+ps:per-layer", "--max-iter", "4",
                "--out", run.toString());
        assertTrue(r.out().contains("layer1 learning rate"), r.out());
        JsonNode rates = read(run.resolve("summary.json")).get("rates");
        assertEquals(List.of("layer1 learning rate", "layer1 momentum", "layer2 learning rate", "layer2 momentum"),
                texts(rates.get("names")));
        assertEquals(4, rates.get("last").size());
        // history.csv: the coefficients in the order of those names, one space-separated field
        List<String> history = Files.readAllLines(run.resolve("history.csv"));
        assertEquals(6, history.size(), "header, the start and 4 iterations");
        String[] step1 = history.get(2).split(",", -1);
        String[] step2 = history.get(3).split(",", -1);
        assertEquals(2, step1[step1.length - 1].split(" ").length, "step 1: a learning rate per layer, no momentum yet");
        assertEquals(4, step2[step2.length - 1].split(" ").length, history.get(3));
        // the median matches coefficients by name: layer2's learning rate is not mixed with layer1's momentum
        List<Double> layer2Rates = new ArrayList<>();
        for (int k = 2; k < history.size(); k++) {
            String[] f = history.get(k).split(",", -1);
            String[] c = f[f.length - 1].split(" ");
            layer2Rates.add(Double.parseDouble(c[c.length == 2 ? 1 : 2]));
        }
        layer2Rates.sort(null);
        assertEquals(0.5 * (layer2Rates.get(1) + layer2Rates.get(2)), rates.get("median").get(2).asDouble());
    }

    @Test
    void theInitSeedDecidesTheRun() {
        String[] args = {"train", "--data", "iris", "--standardize", "--model", "mlp", "--hidden", "5", "--max-iter", "10",
            "--json"};
        String f1 = Cli.ok(args).json().get("f").toString();
        String again = Cli.ok(args).json().get("f").toString();
        String seed1 = Cli.ok(with(args, "--init-seed", "1")).json().get("f").toString();
        String seed2 = Cli.ok(with(args, "--init-seed", "2")).json().get("f").toString();
        assertEquals(f1, again, "same seed, same bits");
        assertEquals(f1, seed1, "the default seed is 1");
        assertNotEquals(f1, seed2);
    }

    @Test
    void regressionNetworkReportsLossAndMse() throws IOException {
        Path csv = tmp.resolve("reg.csv");
        StringBuilder b = new StringBuilder("x1,x2,target\n");
        for (int i = 0; i < 30; i++) {
            double x1 = Math.sin(i);
            double x2 = Math.cos(3 * i);
            b.append(x1).append(',').append(x2).append(',').append(Math.tanh(x1 - x2)).append('\n');
        }
        Files.writeString(csv, b.toString());
        Path run = tmp.resolve("run");
        JsonNode j = Cli.ok("train", "--data", csv.toString(), "--model", "mlp", "--hidden", "4", "--loss",
                "least-squares", "--method", "lbfgs+lo", "--max-iter", "40", "--out", run.toString(), "--json").json();
        assertEquals("least-squares", j.get("model").get("loss").asText());
        assertFalse(j.get("train").has("accuracy"));
        assertTrue(j.get("train").get("mse").asDouble() < 0.01, j.toString());
        String model = run.resolve("model.json").toString();
        JsonNode e = Cli.ok("evaluate", "--model", model, "--data", csv.toString(), "--json").json();
        assertEquals(List.of("data", "model", "examples", "loss", "mse"), iterable(e.fieldNames()));
        assertEquals(j.get("train").get("mse").asDouble(), e.get("mse").asDouble());
        String[] predicted = Cli.ok("predict", "--model", model, "--data", csv.toString()).out().split("\\R");
        assertEquals(30, predicted.length);
        assertEquals(Math.tanh(Math.sin(0) - Math.cos(0)), Double.parseDouble(predicted[0]), 0.3);
        Cli.fails(2, false, List.of("--probabilities", "least-squares network"), "predict", "--model", model, "--data",
                csv.toString(), "--probabilities");
    }

    @Test
    void guessedLossesAskForTheNetworkFlag() throws IOException {
        Path csv = tmp.resolve("real.csv");
        Files.writeString(csv, "a,y\n1,0.5\n2,1.5\n3,2.25\n");
        Cli.fails(2, false, List.of(csv.toString(), "--loss least-squares"), "train", "--data", csv.toString(),
                "--model", "mlp");
        Cli.fails(2, false, List.of(csv.toString(), "--model least-squares"), "train", "--data", csv.toString());
    }

    private static String[] with(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
