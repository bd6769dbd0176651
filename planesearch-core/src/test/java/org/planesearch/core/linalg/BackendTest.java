package org.planesearch.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Backend selection by name, the "auto" fallback and its warning, thread settings. */
class BackendTest {

    private Backend before;
    private int threadsBefore;

    @BeforeEach
    void remember() {
        before = Backend.current();
        threadsBefore = Backend.threads();
    }

    @AfterEach
    void restore() {
        Backend.select(before.name());
        Backend.setThreads(threadsBefore);
    }

    @Test
    void selectsByNameAndMatricesFollowTheCurrentBackend() {
        assertSame(Backend.JAVA, Backend.select("java"));
        assertSame(Backend.JAVA, Backend.current());
        try (DataMatrix m = Matrices.dense(2, 2, new double[] {1, 2, 3, 4})) {
            assertTrue(m instanceof JavaDenseMatrix, m.getClass().getName());
        }
        try (DataMatrix m = Matrices.denseFloat(1, 2, new float[] {1, 2})) {
            assertTrue(m instanceof JavaFloatMatrix, m.getClass().getName());
        }
        Assumptions.assumeTrue(Backend.nativeAvailable(), "OpenBLAS not loadable here");
        Backend nat = Backend.select("native");
        assertEquals("native", nat.name());
        assertSame(nat, Backend.current());
        assertSame(nat, Backend.select("auto"), "auto picks native when it loads");
        try (DataMatrix m = Matrices.dense(2, 2, new double[] {1, 2, 3, 4})) {
            assertTrue(m instanceof NativeDenseMatrix, m.getClass().getName());
        }
        try (DataMatrix m = Matrices.denseFloat(1, 2, new float[] {1, 2})) {
            assertTrue(m instanceof NativeFloatMatrix, m.getClass().getName());
        }
        assertTrue(nat.describe().startsWith("native (OpenBLAS "), nat.describe());
    }

    @Test
    void unknownNamesAreRejectedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backend.select("cuda"));
        assertEquals("unknown BLAS backend 'cuda'; expected one of: native, java, auto", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Backend.select("Native"));
        assertThrows(IllegalArgumentException.class, () -> Backend.select(null));
        assertSame(before, Backend.current(), "a rejected name changes nothing");
    }

    @Test
    void autoFallsBackToJavaWithOneWarningLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertSame(Backend.JAVA, Backend.auto("UnsatisfiedLinkError: no jniopenblas_nolapack", err));
        assertSame(Backend.JAVA, Backend.auto("UnsatisfiedLinkError: no jniopenblas_nolapack", err));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        // The warning is printed once per process; if an earlier fallback already printed it, nothing here.
        Assumptions.assumeFalse(printed.isEmpty(), "warning already printed earlier in this JVM");
        assertEquals(1, printed.lines().count(), printed);
        assertTrue(printed.contains("native OpenBLAS unavailable (UnsatisfiedLinkError: no jniopenblas_nolapack)")
                && printed.contains("pure-Java"), printed);
    }

    @Test
    void threadCountIsValidatedAndApplied() {
        Backend.setThreads(3);
        assertEquals(3, Backend.threads());
        Backend.setThreads(1);
        assertEquals(1, Backend.threads());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backend.setThreads(0));
        assertTrue(e.getMessage().startsWith("threads must be >= 1"), e.getMessage());
        assertEquals(1, Backend.threads());
    }

    @Test
    void javaDescribesItself() {
        Backend.setThreads(2);
        assertEquals("java, 2 threads", Backend.JAVA.describe());
    }
}
