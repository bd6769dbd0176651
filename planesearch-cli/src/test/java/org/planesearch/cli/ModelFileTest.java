package org.planesearch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.models.linear.LossKind;
import org.planesearch.models.network.Activation;
import org.planesearch.models.network.NetworkModel;
import org.planesearch.models.network.OutputLoss;

class ModelFileTest {

    @TempDir
    Path tmp;

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }

    private static double[] awkward(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] special = {0.1, -0.0, 1e-300, Double.MIN_VALUE, -Double.MAX_VALUE, Math.PI, 1.0 / 3, 123456789.123456789};
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i < special.length ? special[i] : (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-20, 20));
        }
        return v;
    }

    @Test
    void softmaxModelWithStandardizerRoundTripsBitForBit() throws IOException {
        LinearModel model = LinearModel.softmax(5, 3, true);
        double[] means = {0.5, -1.25, 0, 1e-17, 3};
        double[] scales = {1, 0.1, 2.5, 1e-8, 7};
        ModelFile written = new ModelFile(new TrainableModel.Linear(model), List.of("a", "b", "c"), List.of("u", "v", "w", "x", "y"), "y", means,
                scales, 1e-4, Map.of("method", "lbfgs+lo", "iterations", 12), awkward(model.dimension(), 1));
        Path f = tmp.resolve("m.json");
        written.write(f);
        ModelFile read = ModelFile.read(f);
        assertArrayEquals(bits(written.parameters()), bits(read.parameters()));
        assertArrayEquals(bits(means), bits(read.means()));
        assertArrayEquals(bits(scales), bits(read.scales()));
        assertEquals(written, read);
        assertEquals(List.of("a", "b", "c"), read.labelMap().classes());
    }

    @Test
    void everyLossKindRoundTripsWithItsParameter() throws IOException {
        for (LossKind k : LossKind.values()) {
            int outputs = k == LossKind.SOFTMAX ? 4 : 1;
            double parameter = k.hasParameter() ? 0.37 : 0;
            LinearModel model = new LinearModel(k, 3, outputs, k != LossKind.LEAST_SQUARES, parameter);
            List<String> labels = k == LossKind.SOFTMAX ? List.of("0", "1", "2", "7")
                    : k.isBinary() ? List.of("-1", "1") : null;
            ModelFile written = new ModelFile(new TrainableModel.Linear(model), labels, null, null, null, null, 0.5, null,
                    awkward(model.dimension(), k.ordinal()));
            Path f = tmp.resolve(k.id() + ".json");
            written.write(f);
            String text = Files.readString(f);
            assertTrue(text.contains("\"model\" : \"" + k.id() + "\""), text);
            ModelFile read = ModelFile.read(f);
            assertEquals(new TrainableModel.Linear(model), read.model());
            assertEquals(parameter, ((TrainableModel.Linear) read.model()).model().lossParameter());
            assertArrayEquals(bits(written.parameters()), bits(read.parameters()));
            assertNull(read.standardizer());
            assertEquals(written, read);
        }
    }

    @Test
    void inconsistentPartsAreProgrammerErrors() {
        TrainableModel model = new TrainableModel.Linear(LinearModel.logistic(2, false));
        List<String> two = List.of("a", "b");
        assertThrows(IllegalArgumentException.class, () -> new ModelFile(model, two, null, null, null, null, 0, null,
                new double[3]), "parameter count");
        assertThrows(IllegalArgumentException.class, () -> new ModelFile(model, List.of("a", "b", "c"), null, null, null,
                null, 0, null, new double[2]), "3 labels for a binary model");
        assertThrows(IllegalArgumentException.class, () -> new ModelFile(model, null, null, null, null, null, 0, null,
                new double[2]), "no labels for a classifier");
        assertThrows(IllegalArgumentException.class, () -> new ModelFile(model, two, List.of("x"), null, null, null, 0,
                null, new double[2]), "1 feature name for 2 features");
    }

    @Test
    void labelsThatDoNotFitTheModelAreRejectedOnReading() throws IOException {
        TrainableModel model = new TrainableModel.Linear(LinearModel.logistic(2, false));
        Path f = tmp.resolve("m.json");
        new ModelFile(model, List.of("b", "a"), null, null, null, null, 0, null, new double[2]).write(f);
        UserError e = assertThrows(UserError.class, () -> ModelFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ": \"labels\""), e.getMessage());
    }

    private static ModelFile network(int[] widths, Activation activation, OutputLoss loss, List<String> labels) {
        NetworkModel model = NetworkModel.of(widths, activation, loss);
        return new ModelFile(new TrainableModel.Network(model), labels, null, null, null, null, 1e-3,
                Map.of("method", "gd+ps:per-layer"), awkward(model.dimension(), widths.length));
    }

    @Test
    void networkRoundTripsBitForBitAsVersion3() throws IOException {
        NetworkModel model = NetworkModel.of(new int[] {5, 4, 3, 3}, Activation.GELU, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        double[] means = {0.5, -1.25, 0, 1e-17, 3};
        double[] scales = {1, 0.1, 2.5, 1e-8, 7};
        ModelFile written = new ModelFile(new TrainableModel.Network(model), List.of("a", "b", "c"),
                List.of("u", "v", "w", "x", "y"), "y", means, scales, 1e-4, Map.of("method", "gd+ps:per-layer"),
                awkward(model.dimension(), 9));
        Path f = tmp.resolve("net.json");
        written.write(f);
        String text = Files.readString(f);
        assertTrue(text.contains("\"version\" : 3") && text.contains("\"kind\" : \"network\"")
                && text.contains("\"activation\" : \"gelu\"") && text.contains("\"loss\" : \"softmax\""), text);
        ModelFile read = ModelFile.read(f);
        assertEquals(written, read);
        assertEquals(new TrainableModel.Network(model), read.model());
        assertArrayEquals(bits(written.parameters()), bits(read.parameters()));
        assertArrayEquals(new int[] {5, 4, 3, 3}, ((TrainableModel.Network) read.model()).model().widths());
        assertEquals(List.of("a", "b", "c"), read.labelMap().classes());

        for (OutputLoss loss : OutputLoss.values()) {
            int c = loss == OutputLoss.SOFTMAX_CROSS_ENTROPY ? 2 : 1;
            List<String> labels = loss == OutputLoss.SQUARED ? null : List.of("no", "yes");
            ModelFile m = network(new int[] {2, 3, c}, Activation.RELU, loss, labels);
            Path g = tmp.resolve(loss.id() + ".json");
            m.write(g);
            assertEquals(m, ModelFile.read(g), loss.id());
        }
    }

    @Test
    void everyModelIsWrittenAsVersion3WithItsKindAndAChecksum() throws IOException {
        Path f = tmp.resolve("m.json");
        new ModelFile(new TrainableModel.Linear(LinearModel.logistic(2, true)), List.of("-1", "1"), null, null, null,
                null, 0, null, new double[3]).write(f);
        String text = Files.readString(f);
        assertTrue(text.contains("\"version\" : 3") && text.contains("\"kind\" : \"linear\""), text);
        assertTrue(text.matches("(?s).*\"checksum\" : \"sha256:[0-9a-f]{64}\".*"), text);
    }

    /** Files as versions 1 and 2 wrote them (before checksums): read as before. */
    @Test
    void version1And2FilesWithoutAChecksumAreStillRead() throws IOException {
        Path v1 = tmp.resolve("v1.json");
        Files.writeString(v1, "{\"format\": \"planesearch-model\", \"version\": 1, \"model\": \"logistic\", "
                + "\"features\": 2, \"outputs\": 1, \"intercept\": true, \"labels\": [\"-1\", \"1\"], \"lambda\": 1e-4, "
                + "\"training\": {\"method\": \"gd+ps\"}, \"parameters\": [0.5, -0.25, 1]}");
        ModelFile m1 = ModelFile.read(v1);
        assertEquals(new TrainableModel.Linear(LinearModel.logistic(2, true)), m1.model());
        assertArrayEquals(new double[] {0.5, -0.25, 1}, m1.parameters());
        Path v2 = tmp.resolve("v2.json");
        Files.writeString(v2, "{\"format\": \"planesearch-model\", \"version\": 2, \"kind\": \"network\", "
                + "\"widths\": [1, 1, 1], \"activation\": \"tanh\", \"loss\": \"least-squares\", \"lambda\": 0, "
                + "\"parameters\": [1, 2, 3, 4]}");
        ModelFile m2 = ModelFile.read(v2);
        assertArrayEquals(new double[] {1, 2, 3, 4}, m2.parameters());
        // and what is written now reads back the same
        Path again = tmp.resolve("again.json");
        m1.write(again);
        assertEquals(m1, ModelFile.read(again));
        // a checksum in an older version is a contradiction
        Path v2sum = tmp.resolve("v2sum.json");
        Files.writeString(v2sum, Files.readString(v2).replace("\"version\": 2,", "\"version\": 2, \"checksum\": \"x\","));
        UserError e = assertThrows(UserError.class, () -> ModelFile.read(v2sum));
        assertTrue(e.getMessage().contains("a version-2 model file has no \"checksum\""), e.getMessage());
    }

    @Test
    void aDamagedFileIsRefusedInOneLineNamingTheFile() throws IOException {
        Path good = tmp.resolve("good.json");
        network(new int[] {3, 4, 1}, Activation.TANH, OutputLoss.LOGISTIC, List.of("-1", "1")).write(good);
        byte[] bytes = Files.readAllBytes(good);
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        // every single-digit change inside the parameters is caught by the checksum
        int start = text.indexOf("\"parameters\"");
        int checked = 0;
        for (int i = start; i < text.length() && checked < 40; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '8') {
                byte[] damaged = bytes.clone();
                damaged[i]++;
                com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
                if (json.readTree(damaged).equals(json.readTree(bytes))) {
                    continue; // the same value (4.9E-324 and 5.9E-324 are one double): not damage
                }
                Path f = tmp.resolve("damaged-" + i + ".json");
                Files.write(f, damaged);
                UserError e = assertThrows(UserError.class, () -> ModelFile.read(f));
                assertTrue(e.getMessage().startsWith(f + ": checksum mismatch"), e.getMessage());
                assertEquals(1, e.getMessage().lines().count());
                checked++;
            }
        }
        assertTrue(checked > 10);
        String[][] cases = {
            {"\"checksum\" : \"sha256:", "\"checksum\" : \"md5:"},
            {"\"checksum\" : \"sha256:", "\"checksum\" : \"sha256:0"},
        };
        for (String[] c : cases) {
            Path f = tmp.resolve("bad-checksum.json");
            Files.writeString(f, text.replace(c[0], c[1]));
            UserError e = assertThrows(UserError.class, () -> ModelFile.read(f));
            assertTrue(e.getMessage().contains("\"checksum\" is '"), e.getMessage());
        }
        Path dup = tmp.resolve("duplicate.json");
        Files.writeString(dup, text.replace("\"lambda\"", "\"lambda\" : 1, \"lambda\""));
        UserError e = assertThrows(UserError.class, () -> ModelFile.read(dup));
        assertTrue(e.getMessage().contains("Duplicate field 'lambda'"), e.getMessage());
    }

    /** Found by Jazzer: a value with a line break ("kind": "line\r") made a two-line message. */
    @Test
    void valuesFromTheFileAreQuotedOnOneLine() throws IOException {
        Path good = tmp.resolve("good.json");
        network(new int[] {3, 4, 1}, Activation.TANH, OutputLoss.LOGISTIC, List.of("-1", "1")).write(good);
        String text = Files.readString(good);
        for (String value : List.of("line\\r", "a\\nb", "x\\u2028y", "z".repeat(5000))) {
            Path f = tmp.resolve("kind.json");
            Files.write(f, ModelFile.resealed(text.replace("\"kind\" : \"network\"", "\"kind\" : \"" + value + "\"")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            UserError e = assertThrows(UserError.class, () -> ModelFile.read(f));
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().length() < 400, e.getMessage());
            assertTrue(e.getMessage().startsWith(f + ": \"kind\" is '"), e.getMessage());
        }
        assertEquals("a\\nb\\r\\u2028", UserError.oneLine("a\nb\r\u2028"));
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeItIsRead() throws IOException {
        Path big = tmp.resolve("big.json");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(ModelFile.MAX_BYTES + 1); // sparse: no disk space used
        }
        UserError e = assertThrows(UserError.class, () -> ModelFile.read(big));
        assertTrue(e.getMessage().startsWith(big + ": is 1024 MiB, larger than a model file may be"), e.getMessage());
    }

    /** A network model file with one field replaced, read: the UserError's message. */
    private String corrupt(String name, String from, String to) throws IOException {
        Path good = tmp.resolve("good-" + name + ".json");
        network(new int[] {3, 4, 1}, Activation.TANH, OutputLoss.LOGISTIC, List.of("-1", "1")).write(good);
        String text = Files.readString(good);
        assertTrue(text.contains(from), from);
        Path f = tmp.resolve(name + ".json");
        Files.write(f, ModelFile.resealed(text.replace(from, to).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        UserError e = assertThrows(UserError.class, () -> ModelFile.read(f), name);
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void corruptNetworkFilesNameTheFieldAndTheValue() throws IOException {
        String widths = "\"widths\" : [ 3, 4, 1 ]";
        assertTrue(corrupt("zero", widths, "\"widths\" : [ 3, 0, 1 ]").contains("\"widths\"[1] is '0', expected a whole number >= 1"));
        assertTrue(corrupt("fraction", widths, "\"widths\" : [ 3, 4.5, 1 ]").contains("\"widths\"[1] is '4.5'"));
        assertTrue(corrupt("short", widths, "\"widths\" : [ 3, 1 ]").contains("\"widths\" has 2 entries, expected at least 3"));
        assertTrue(corrupt("missing", widths, "\"width\" : [ 3, 4, 1 ]").contains("missing array \"widths\""));
        String count = corrupt("count", widths, "\"widths\" : [ 3, 5, 1 ]");
        assertTrue(count.contains("\"parameters\" has 21 values, expected 26 for widths [3, 5, 1]"), count);
        assertTrue(corrupt("outputs", widths, "\"widths\" : [ 3, 4, 2 ]").contains("a logistic network has exactly 1 output"));
        String activation = corrupt("activation", "\"activation\" : \"tanh\"", "\"activation\" : \"swish\"");
        assertTrue(activation.contains("\"activation\"") && activation.contains("'swish'") && activation.contains("relu"),
                activation);
        String loss = corrupt("loss", "\"loss\" : \"logistic\"", "\"loss\" : \"hinge\"");
        assertTrue(loss.contains("\"loss\"") && loss.contains("'hinge'"), loss);
        assertTrue(corrupt("labels", "\"loss\" : \"logistic\"", "\"loss\" : \"least-squares\"")
                .contains("a least-squares network has no \"labels\""));
        assertTrue(corrupt("kind", "\"kind\" : \"network\"", "\"kind\" : \"forest\"")
                .contains("\"kind\" is 'forest', expected 'linear' or 'network'"));
        assertTrue(corrupt("v4", "\"version\" : 3", "\"version\" : 4").contains("version 4 is not supported"));
        assertTrue(corrupt("nan", "\"parameters\" : [ 0.1,", "\"parameters\" : [ \"NaN\",")
                .contains("\"parameters\"[0] is '\"NaN\"', not a finite number"));
    }

    @Test
    void aLeastSquaresNetworkHasOneOutput() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> network(new int[] {2, 3, 2}, Activation.TANH, OutputLoss.SQUARED, null));
        assertTrue(e.getMessage().contains("ends in 2 outputs"), e.getMessage());
        Path one = tmp.resolve("one.json");
        network(new int[] {2, 3, 1}, Activation.TANH, OutputLoss.SQUARED, null).write(one);
        Path f = tmp.resolve("wide.json");
        Files.write(f, ModelFile.resealed(Files.readString(one).replace("\"widths\" : [ 2, 3, 1 ]", "\"widths\" : [ 2, 3, 2 ]")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        UserError u = assertThrows(UserError.class, () -> ModelFile.read(f));
        assertTrue(u.getMessage().startsWith(f + ": \"widths\" [2, 3, 2] ends in 2 outputs"), u.getMessage());
    }
}
