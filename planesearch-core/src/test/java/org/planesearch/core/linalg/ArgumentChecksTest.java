package org.planesearch.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every implementation rejects wrong shapes with an {@link IllegalArgumentException} naming the
 * argument, and refuses every call after {@link DataMatrix#close()} with an
 * {@link IllegalStateException}.
 */
class ArgumentChecksTest {

    static List<String> kinds() {
        return List.of("java", "java-float32", "csr", "native", "native-float32");
    }

    /** A 3×2 matrix [[1, 2], [3, 4], [5, 6]] of the given kind. */
    static DataMatrix matrix(String kind) {
        return TestMatrices.of(kind, 3, 2, new double[] {1, 2, 3, 4, 5, 6});
    }

    private static void assumeLoadable(String kind) {
        Assumptions.assumeTrue(!kind.startsWith("native") || Backend.nativeAvailable(), "OpenBLAS not loadable here");
    }

    private static void assertNames(String argument, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(argument + " "), "message should name '" + argument + "': " + e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void wrongShapesNameTheArgument(String kind) {
        assumeLoadable(kind);
        try (DataMatrix x = matrix(kind)) {
            double[] two = new double[2];
            double[] three = new double[3];
            assertNames("v", () -> x.multiply(new double[1], three));
            assertNames("out", () -> x.multiply(two, new double[2]));
            assertNames("v", () -> x.multiply(null, three));
            assertNames("r", () -> x.multiplyTransposed(new double[2], two));
            assertNames("out", () -> x.multiplyTransposed(three, new double[1]));
            assertNames("m", () -> x.multiply(new double[3], 2, new double[6]));
            assertNames("out", () -> x.multiply(new double[4], 2, new double[5]));
            assertNames("k", () -> x.multiply(two, -1, three));
            assertNames("r", () -> x.multiplyTransposed(new double[5], 2, new double[4]));
            assertNames("out", () -> x.multiplyTransposed(new double[6], 2, new double[3]));
            assertNames("out", () -> x.row(0, new double[1]));
            assertNames("i", () -> x.row(3, two));
            assertNames("i", () -> x.row(-1, two));
            double[] same = new double[6];
            assertNames("out", () -> x.multiply(same, 1, same));
            // Longer arrays are fine: only the first entries are read or written.
            double[] out = {0, 0, 0, -7};
            x.multiply(new double[] {1, 1, 99}, out);
            assertEquals(3, out[0], 1e-6);
            assertEquals(-7, out[3], 0.0);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aClosedMatrixRefusesEveryCall(String kind) {
        assumeLoadable(kind);
        DataMatrix x = matrix(kind);
        x.close();
        x.close();   // idempotent
        double[] two = new double[2];
        double[] three = new double[3];
        assertThrows(IllegalStateException.class, () -> x.multiply(two, three));
        assertThrows(IllegalStateException.class, () -> x.multiplyTransposed(three, two));
        assertThrows(IllegalStateException.class, () -> x.multiply(two, 1, three));
        assertThrows(IllegalStateException.class, () -> x.multiplyTransposed(three, 1, two));
        assertThrows(IllegalStateException.class, () -> x.row(0, two));
        assertEquals(3, x.rows());
        assertEquals(2, x.cols());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void denseFactoriesCheckTheValueCount(String kind) {
        assumeLoadable(kind);
        Assumptions.assumeFalse(kind.equals("csr"));
        Backend b = Backend.named(kind.startsWith("native") ? "native" : "java");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.dense(2, 3, new double[5]));
        assertTrue(e.getMessage().startsWith("rowMajor"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.denseFloat(2, 3, new float[7]));
        assertTrue(e.getMessage().startsWith("rowMajor"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.dense(-1, 3, new double[0]));
    }
}
