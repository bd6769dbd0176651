package org.planesearch.data.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.planesearch.data.DataTestSupport.failsWith;
import static org.planesearch.data.DataTestSupport.gzip;
import static org.planesearch.data.DataTestSupport.toArray;
import static org.planesearch.data.DataTestSupport.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planesearch.data.Dataset;
import org.planesearch.data.Storage;

class IdxReaderTest {

    @TempDir
    Path dir;

    /** An idx3 ubyte file: header for n×rows×cols, then the given body. */
    public static byte[] idx3(int n, int rows, int cols, byte[] body) {
        return ByteBuffer.allocate(16 + body.length).put(new byte[] {0, 0, 8, 3}).putInt(n).putInt(rows).putInt(cols)
                .put(body).array();
    }

    /** An idx1 ubyte file. */
    public static byte[] idx1(int n, byte[] body) {
        return ByteBuffer.allocate(8 + body.length).put(new byte[] {0, 0, 8, 1}).putInt(n).put(body).array();
    }

    private static final byte[] PIXELS = {0, (byte) 255, 51, 102, (byte) 204, 0, 0, 1, 2, 3, 4, 5};
    private static final byte[] LABELS = {7, 0, 9};

    @Test
    void readsPixelsScaledToUnitIntervalAndLabels() throws IOException {
        Path images = write(dir, "img-idx3-ubyte", idx3(3, 2, 2, PIXELS));
        Path labels = write(dir, "lab-idx1-ubyte", idx1(3, LABELS));
        try (Dataset d = IdxReader.read(images, labels, Storage.DENSE, "tiny")) {
            assertEquals(3, d.rows());
            assertEquals(4, d.cols());
            assertArrayEquals(new double[] {0, 1, 0.2, 0.4}, toArray(d.features())[0], 1e-15);
            assertArrayEquals(new double[] {0.8, 0, 0, 1 / 255.0}, toArray(d.features())[1], 1e-15);
            assertArrayEquals(new double[] {7, 0, 9}, d.labels().values());
            assertEquals("9", d.labels().get(2));
            assertEquals("tiny", d.name());
        }
    }

    @Test
    void gzippedFilesAndFloatAndSparseStorageGiveTheSameValues() throws IOException {
        Path images = write(dir, "img.gz", gzip(idx3(3, 2, 2, PIXELS)));
        Path labels = write(dir, "lab.gz", gzip(idx1(3, LABELS)));
        Path rawImages = write(dir, "img", idx3(3, 2, 2, PIXELS));
        Path rawLabels = write(dir, "lab", idx1(3, LABELS));
        try (Dataset dense = IdxReader.read(rawImages, rawLabels, Storage.DENSE, "a");
                Dataset gz = IdxReader.read(images, labels, Storage.DENSE, "b");
                Dataset single = IdxReader.read(images, labels, Storage.DENSE_FLOAT, "c");
                Dataset sparse = IdxReader.read(images, labels, Storage.SPARSE, "d")) {
            double[][] expected = toArray(dense.features());
            assertArrayEquals(expected, toArray(gz.features()));
            assertArrayEquals(expected, toArray(sparse.features()));
            assertEquals(9, sparse.features().nonZeros());
            double[][] f = toArray(single.features());
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals((float) expected[i][j], f[i][j], 0.0);
                }
            }
        }
    }

    @Test
    void truncatedImageFileIsAnError() throws IOException {
        byte[] full = idx3(3, 2, 2, PIXELS);
        Path images = write(dir, "img", Arrays.copyOf(full, full.length - 5));
        Path labels = write(dir, "lab", idx1(3, LABELS));
        failsWith(() -> IdxReader.read(images, labels, Storage.DENSE, "t"), images.toString(), "truncated",
                "3 images of 2×2", "ends after 7");
    }

    @Test
    void truncatedGzippedFileIsAnError() throws IOException {
        byte[] body = new byte[50 * 28 * 28];
        new java.util.SplittableRandom(1).nextBytes(body);
        byte[] z = gzip(idx3(50, 28, 28, body));
        Path images = write(dir, "img.gz", Arrays.copyOf(z, z.length / 2));
        Path labels = write(dir, "lab", idx1(50, new byte[50]));
        failsWith(() -> IdxReader.read(images, labels, Storage.DENSE, "t"), images.toString(), "gzip");
    }

    @Test
    void truncatedHeaderIsAnError() throws IOException {
        Path images = write(dir, "img", new byte[] {0, 0, 8, 3, 0, 0});
        Path labels = write(dir, "lab", idx1(3, LABELS));
        failsWith(() -> IdxReader.read(images, labels, Storage.DENSE, "t"), images.toString(), "truncated",
                "header");
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        Path images = write(dir, "img", idx3(3, 2, 2, PIXELS));
        Path labels = write(dir, "lab", idx1(2, new byte[] {1, 2}));
        failsWith(() -> IdxReader.read(images, labels, Storage.DENSE, "t"), labels.toString(), "has 2 labels",
                images + " has 3 images");
    }

    @Test
    void trailingDataIsAnError() throws IOException {
        byte[] body = Arrays.copyOf(PIXELS, PIXELS.length + 1);
        Path images = write(dir, "img", idx3(3, 2, 2, body));
        Path labels = write(dir, "lab", idx1(3, LABELS));
        failsWith(() -> IdxReader.read(images, labels, Storage.DENSE, "t"), images.toString(),
                "more data than its header declares");
    }

    @Test
    void wrongMagicNumbersAreErrors() throws IOException {
        Path labels = write(dir, "lab", idx1(3, LABELS));
        Path text = write(dir, "text", "1,2,3\n4,5,6\n");
        failsWith(() -> IdxReader.read(text, labels, Storage.DENSE, "t"), text.toString(), "not an IDX file");
        byte[] floats = idx3(3, 2, 2, PIXELS);
        floats[2] = 0x0D;
        Path f = write(dir, "float", floats);
        failsWith(() -> IdxReader.read(f, labels, Storage.DENSE, "t"), f.toString(), "0x0d", "float32",
                "not supported");
        Path images = write(dir, "img", idx3(3, 2, 2, PIXELS));
        failsWith(() -> IdxReader.read(labels, images, Storage.DENSE, "t"), labels.toString(), "1 dimension",
                "expected 3", "swapped");
        Path empty = write(dir, "empty", new byte[0]);
        failsWith(() -> IdxReader.read(empty, labels, Storage.DENSE, "t"), empty.toString(), "empty file");
    }

    @Test
    void zeroDimensionIsAnError() throws IOException {
        Path images = write(dir, "img", idx3(3, 0, 2, new byte[0]));
        Path labels = write(dir, "lab", idx1(3, LABELS));
        failsWith(() -> IdxReader.read(images, labels, Storage.DENSE, "t"), images.toString(), "dimension 2 is 0");
    }

    @Test
    void hugeDeclaredCountsInATinyFileFailWithoutAllocating() throws IOException {
        Path labels = write(dir, "lab", idx1(2_000_000, new byte[0]));
        Path images = write(dir, "img", idx3(2_000_000, 28, 28, new byte[100]));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> failsWith(
                () -> IdxReader.read(images, labels, Storage.DENSE, "t"), images.toString(), "truncated",
                "2000000 images of 28×28", "ends after 100"));
        Path huge = write(dir, "huge", idx3(Integer.MAX_VALUE, 28, 28, new byte[0]));
        Path hugeLabels = write(dir, "hugelab", idx1(Integer.MAX_VALUE, new byte[0]));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> failsWith(
                () -> IdxReader.read(huge, hugeLabels, Storage.DENSE, "t"), huge.toString(),
                "more than one Java array holds"));
    }
}
