package org.planesearch.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planesearch.cli.Main;
import org.planesearch.spark.SparkTests;

/**
 * {@code train --engine spark --master local[2]}: the same flags and outputs as the local engine
 * (summary, model.json, history.csv, summary.json), the same optimum (f within 1e-10 relative)
 * and the same passes; dense and sparse data; user errors in one line.
 */
class SparkEngineTest {

    @AfterAll
    static void stop() {
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
    }

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void trainOnSparkMatchesTheLocalEngine(@TempDir Path dir) throws Exception {
        for (String[] data : new String[][] {{"--data", "heart_scale"}, {"--data", "wine", "--standardize"}}) {
            String[] common = {"train", data[0], data[1], "--method", "lbfgs+ps", "--grad-tol", "1e-10", "--lambda", "1e-3",
                "--json"};
            if (data.length > 2) {
                common = java.util.stream.Stream.concat(java.util.Arrays.stream(common), java.util.stream.Stream.of(data[2]))
                        .toArray(String[]::new);
            }
            Run local = run(common);
            assertEquals(0, local.exit(), local.err());
            Path out = dir.resolve(data[1]);
            String[] spark = java.util.stream.Stream.concat(java.util.Arrays.stream(common),
                    java.util.stream.Stream.of("--engine", "spark", "--master", "local[2]", "--partitions", "3",
                            "--out", out.toString())).toArray(String[]::new);
            Run r = run(spark);
            assertEquals(0, r.exit(), r.err());
            JsonNode a = local.json();
            JsonNode b = r.json();
            assertEquals("GRADIENT_NORM", b.get("termination").asText());
            double rel = SparkTests.relative(b.get("f").asDouble(), a.get("f").asDouble(), 0);
            assertTrue(rel <= 1e-10, "f " + b.get("f") + " vs local " + a.get("f"));
            assertEquals(a.get("passes").asLong() / (double) a.get("iterations").asLong(),
                    b.get("passes").asLong() / (double) b.get("iterations").asLong(), 0.05);
            assertEquals(a.get("train").get("accuracy").asDouble(), b.get("train").get("accuracy").asDouble(), 1e-12);
            assertTrue(b.get("backend").asText().startsWith("spark "), b.get("backend").asText());
            assertTrue(b.get("backend").asText().contains("3 partitions"), b.get("backend").asText());
            for (String file : new String[] {"model.json", "history.csv", "summary.json"}) {
                assertTrue(Files.exists(out.resolve(file)), file);
            }
        }
    }

    @Test
    void sparseDataTrainsOnSparkToo() throws Exception {
        Run local = run("train", "--data", "heart_scale", "--format", "libsvm", "--model", "logistic", "--method", "lbfgs+ps", "--grad-tol", "1e-10",
                "--json");
        assertEquals(0, local.exit(), local.err());
        Run r = run("train", "--data", "heart_scale", "--format", "libsvm", "--model", "logistic", "--method", "lbfgs+ps", "--grad-tol", "1e-10",
                "--json", "--engine", "spark", "--master", "local[2]");
        assertEquals(0, r.exit(), r.err());
        double rel = SparkTests.relative(r.json().get("f").asDouble(), local.json().get("f").asDouble(), 0);
        assertTrue(rel <= 1e-10, r.out());
    }

    @Test
    void badEngineFlagsSayWhatIsWrongInOneLine() {
        Run r = run("train", "--engine", "spark", "--master", "local[2]", "--partitions", "0");
        assertEquals(2, r.exit());
        assertEquals("planesearch: --partitions: must be >= 1, got 0", r.err().strip());
        r = run("train", "--engine", "spark", "--master", "local[2]", "--data", "iris", "--model", "mlp");
        assertEquals(2, r.exit());
        assertTrue(r.err().strip().startsWith("planesearch: --engine spark trains linear models only"), r.err());
    }
}
