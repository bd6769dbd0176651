package org.planesearch.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.function.Executable;
import org.planesearch.core.linalg.DataMatrix;

/** Helpers shared by the data module's tests. */
public final class DataTestSupport {

    private DataTestSupport() {
    }

    /** Writes UTF-8 text to dir/name. */
    public static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Writes bytes to dir/name. */
    public static Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** Gzips bytes. */
    public static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    /** The matrix as rows. */
    public static double[][] toArray(DataMatrix m) {
        double[][] out = new double[m.rows()][m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            m.row(i, out[i]);
        }
        return out;
    }

    /**
     * Runs the code, asserts a DataFormatException whose message starts with the expected
     * location and contains every fragment, and returns it.
     */
    public static DataFormatException failsWith(Executable code, String location, String... fragments) {
        DataFormatException e = assertThrows(DataFormatException.class, code);
        String m = e.getMessage();
        assertTrue(m.startsWith(location + ": "), () -> "message should start with '" + location + ": ' but was: " + m);
        for (String f : fragments) {
            assertTrue(m.contains(f), () -> "message should contain '" + f + "' but was: " + m);
        }
        assertTrue(!m.contains("\n") || m.length() < 2000, "one clear message");
        return e;
    }
}
