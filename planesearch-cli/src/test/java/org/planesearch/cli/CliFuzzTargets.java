package org.planesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.planesearch.cli.report.Run;
import org.planesearch.cli.report.RunReader;
import org.planesearch.core.testing.fuzz.FuzzTarget;
import org.planesearch.data.DataFormatException;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.models.linear.LossKind;
import org.planesearch.models.network.Activation;
import org.planesearch.models.network.NetworkModel;
import org.planesearch.models.network.OutputLoss;

/**
 * The command line's fuzz targets, over every file it reads besides data (the data readers are
 * fuzzed in planesearch-data): model files as written ({@code model-file}: most mutations are
 * caught by the checksum), model files resealed after mutation so that the field validation behind
 * the checksum is reached ({@code model-file-resealed}), the same through the program's
 * {@code evaluate} command, checking the exit code and the one-line message
 * ({@code model-command}), and run folders read by {@code report} ({@code run-folder}:
 * history.csv and summary.json). Checkpoints, when they exist, are one more entry of {@link #ALL}.
 *
 * <p>Each writes the input to a file under {@code target/fuzz-work/} and reads it as the program
 * would. Clean errors: {@link UserError} or {@link DataFormatException} with one line naming the
 * file; exit code 2 with one line on stderr, no stack trace. Valid results are checked (a model
 * file writes and reads back equal). Seeds: valid files of each kind, plus every file in
 * {@code src/test/resources/fuzz/NAME/} (the regression corpus).
 */
final class CliFuzzTargets {

    /** Every target of this module. */
    static final List<FuzzTarget> ALL = List.of(new ModelFileTarget(false), new ModelFileTarget(true),
            new ModelCommand(), new RunFolder());

    private static final Path WORK = Path.of("target", "fuzz-work");

    private CliFuzzTargets() {
    }

    /** The target with this name. */
    static FuzzTarget named(String name) {
        for (FuzzTarget t : ALL) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no fuzz target " + name);
    }

    private static Path work(String name) {
        try {
            return Files.createDirectories(WORK.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The seeds plus the regression inputs in src/test/resources/fuzz/NAME/. */
    static List<byte[]> withRegressions(String name, List<byte[]> seeds) {
        List<byte[]> all = new ArrayList<>(seeds);
        Path dir = Path.of("src/test/resources/fuzz", name);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    all.add(Files.readAllBytes(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    private static void oneLineNaming(String message, Path file) {
        assertTrue(message != null && message.startsWith(file.toString()), () -> "message does not name the file: " + message);
        assertFalse(message.contains("\n") || message.contains("\r"), () -> "message is not one line: " + message);
    }

    /** Model files written by this program (v3), and by earlier ones (v1, v2). */
    static List<byte[]> modelSeeds() {
        Path dir = work("seeds");
        List<byte[]> seeds = new ArrayList<>();
        try {
            List<ModelFile> models = List.of(
                    new ModelFile(new TrainableModel.Linear(LinearModel.logistic(3, true)), List.of("-1", "1"),
                            List.of("a", "b", "c"), "y", new double[] {0.5, -1, 2}, new double[] {1, 0.25, 3}, 1e-4,
                            Map.of("method", "gd+ps", "iterations", 12), new double[] {0.1, -0.2, 0.3, 1e-300}),
                    new ModelFile(new TrainableModel.Linear(new LinearModel(LossKind.HUBER, 2, 1, false, 1.5)), null,
                            null, null, null, null, 0, null, new double[] {1, 2}),
                    new ModelFile(new TrainableModel.Linear(LinearModel.softmax(2, 3, true)), List.of("a", "b", "c"),
                            null, null, null, null, 0.5, null, new double[9]),
                    new ModelFile(new TrainableModel.Network(NetworkModel.of(new int[] {2, 3, 2}, Activation.TANH,
                            OutputLoss.SOFTMAX_CROSS_ENTROPY)), List.of("x", "y"), null, null, null, null, 1e-3,
                            Map.of("method", "gd+ps:per-layer"), new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
                                14, 15, 16, 17}));
            for (int i = 0; i < models.size(); i++) {
                Path f = dir.resolve("seed" + i + ".json");
                models.get(i).write(f);
                seeds.add(Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        seeds.add(utf8("{\"format\": \"planesearch-model\", \"version\": 1, \"model\": \"logistic\", \"features\": 2, "
                + "\"outputs\": 1, \"intercept\": true, \"labels\": [\"-1\", \"1\"], \"lambda\": 1e-4, "
                + "\"training\": {\"method\": \"gd+ps\"}, \"parameters\": [0.5, -0.25, 1]}"));
        seeds.add(utf8("{\"format\": \"planesearch-model\", \"version\": 2, \"kind\": \"network\", \"widths\": [1, 1, 1], "
                + "\"activation\": \"relu\", \"loss\": \"least-squares\", \"lambda\": 0, \"parameters\": [1, 2, 3, 4]}"));
        return seeds;
    }

    private static final List<String> JSON_TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"", "null", "true", "false",
            "1e999", "-0", "1.5", "\"format\"", "\"version\"", "\"kind\"", "\"linear\"", "\"network\"", "\"model\"",
            "\"features\"", "\"outputs\"", "\"widths\"", "\"labels\"", "\"parameters\"", "\"standardizer\"", "\"means\"",
            "\"scales\"", "\"lambda\"", "\"checksum\"", "\"training\"", "\"labelColumn\"", "\"featureNames\"",
            "\"lossParameter\"", "\"intercept\"", "\"activation\"", "\"loss\"", "\"softmax\"", "\"huber\"", "[[[[[[[[",
            "\"\\u0000\"", "\"\\ud800\"", "2147483648", "[1,2,3,4,5,6,7,8,9,10]");

    /** ModelFile.read over the bytes as they are, or resealed after mutation. */
    static final class ModelFileTarget implements FuzzTarget {
        private final boolean reseal;

        ModelFileTarget(boolean reseal) {
            this.reseal = reseal;
        }

        @Override
        public String name() {
            return reseal ? "model-file-resealed" : "model-file";
        }

        @Override
        public List<byte[]> seeds() {
            return withRegressions(name(), modelSeeds());
        }

        @Override
        public List<String> dictionary() {
            return JSON_TOKENS;
        }

        @Override
        public Outcome run(byte[] input) throws IOException {
            Path dir = work(name());
            Path f = dir.resolve("model.json");
            byte[] bytes = input;
            if (reseal) {
                try {
                    bytes = ModelFile.resealed(input);
                } catch (UserError e) {
                    return Outcome.REJECTED; // not a JSON object: the other target covers it
                }
            }
            Files.write(f, bytes);
            ModelFile m;
            try {
                m = ModelFile.read(f);
            } catch (UserError e) {
                oneLineNaming(e.getMessage(), f);
                assertEquals(2, e.exitCode());
                return Outcome.REJECTED;
            }
            Path again = dir.resolve("again.json");
            m.write(again);
            assertEquals(m, ModelFile.read(again), "a model read writes and reads back equal");
            return Outcome.ACCEPTED;
        }
    }

    /** planesearch evaluate --model (resealed input) --data (a small file): exit 0 or 2, one line. */
    static final class ModelCommand implements FuzzTarget {
        @Override
        public String name() {
            return "model-command";
        }

        @Override
        public List<byte[]> seeds() {
            return withRegressions(name(), modelSeeds());
        }

        @Override
        public List<String> dictionary() {
            return JSON_TOKENS;
        }

        @Override
        public Outcome run(byte[] input) throws IOException {
            Path dir = work(name());
            Path data = dir.resolve("data.libsvm");
            if (!Files.exists(data)) {
                Files.writeString(data, "1 1:0.5 2:-1\n-1 1:2 3:0.25\n1 2:1\n");
            }
            Path f = dir.resolve("model.json");
            byte[] bytes = input;
            try {
                bytes = input.length % 4 == 0 ? input : ModelFile.resealed(input);
            } catch (UserError e) {
                bytes = input;
            }
            Files.write(f, bytes);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            String[] args = input.length % 3 == 0
                    ? new String[] {"predict", "--model", f.toString(), "--data", data.toString()}
                    : new String[] {"evaluate", "--model", f.toString(), "--data", data.toString(), "--json"};
            int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
            String e = err.toString();
            assertTrue(exit == 0 || exit == 2, () -> "exit code " + exit + "; stderr: " + e);
            if (exit == 0) {
                assertEquals("", e, "stderr");
                return Outcome.ACCEPTED;
            }
            assertFalse(e.contains("\tat ") || e.contains("Exception"), () -> "stack trace: " + e);
            List<String> lines = e.lines().toList();
            assertEquals(1, lines.size(), () -> "stderr lines: " + e);
            assertTrue(lines.get(0).startsWith("planesearch: "), lines.get(0));
            return Outcome.REJECTED;
        }
    }

    /**
     * A run folder as {@code report} reads it: a 4-byte big-endian length L, L bytes of
     * history.csv, then summary.json (absent when empty).
     */
    static final class RunFolder implements FuzzTarget {
        @Override
        public String name() {
            return "run-folder";
        }

        static byte[] pack(String history, String summary) {
            byte[] h = utf8(history);
            byte[] s = utf8(summary);
            return ByteBuffer.allocate(4 + h.length + s.length).putInt(h.length).put(h).put(s).array();
        }

        @Override
        public List<byte[]> seeds() {
            String header = HistoryWriter.HEADER + "," + RunRecorder.TEST_COLUMNS;
            return withRegressions(name(), List.of(
                    pack(header + "\n0,0.693,0.5,1,0.001,1,1,0,0,start,false,,,,0\n"
                            + "1,0.5,0.1,3,0.002,2,2,2,1,CONVERGED,false,0.5 0.25,0.51,0.75,0.0005\n"
                            + "2,0.45,1e-3,5,0.003,3,3,2,1,CONVERGED,false,1.5 -2e-3,,,0.0005\n",
                            "{\"method\": \"gd+ps\", \"termination\": \"GRADIENT_NORM\", \"f\": 0.45, \"iterations\": 2, "
                            + "\"fStar\": 0.44, \"data\": {\"name\": \"heart_scale\"}, \"model\": {\"loss\": \"logistic\"}, "
                            + "\"test\": {\"accuracy\": 0.8, \"loss\": 0.5}}"),
                    pack("iteration,f,grad_norm,passes,seconds\n0,1,1,0,0\n1,NaN,Infinity,2,1e-3\n", ""),
                    pack("f,iteration,seconds,passes,grad_norm,extra\n3,0,0.1,1,2,x\n", "{}")));
        }

        @Override
        public List<String> dictionary() {
            return List.of(",", "\n", "NaN", "Infinity", "-Infinity", "1e309", "iteration", "coefficients", "test_loss",
                    "\"method\"", "\"fStar\"", "\"iterations\"", "\"names\"", "{", "}", "[", "]", "\"", " ");
        }

        @Override
        public Outcome run(byte[] input) throws IOException {
            Path dir = work(name());
            Path history = dir.resolve(RunReader.HISTORY);
            Path summary = dir.resolve(RunReader.SUMMARY);
            int len = input.length < 4 ? 0 : ByteBuffer.wrap(input).getInt() & 0x7FFF_FFFF;
            int from = Math.min(4, input.length);
            int split = (int) Math.min((long) from + len, input.length);
            Files.write(history, java.util.Arrays.copyOfRange(input, from, split));
            if (split < input.length) {
                Files.write(summary, java.util.Arrays.copyOfRange(input, split, input.length));
            } else {
                Files.deleteIfExists(summary);
            }
            Run run;
            try {
                run = RunReader.read(dir);
            } catch (DataFormatException e) {
                String m = e.getMessage();
                assertTrue(m != null && (m.startsWith(history.toString()) || m.startsWith(summary.toString())
                        || m.startsWith(dir.toString())), () -> "message does not name the file: " + m);
                assertFalse(m.contains("\n") || m.contains("\r"), () -> "message is not one line: " + m);
                return Outcome.REJECTED;
            }
            assertFalse(run.rows().isEmpty(), "rows");
            for (int i = 1; i < run.rows().size(); i++) {
                assertTrue(run.rows().get(i).iteration() > run.rows().get(i - 1).iteration(), "increasing iterations");
            }
            return Outcome.ACCEPTED;
        }
    }
}
