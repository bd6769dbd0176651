package org.planesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code train --batch-size}: mini-batch training of networks from the command line. */
class MiniBatchCommandTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"heavyball+layerwise", "adamw+layerwise", "gd+adagradnorm", "gd+adagradnorm:per-layer",
            "gd+armijo", "adam+salsa", "gd+ps", "heavyball+fixed"})
    void trainsADigitsNetworkAndWritesTheRun(String method) throws Exception {
        Path out = tmp.resolve("run");
        Cli.Result r = Cli.run("train", "--data", "digits", "--standardize", "--model", "mlp", "--hidden", "16", "--method",
                method, "--batch-size", "64", "--epochs", "3", "--test-fraction", "0.2", "--seed", "7", "--out", out.toString(),
                "--quiet");
        assertEquals(0, r.exit(), r.err());
        Cli.assertOnly(out, "model.json", "history.csv", "summary.json");
        List<String> history = Files.readAllLines(out.resolve("history.csv"));
        assertEquals(MiniBatchRun.HEADER, history.get(0));
        assertEquals(4, history.size(), "one row per epoch");
        JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("EPOCHS_DONE", summary.get("termination").asText());
        assertEquals(3 * 23, summary.get("steps").asInt(), "1437 training rows in batches of 64");
        assertTrue(summary.get("test").get("accuracy").asDouble() > 0.6, method + ": " + summary);
        // the model file is usable as any other
        Cli.Result e = Cli.ok("evaluate", "--model", out.resolve("model.json").toString(), "--data", "digits", "--json");
        assertTrue(e.json().get("accuracy").asDouble() > 0.6);
    }

    @Test
    void progressIsOneLinePerEpochAndTheRunIsDeterministic() {
        String[] args = {"train", "--data", "digits", "--standardize", "--model", "mlp", "--hidden", "8", "--method",
                "heavyball+layerwise", "--batch-size", "100", "--epochs", "2", "--seed", "3", "--json"};
        Cli.Result a = Cli.run(args);
        Cli.Result b = Cli.run(args);
        assertEquals(0, a.exit(), a.err());
        assertEquals(2, a.errLines().size(), a.err());
        assertTrue(a.errLines().get(0).startsWith("epoch 1/2: f "), a.err());
        assertEquals(a.json().get("f").asDouble(), b.json().get("f").asDouble(), 0, "same seed, same bits");
    }

    @Test
    void badMiniBatchFlagsGetOneClearLine() {
        Cli.fails(2, false, List.of("--batch-size", "--model mlp"), "train", "--data", "heart_scale", "--batch-size", "32");
        Cli.fails(2, false, List.of("--epochs", "--batch-size"), "train", "--data", "digits", "--model", "mlp", "--epochs", "3");
        Cli.fails(2, false, List.of("--batch-size", ">= 1"), "train", "--data", "digits", "--model", "mlp", "--batch-size", "0");
        Cli.fails(2, false, List.of("heavyball+layerwise", "--learning-rate"), "train", "--data", "digits", "--model", "mlp",
                "--method", "heavyball+layerwise", "--batch-size", "32", "--learning-rate", "0.1");
        Cli.fails(2, false, List.of("lbfgs"), "train", "--data", "digits", "--model", "mlp", "--method", "lbfgs+layerwise",
                "--batch-size", "32");
        Cli.fails(2, false, List.of("--curvature", "fisher"), "train", "--data", "digits", "--model", "mlp", "--method",
                "heavyball+layerwise", "--batch-size", "32", "--curvature", "diagonal");
        Cli.fails(2, false, List.of("--max-iter"), "train", "--data", "digits", "--model", "mlp", "--batch-size", "32",
                "--method", "gd+ps", "--max-iter", "5");
        Cli.fails(2, false, List.of("--engine spark", "local engine"), "train", "--data", "digits", "--model", "mlp",
                "--batch-size", "32", "--method", "gd+ps", "--engine", "spark");
        Cli.fails(2, false, List.of("--report", "mini-batch"), "train", "--data", "digits", "--model", "mlp", "--batch-size",
                "32", "--method", "gd+ps", "--report", tmp.resolve("r").toString());
    }
}
