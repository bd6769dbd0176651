package org.planesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainCommandTest {

    @TempDir
    Path tmp;

    @Test
    void trainWithNoArgumentsFitsHeartScaleAndPrintsASummary() {
        Cli.Result r = Cli.ok("train");
        String out = r.out();
        assertTrue(out.startsWith("Trained logistic regression on heart_scale (bundled): 270 examples x 13 features, "
                + "labels -1 / 1"), out);
        assertTrue(out.contains("gd + ps: learning rate and momentum chosen by plane search"), out);
        assertTrue(out.contains("converged (||grad f|| <= 1e-6)"), out);
        assertTrue(out.contains("chosen rates"), out);
        assertTrue(out.matches("(?s).*step \\d+: +learning rate [-0-9.e]+, momentum [-0-9.e]+.*"), out);
        assertTrue(out.matches("(?s).*train +accuracy \\d+\\.\\d%.*AUC 0\\.\\d+.*"), out);
    }

    @Test
    void jsonSummaryHasTheResultAndMetrics() {
        JsonNode j = Cli.ok("train", "--json", "--test-fraction", "0.25", "--seed", "3").json();
        assertEquals("ok", j.get("status").asText());
        assertEquals("GRADIENT_NORM", j.get("termination").asText());
        assertEquals("gd + ps", j.get("methodDescription").asText());
        assertTrue(j.get("gradNorm").asDouble() <= 1e-6);
        assertEquals(2 + 2 * j.get("iterations").asLong(), j.get("passes").asLong());
        assertEquals(List.of("learning rate", "momentum"),
                List.of(j.get("rates").get("names").get(0).asText(), j.get("rates").get("names").get(1).asText()));
        assertEquals(Math.round(270 * 0.25), j.get("test").get("examples").asInt());
        assertEquals(270, j.get("train").get("examples").asInt() + j.get("test").get("examples").asInt());
        assertTrue(j.get("test").get("auc").asDouble() > 0.8);
        assertTrue(j.get("train").get("accuracy").asDouble() > 0.8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gd+lo", "gd+ps"})
    void historyHasOneRowPerIterationAndTwoPassesPerIteration(String method) throws IOException {
        Path out = tmp.resolve("run");
        Cli.ok("train", "--method", method, "--out", out.toString(), "--quiet");
        Cli.assertOnly(out, "model.json", "history.csv", "summary.json");
        List<String> lines = Files.readAllLines(out.resolve("history.csv"));
        assertTrue(lines.get(0).startsWith("iteration,f,grad_norm,passes,seconds,"), lines.get(0));
        assertEquals(HistoryWriter.HEADER, lines.get(0));
        JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("summary.json").toFile());
        int iterations = summary.get("iterations").asInt();
        assertTrue(iterations > 5, "iterations " + iterations);
        assertEquals(iterations + 1, lines.size() - 1, "rows: iteration 0 (the start) … " + iterations);
        long previousPasses = -1;
        for (int k = 0; k <= iterations; k++) {
            String[] f = lines.get(k + 1).split(",", -1);
            assertEquals(k, Integer.parseInt(f[0]));
            long passes = Long.parseLong(f[3]);
            if (k > 0) {
                assertEquals(2, passes - previousPasses, method + ": data passes of iteration " + k);
            }
            previousPasses = passes;
        }
        assertEquals(summary.get("passes").asLong(), previousPasses);
    }

    @Test
    void methodsAndModelsTrainOnTheBundledSets() {
        String[][] runs = {
            {"--data", "iris", "--method", "lbfgs+lo", "--standardize"},
            {"--data", "wine", "--method", "gd+so2", "--standardize", "--max-iter", "50"},
            {"--data", "breast_cancer", "--model", "smoothed-hinge", "--standardize", "--hinge-smoothing", "0.5"},
            {"--data", "heart_scale", "--method", "gd+ps:per-layer", "--max-iter", "30"},
            {"--data", "heart_scale", "--method", "heavyball+fixed", "--learning-rate", "0.5", "--momentum", "0.5",
                "--max-iter", "30"},
            {"--data", "heart_scale", "--method", "adam+lo", "--adam-beta1", "0.8", "--max-iter", "30"},
        };
        for (String[] args : runs) {
            String[] all = new String[args.length + 2];
            all[0] = "train";
            System.arraycopy(args, 0, all, 1, args.length);
            all[all.length - 1] = "--json";
            JsonNode j = Cli.ok(all).json();
            assertEquals("ok", j.get("status").asText(), String.join(" ", args));
        }
    }

    @Test
    void regressionOnACsvFileReportsLossAndMse() throws IOException {
        Path csv = tmp.resolve("reg.csv");
        StringBuilder b = new StringBuilder("x1;x2;target\n");
        for (int i = 0; i < 40; i++) {
            double x1 = Math.sin(i);
            double x2 = Math.cos(3 * i);
            b.append(x1).append(';').append(x2).append(';').append(2 * x1 - x2 + 0.5).append('\n');
        }
        Files.writeString(csv, b.toString());
        Path run = tmp.resolve("run");
        JsonNode j = Cli.ok("train", "--data", csv.toString(), "--delimiter", ";", "--label-column", "target",
                "--model", "least-squares", "--lambda", "0", "--method", "lbfgs+lo", "--json", "--out", run.toString())
                .json();
        assertEquals("ok", j.get("status").asText());
        assertTrue(j.get("train").get("mse").asDouble() < 1e-10, j.toString());
        assertFalse(j.get("train").has("accuracy"));
        String model = run.resolve("model.json").toString();
        JsonNode e = Cli.ok("evaluate", "--model", model, "--data", csv.toString(), "--delimiter", ";", "--json").json();
        assertEquals(List.of("data", "model", "examples", "loss", "mse"), iterable(e.fieldNames()));
        assertEquals(j.get("train").get("mse").asDouble(), e.get("mse").asDouble());
        String[] predicted = Cli.ok("predict", "--model", model, "--data", csv.toString(), "--delimiter", ";").out()
                .split("\\R");
        assertEquals(40, predicted.length);
        assertEquals(2 * Math.sin(0) - Math.cos(0) + 0.5, Double.parseDouble(predicted[0]), 1e-6);
        Cli.Result huber = Cli.ok("train", "--data", csv.toString(), "--delimiter", ";", "--model", "huber",
                "--huber-delta", "0.5");
        assertTrue(huber.out().contains("huber (delta 0.5)"), huber.out());
        assertTrue(huber.out().contains("MSE"), huber.out());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void nonFiniteRunExitsOneAndWritesNothing() throws IOException {
        Path csv = tmp.resolve("huge.csv");
        Files.writeString(csv, "a,y\n1e200,1e200\n2e200,3e200\n-1e200,5\n");
        Path out = tmp.resolve("run");
        Cli.Result r = Cli.run("train", "--data", csv.toString(), "--model", "least-squares", "--out", out.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("NaN or infinite"), r.err());
        assertTrue(r.out().contains("FAILED"), r.out());
        assertFalse(r.err().contains("\tat "));
        Cli.assertOnly(tmp, "huge.csv");
    }

    @Test
    void lineSearchFailureExitsOneAndWritesNothing() throws IOException {
        Path csv = tmp.resolve("hugec.csv");
        Files.writeString(csv, "a,y\n1e150,1\n2e150,-1\n-1e150,1\n3,-1\n");
        Path out = tmp.resolve("run");
        Cli.Result r = Cli.run("train", "--data", csv.toString(), "--lambda", "0", "--out", out.toString(), "--json");
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("training failed"), r.err());
        assertEquals("failed", r.json().get("status").asText());
        Cli.assertOnly(tmp, "hugec.csv");
    }

    @Test
    void outIntoNewNestedFolderIsCreatedAndOverwriteReplacesAnEarlierRun() throws IOException {
        Path out = tmp.resolve("a/b/run");
        Cli.ok("train", "--out", out.toString(), "--quiet");
        Cli.assertOnly(out, "model.json", "history.csv", "summary.json");
        Cli.ok("train", "--out", out.toString(), "--overwrite", "--quiet", "--method", "gd+lo");
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"gd+lo\""));
        Cli.assertOnly(out.getParent(), "run");
    }

    @Test
    void failedRunRemovesTheFoldersItCreated() {
        Path out = tmp.resolve("x/y/run");
        Cli.fails(2, false, List.of("nope.csv"), "train", "--data", tmp.resolve("nope.csv").toString(),
                "--out", out.toString());
        assertFalse(Files.exists(tmp.resolve("x")), "created parents are removed");
    }

    @Test
    void overwriteRefusesAFolderWithForeignFiles() throws IOException {
        Path out = tmp.resolve("mine");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "keep me");
        Cli.fails(2, false, List.of("--out", "notes.txt"), "train", "--out", out.toString(), "--overwrite");
        Cli.assertOnly(out, "notes.txt");
    }
}
