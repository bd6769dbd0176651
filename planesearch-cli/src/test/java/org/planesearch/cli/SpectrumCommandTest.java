package org.planesearch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.spectrum.SymmetricEigen;

/** {@code planesearch spectrum} on a logistic model of heart_scale (n = 14) and a small network on iris. */
class SpectrumCommandTest {

    @TempDir
    static Path tmp;

    static Path logistic;
    static Path network;

    @BeforeAll
    static void train() {
        Path run = tmp.resolve("logistic");
        Cli.ok("train", "--data", "heart_scale", "--model", "logistic", "--lambda", "1e-3", "--out", run.toString(),
                "--quiet");
        logistic = run.resolve("model.json");
        Path net = tmp.resolve("mlp");
        Cli.ok("train", "--data", "iris", "--standardize", "--model", "mlp", "--hidden", "4", "--max-iter", "15",
                "--out", net.toString(), "--quiet");
        network = net.resolve("model.json");
    }

    private static JsonNode read(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }

    /** The dense Hessian of the model file's objective on heart_scale, column by column from n products. */
    private static double[] denseHessian(Path modelFile) throws IOException {
        DataSpec spec = new DataSpec("heart_scale", null, null, null, null, false, 0, Path.of(DataOptions.DEFAULT_CACHE));
        try (ModelInput in = ModelInput.read(modelFile, spec, false)) {
            double[] targets = in.model.labelMap().targets(in.data.labels());
            Objective f = in.model.model().objective(in.data.features(), targets, in.model.lambda());
            double[] x = in.model.parameters();
            int n = x.length;
            double[] h = new double[n * n];
            double[] e = new double[n];
            double[] col = new double[n];
            for (int j = 0; j < n; j++) {
                java.util.Arrays.fill(e, 0);
                e[j] = 1;
                f.hessianTimes(x, e, col);
                for (int i = 0; i < n; i++) {
                    h[i * n + j] = col[i];
                }
            }
            return h;
        }
    }

    private static void assertDensityIntegratesToOne(JsonNode spectrum) {
        double[] grid = doubles(spectrum.get("density").get("grid"));
        double[] values = doubles(spectrum.get("density").get("values"));
        assertEquals(spectrum.get("settings").get("grid_size").asInt(), grid.length);
        assertEquals(grid.length, values.length);
        double delta = (grid[grid.length - 1] - grid[0]) / (grid.length - 1);
        double mass = 0;
        for (double v : values) {
            assertTrue(v >= 0, "negative density " + v);
            mass += v * delta;
        }
        assertEquals(1.0, mass, 1e-9);
    }

    private static void assertDescending(double[] v) {
        for (int i = 1; i < v.length; i++) {
            assertTrue(v[i] <= v[i - 1], () -> "not descending: " + java.util.Arrays.toString(v));
        }
    }

    private static void assertPng(Path png) throws IOException {
        byte[] b = Files.readAllBytes(png);
        assertTrue(b.length > 5_000, "png of " + b.length + " bytes");
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
                java.util.Arrays.copyOf(b, 8));
    }

    @Test
    void logisticSpectrumMatchesTheDenseHessian() throws IOException {
        Path out = tmp.resolve("spectrum-logistic");
        Cli.Result r = Cli.ok("spectrum", "--model", logistic.toString(), "--data", "heart_scale", "--out",
                out.toString(), "--draws", "3", "--grid-size", "500", "--trace-samples", "60", "--seed", "7");
        Cli.assertOnly(out, "spectrum.json", "eigenvalues.csv", "density.csv", "density.png", "density.svg");
        assertTrue(r.out().startsWith("Hessian spectrum of logistic model " + logistic + " on heart_scale: dimension 14"),
                r.out());
        assertTrue(r.out().contains("2/lambda_max") && r.out().contains("learning rate"), r.out());

        JsonNode s = read(out.resolve("spectrum.json"));
        List<String> keys = new ArrayList<>();
        s.fieldNames().forEachRemaining(keys::add);
        assertTrue(keys.containsAll(List.of("top_eigenvalues", "trace", "density", "mass_outside_grid", "settings",
                "hessian_vector_products", "seconds", "step_size_link")), keys::toString);
        assertEquals(14, s.get("dimension").asInt());
        double[] top = doubles(s.get("top_eigenvalues"));
        assertEquals(5, top.length);
        assertDescending(top);

        double[] h = denseHessian(logistic);
        double[] exact = SymmetricEigen.eigenvalues(h, 14);
        java.util.Arrays.sort(exact);
        for (int j = 0; j < 5; j++) {
            assertEquals(exact[13 - j], top[j], 1e-8 * exact[13], "eigenvalue " + (j + 1));
        }
        double diagonal = 0;
        for (int i = 0; i < 14; i++) {
            diagonal += h[i * 14 + i];
        }
        double trace = diagonal;
        JsonNode t = s.get("trace");
        assertEquals(60, t.get("samples").asInt());
        assertTrue(Math.abs(t.get("estimate").asDouble() - trace) <= 3 * t.get("standard_error").asDouble(),
                () -> t + " vs exact " + trace);

        assertDensityIntegratesToOne(s);
        JsonNode settings = s.get("settings");
        assertEquals(14, settings.get("steps").asInt()); // 90 clamped to n
        assertEquals(3, settings.get("draws").asInt());
        assertEquals(1e-5, settings.get("sigma_squared").asDouble());
        assertEquals(7, settings.get("seed").asLong());
        assertTrue(settings.get("layer").isNull());
        assertTrue(settings.get("kernel_variance").asDouble() > 0);
        assertTrue(s.get("hessian_vector_products").asLong() >= 3 * 14 + 60);

        JsonNode link = s.get("step_size_link");
        assertEquals(2 / top[0], link.get("two_over_lambda_max").asDouble(), 1e-15 * (2 / top[0]));
        JsonNode rates = link.get("training_rates");
        assertEquals(1, rates.size());
        assertEquals("learning rate", rates.get(0).get("name").asText());
        JsonNode trained = read(logistic).get("training").get("rates");
        assertEquals(trained.get("last").get(0).asDouble(), rates.get(0).get("last").asDouble());
        assertEquals(trained.get("median").get(0).asDouble(), rates.get(0).get("median").asDouble());

        List<String> eig = Files.readAllLines(out.resolve("eigenvalues.csv"));
        assertEquals("rank,eigenvalue,residual", eig.get(0));
        assertEquals(6, eig.size());
        assertEquals(top[0], Double.parseDouble(eig.get(1).split(",")[1]));
        List<String> density = Files.readAllLines(out.resolve("density.csv"));
        assertEquals("grid,value", density.get(0));
        assertEquals(501, density.size());
        assertPng(out.resolve("density.png"));
        String svg = Files.readString(out.resolve("density.svg"));
        assertTrue(svg.contains("<svg") && svg.length() > 5_000, "svg");
    }

    @Test
    void networkLayerRestrictsTheOperator() throws IOException {
        Path out = tmp.resolve("spectrum-layer");
        Cli.ok("spectrum", "--model", network.toString(), "--data", "iris", "--out", out.toString(), "--layer",
                "layer1", "--top", "3", "--steps", "12", "--draws", "2", "--grid-size", "400", "--trace-samples", "10");
        JsonNode s = read(out.resolve("spectrum.json"));
        assertEquals(4 * 4 + 4, s.get("dimension").asInt());
        assertEquals("layer1", s.get("layer").asText());
        assertEquals("layer1", s.get("settings").get("layer").asText());
        assertEquals(12, s.get("settings").get("steps").asInt());
        double[] top = doubles(s.get("top_eigenvalues"));
        assertEquals(3, top.length);
        assertDescending(top);
        assertDensityIntegratesToOne(s);
        // a global learning rate applies to every layer's block
        assertEquals("learning rate", s.get("step_size_link").get("training_rates").get(0).get("name").asText());
        assertPng(out.resolve("density.png"));

        // a block of the layer, and --overwrite over an earlier run
        Cli.ok("spectrum", "--model", network.toString(), "--data", "iris", "--out", out.toString(), "--layer",
                "layer2.bias", "--top", "9", "--steps", "3", "--draws", "1", "--grid-size", "50", "--trace-samples",
                "4", "--overwrite");
        JsonNode b = read(out.resolve("spectrum.json"));
        assertEquals(3, b.get("dimension").asInt());
        assertEquals(3, b.get("top_eigenvalues").size()); // --top clamped to the dimension
    }

    @Test
    void badInputIsOneLineAndLeavesNothing() throws IOException {
        Path out = tmp.resolve("never");
        String m = logistic.toString();
        Cli.fails(2, false, List.of("--layer 'layer9'", "weights", "intercept"), "spectrum", "--model", m, "--data",
                "heart_scale", "--out", out.toString(), "--layer", "layer9");
        Cli.fails(2, false, List.of("missing.json"), "spectrum", "--model", tmp.resolve("missing.json").toString(),
                "--data", "heart_scale", "--out", out.toString());
        Cli.fails(2, false, List.of("--top 0"), "spectrum", "--model", m, "--data", "heart_scale", "--out",
                out.toString(), "--top", "0");
        Cli.fails(2, false, List.of("--sigma-squared"), "spectrum", "--model", m, "--data", "heart_scale", "--out",
                out.toString(), "--sigma-squared", "-1");
        Cli.fails(2, false, List.of("--grid-size"), "spectrum", "--model", m, "--data", "heart_scale", "--out",
                out.toString(), "--grid-size", "1");
        Cli.fails(2, false, List.of("--trace-samples"), "spectrum", "--model", m, "--data", "heart_scale", "--out",
                out.toString(), "--trace-samples", "1");
        Cli.fails(2, true, List.of("--steps"), "spectrum", "--model", m, "--data", "heart_scale", "--out",
                out.toString(), "--steps", "many");
        Cli.fails(2, false, List.of("iris"), "spectrum", "--model", m, "--data", "iris", "--out", out.toString());
        assertFalse(Files.exists(out), "nothing may be left in --out");
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".partial-")), "staging leftovers");
        }
    }
}
