package org.planesearch.data.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.DenseMatrixBuilder;
import org.planesearch.core.linalg.Matrices;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Dataset;
import org.planesearch.data.Labels;
import org.planesearch.data.Storage;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST: an image file ({@code idx3}, unsigned bytes,
 * n × rows × cols) and a label file ({@code idx1}, unsigned bytes, n), each optionally gzipped.
 *
 * <p>Image k becomes row k of an n × (rows·cols) matrix, pixels in row-major order scaled to
 * [0, 1] (value / 255). Labels are the numbers 0 … 255 as written.
 *
 * <p>Checked, each with one {@link DataFormatException} naming the file: the magic number (two
 * zero bytes, element type 0x08, the expected dimension count), positive dimensions, the image
 * and label counts agree, and the body is exactly as long as the header declares (truncated files
 * and trailing data are errors). Buffers grow with the bytes actually read, so a header that
 * claims billions of images in a tiny file fails cleanly. Thread-safe (no shared state).
 *
 * <p><b>Limits</b>, each checked before anything of that size is allocated (hostile or damaged
 * input ends in a {@link DataFormatException}, never an {@link OutOfMemoryError} or a hang):
 * <ul>
 *   <li>each dimension 1 … 2³¹ − 1, and images × rows × cols ≤ 2³¹ − 9 pixels (one Java array:
 *       MNIST's 60,000 × 28 × 28 = 47,040,000 is 2% of that); a header claiming 10¹² pixels is
 *       refused from its 16 bytes;
 *   <li>the body is read into a buffer that grows with the bytes actually present, so a short file
 *       with a large header fails at its end ("truncated"), having held no more than it had;
 *   <li>memory: the pixels, labels and matrix the read holds ≤ half the JVM's maximum heap
 *       ({@code MemoryBudget}), counted before each allocation (a gzip bomb stops there);
 *   <li>dense storage: n × d values in one array and within half the heap.
 * </ul>
 */
public final class IdxReader {

    private static final int HEADER_BYTES_PER_DIM = 4;
    private static final int UBYTE = 0x08;

    private IdxReader() {
    }

    /**
     * Reads an image file and its label file.
     *
     * @param storage DENSE, DENSE_FLOAT (float32, half the memory) or SPARSE
     * @param name the dataset's name (e.g. "mnist-train")
     */
    public static Dataset read(Path images, Path labels, Storage storage, String name) throws IOException {
        String imagesName = images.toString();
        String labelsName = labels.toString();
        try (InputStream in = InputFiles.open(images, imagesName);
                InputStream lin = InputFiles.open(labels, labelsName)) {
            return read(in, imagesName, lin, labelsName, storage, name);
        }
    }

    /** Reads from streams (gunzipping if needed); the streams are not closed. */
    public static Dataset read(InputStream images, String imagesName, InputStream labels, String labelsName,
            Storage storage, String name) throws IOException {
        return read(images, imagesName, labels, labelsName, storage, name, MemoryBudget.ofHeap(imagesName));
    }

    /** {@link #read(InputStream, String, InputStream, String, Storage, String)} within a given budget (tests). */
    static Dataset read(InputStream images, String imagesName, InputStream labels, String labelsName,
            Storage storage, String name, MemoryBudget budget) throws IOException {
        InputStream in = InputFiles.decompressIfGzip(images, imagesName);
        InputStream lin = InputFiles.decompressIfGzip(labels, labelsName);
        int[] imageDims = readHeader(in, imagesName, 3);
        int[] labelDims = readHeader(lin, labelsName, 1);
        int n = imageDims[0];
        if (labelDims[0] != n) {
            throw new DataFormatException(labelsName, "has " + labelDims[0] + " labels, but " + imagesName + " has "
                    + n + " images");
        }
        long pixelsPerImage = (long) imageDims[1] * imageDims[2];
        String declared = n + " images of " + imageDims[1] + "×" + imageDims[2];
        long total = n * pixelsPerImage;
        if (total > RowBuffer.MAX_ARRAY) {
            throw new DataFormatException(imagesName, "declares " + declared + " = " + total
                    + " pixels, more than one Java array holds");
        }
        byte[] pixels = readBody(in, total, imagesName, declared, budget);
        byte[] labelBytes = readBody(lin, n, labelsName, n + " labels", budget);
        int cols = (int) pixelsPerImage;
        budget.reserve(48L * n, n + " labels");
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = labelBytes[i] & 0xFF;
        }
        Labels l = Labels.numeric(labelsName, values, null);
        DataMatrix matrix = buildMatrix(pixels, n, cols, storage, imagesName, budget);
        return new Dataset(name, matrix, storage, l, List.of());
    }

    /** Reads and checks the magic number and dimensions; returns the dimensions. */
    static int[] readHeader(InputStream in, String name, int expectedDims) throws IOException {
        byte[] magic = new byte[4];
        int got = in.readNBytes(magic, 0, 4);
        if (got == 0) {
            throw new DataFormatException(name, "empty file");
        }
        if (got < 4) {
            throw new DataFormatException(name, "truncated: " + got + " bytes, shorter than an IDX header");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new DataFormatException(name, "is not an IDX file: it starts with bytes " + hex(magic)
                    + " instead of 00 00");
        }
        int type = magic[2] & 0xFF;
        if (type != UBYTE) {
            throw new DataFormatException(name, "IDX element type 0x" + String.format("%02x", type) + " ("
                    + typeName(type) + ") is not supported; only unsigned bytes (0x08) are");
        }
        int dims = magic[3] & 0xFF;
        if (dims != expectedDims) {
            throw new DataFormatException(name, "has " + dims + " dimension" + (dims == 1 ? "" : "s") + ", expected "
                    + expectedDims + (expectedDims == 3 ? " (an idx3 image file)" : " (an idx1 label file)")
                    + (dims == 4 - expectedDims ? "; are the image and label files swapped?" : ""));
        }
        byte[] raw = new byte[HEADER_BYTES_PER_DIM * dims];
        if (in.readNBytes(raw, 0, raw.length) < raw.length) {
            throw new DataFormatException(name, "truncated: the IDX header ends before its " + dims + " dimensions");
        }
        int[] out = new int[dims];
        for (int k = 0; k < dims; k++) {
            int v = ((raw[4 * k] & 0xFF) << 24) | ((raw[4 * k + 1] & 0xFF) << 16) | ((raw[4 * k + 2] & 0xFF) << 8)
                    | (raw[4 * k + 3] & 0xFF);
            if (v <= 0) {
                throw new DataFormatException(name, "dimension " + (k + 1) + " is " + (v & 0xFFFFFFFFL)
                        + (v == 0 ? "" : " (above 2³¹−1)") + "; expected a positive size");
            }
            out[k] = v;
        }
        return out;
    }

    /** Reads exactly {@code total} bytes, growing the buffer with the data actually present. */
    private static byte[] readBody(InputStream in, long total, String name, String declared, MemoryBudget budget)
            throws IOException {
        int initial = (int) Math.min(total, 1 << 20);
        budget.reserve(initial, "the first bytes of " + declared);
        byte[] buf = new byte[initial];
        int filled = 0;
        while (filled < total) {
            if (filled == buf.length) {
                int cap = (int) Math.min(total, 2L * buf.length);
                budget.reserve(cap, filled + " bytes of " + declared);
                buf = Arrays.copyOf(buf, cap);
                budget.release(filled);
            }
            int r = in.read(buf, filled, buf.length - filled);
            if (r < 0) {
                throw new DataFormatException(name, "truncated: the header declares " + declared + " (" + total
                        + " bytes of data), but the file ends after " + filled + " of them");
            }
            filled += r;
        }
        if (in.read() >= 0) {
            throw new DataFormatException(name, "has more data than its header declares (" + declared + ")");
        }
        return buf;
    }

    private static DataMatrix buildMatrix(byte[] pixels, int n, int cols, Storage storage, String name,
            MemoryBudget budget) throws DataFormatException {
        switch (storage) {
            case DENSE_FLOAT:
            case DENSE: {
                boolean float32 = storage == Storage.DENSE_FLOAT;
                RowBuffer.checkDense(name, n, cols, float32 ? 4 : 8);
                budget.reserve(RowBuffer.heapBytes(n, cols, float32) + 8L * cols, "the dense matrix of " + n + "×" + cols);
                // Rows go straight into the matrix's final storage (native memory where available).
                try (DenseMatrixBuilder b = Matrices.denseBuilder(n, cols, float32)) {
                    double[] row = new double[cols];
                    for (int i = 0; i < n; i++) {
                        int base = i * cols;
                        for (int j = 0; j < cols; j++) {
                            row[j] = (pixels[base + j] & 0xFF) / 255.0;
                        }
                        b.setRow(i, row);
                    }
                    return b.build();
                }
            }
            case SPARSE: {
                RowBuffer.Sparse rows = new RowBuffer.Sparse(name, budget);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < cols; j++) {
                        int v = pixels[i * cols + j] & 0xFF;
                        if (v != 0) {
                            rows.add(j, v / 255.0);
                        }
                    }
                    rows.endRow();
                }
                return rows.build(cols, Storage.SPARSE);
            }
            default:
                throw new IllegalArgumentException("storage " + storage);
        }
    }

    /**
     * Reads and checks only the header of an IDX file (gzipped or not), without its body.
     *
     * @param expectedDims 3 for an image file, 1 for a label file
     * @return the dimensions (n, and rows, cols for images)
     * @throws DataFormatException if the header is missing or wrong
     */
    public static int[] readHeader(Path path, int expectedDims) throws IOException {
        String name = path.toString();
        try (InputStream in = InputFiles.open(path, name)) {
            return readHeader(in, name, expectedDims);
        }
    }

    private static String typeName(int type) {
        switch (type) {
            case 0x09:
                return "signed byte";
            case 0x0B:
                return "int16";
            case 0x0C:
                return "int32";
            case 0x0D:
                return "float32";
            case 0x0E:
                return "float64";
            default:
                return "unknown";
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(sb.length() > 0 ? " " : "").append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }
}
