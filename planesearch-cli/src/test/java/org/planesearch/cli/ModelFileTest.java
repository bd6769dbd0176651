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
        ModelFile written = new ModelFile(model, List.of("a", "b", "c"), List.of("u", "v", "w", "x", "y"), "y", means,
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
            ModelFile written = new ModelFile(model, labels, null, null, null, null, 0.5, null,
                    awkward(model.dimension(), k.ordinal()));
            Path f = tmp.resolve(k.id() + ".json");
            written.write(f);
            String text = Files.readString(f);
            assertTrue(text.contains("\"model\" : \"" + k.id() + "\""), text);
            ModelFile read = ModelFile.read(f);
            assertEquals(model, read.model());
            assertEquals(parameter, read.model().lossParameter());
            assertArrayEquals(bits(written.parameters()), bits(read.parameters()));
            assertNull(read.standardizer());
            assertEquals(written, read);
        }
    }

    @Test
    void inconsistentPartsAreProgrammerErrors() {
        LinearModel model = LinearModel.logistic(2, false);
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
        LinearModel model = LinearModel.logistic(2, false);
        Path f = tmp.resolve("m.json");
        new ModelFile(model, List.of("b", "a"), null, null, null, null, 0, null, new double[2]).write(f);
        UserError e = assertThrows(UserError.class, () -> ModelFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ": \"labels\""), e.getMessage());
    }
}
