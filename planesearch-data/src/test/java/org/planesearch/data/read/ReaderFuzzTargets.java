package org.planesearch.data.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.testing.fuzz.FuzzTarget;
import org.planesearch.core.testing.fuzz.MutationFuzzer;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Dataset;
import org.planesearch.data.Storage;

/**
 * The data module's fuzz targets: {@link LibsvmReader}, {@link CsvReader}, {@link IdxReader}. Each
 * derives its options from the input's length (storage, a fixed width, the delimiter, the header,
 * the label column, and sometimes a small {@link MemoryBudget} so that the budget's refusal is
 * fuzzed too), reads the input, and accepts a clean {@link DataFormatException} (one line, naming
 * the input) or a dataset whose shape, labels and values are consistent and finite. Anything else
 * is a finding. Seeds: valid files of each format, plus every file in
 * {@code src/test/resources/fuzz/NAME/} (inputs that once were findings: the regression corpus).
 */
public final class ReaderFuzzTargets {

    /** Every target of this module. */
    public static final List<FuzzTarget> ALL = List.of(new Libsvm(), new Csv(), new Idx());

    private ReaderFuzzTargets() {
    }

    /** The target with this name. */
    public static FuzzTarget named(String name) {
        for (FuzzTarget t : ALL) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no fuzz target " + name);
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
                throw new java.io.UncheckedIOException(e);
            }
        }
        return all;
    }

    /** A small budget for one input in eight, the heap's share otherwise. */
    static MemoryBudget budget(String name, int length) {
        return length % 8 == 7 ? new MemoryBudget(name, 48 << 10) : MemoryBudget.ofHeap(name);
    }

    /** REJECTED after checking that the error is clean: one line, naming the input. */
    static FuzzTarget.Outcome rejected(DataFormatException e, String name) {
        String m = e.getMessage();
        assertTrue(m != null && m.startsWith(name), () -> "message does not name the input: " + m);
        assertFalse(m.contains("\n") || m.contains("\r"), () -> "message is not one line: " + m);
        return FuzzTarget.Outcome.REJECTED;
    }

    /** ACCEPTED after checking the dataset: shape, labels, finite values; closes it. */
    static FuzzTarget.Outcome accepted(Dataset d, int expectedCols) {
        try (d) {
            DataMatrix x = d.features();
            assertTrue(d.rows() >= 1, "at least one row");
            assertEquals(d.rows(), x.rows());
            assertEquals(d.rows(), d.labels().size());
            if (expectedCols >= 0) {
                assertEquals(expectedCols, d.cols(), "width");
            }
            assertTrue(d.featureNames().isEmpty() || d.featureNames().size() == d.cols(), "feature names");
            if (d.labels().isNumeric()) {
                for (double y : d.labels().values()) {
                    assertTrue(Double.isFinite(y), "finite label");
                }
            } else if (d.labels().isPresent()) {
                for (int i = 0; i < d.rows(); i++) {
                    assertFalse(d.labels().get(i).isEmpty(), "a label is never empty");
                }
            }
            if ((long) d.rows() * d.cols() <= 1 << 20) {
                double[] row = new double[d.cols()];
                for (int i = 0; i < d.rows(); i++) {
                    x.row(i, row);
                    for (double v : row) {
                        assertTrue(Double.isFinite(v), "finite feature");
                    }
                }
            }
        }
        return FuzzTarget.Outcome.ACCEPTED;
    }

    /** LIBSVM text; options by length: default width, a width of 16 (sparse, dense, float32). */
    static final class Libsvm implements FuzzTarget {
        @Override
        public String name() {
            return "libsvm";
        }

        @Override
        public List<byte[]> seeds() {
            return withRegressions(name(), List.of(
                    utf8("+1 1:0.5 3:-1.25e-3 7:2\n-1 2:1 16:4\n"),
                    utf8("1 qid:3 1:1 2:2 # comment\n\n# only a comment\n0 5:1e-300\t6:-0\r\n"),
                    utf8("2.5 10:1\n-3 1:1 2:2 3:3 4:4 5:5 6:6 7:7 8:8 9:9 10:10 11:11 12:12 13:13 14:14 15:15 16:16\n"),
                    utf8("\uFEFF1 1:1\n"),
                    MutationFuzzer.gzip(utf8("1 1:1 2:2\n-1 3:3\n"))));
        }

        @Override
        public List<String> dictionary() {
            return List.of(" ", "\t", ":", "qid:", "#", "\n", "\r\n", "1:", "16777216:", "16777217:", "2147483648:",
                    "0:", "+1", "-1", "1e309", "NaN", "\uFEFF", "\u00e9", "\0");
        }

        @Override
        public Outcome run(byte[] input) throws IOException {
            String name = "fuzz.svm";
            int mode = input.length % 4;
            LibsvmOptions options = switch (mode) {
                case 0 -> LibsvmOptions.defaults();
                case 1 -> LibsvmOptions.defaults().withNumFeatures(16);
                case 2 -> LibsvmOptions.defaults().withNumFeatures(16).withStorage(Storage.DENSE);
                default -> LibsvmOptions.defaults().withNumFeatures(16).withStorage(Storage.DENSE_FLOAT);
            };
            Dataset d;
            try {
                d = LibsvmReader.read(new ByteArrayInputStream(input), name, options, budget(name, input.length));
            } catch (DataFormatException e) {
                return rejected(e, name);
            }
            assertTrue(d.cols() <= LibsvmOptions.DEFAULT_MAX_FEATURE_INDEX, "width within the limit");
            return accepted(d, mode == 0 ? -1 : 16);
        }
    }

    /** Delimited text; options by length: delimiter, header, label column, storage. */
    static final class Csv implements FuzzTarget {
        @Override
        public String name() {
            return "csv";
        }

        @Override
        public List<byte[]> seeds() {
            return withRegressions(name(), List.of(
                    utf8("a,b,y\n1,2,yes\n3.5,-4e-2,no\n"),
                    utf8("1,2,0\n3,4,1\n5,6,0\n"),
                    utf8("\"x, one\",\"y \"\"two\"\"\",label\n1,2,a\n  3 , 4 , b \n\n"),
                    utf8("x;y\n1;2\n3;4\n"),
                    utf8("u\tv\tw\n1\t2\t3\n"),
                    MutationFuzzer.gzip(utf8("p,q,r\n0,0,1\n1,1,0\n"))));
        }

        @Override
        public List<String> dictionary() {
            return List.of(",", ";", "\t", "\"", "\"\"", "\n", "\r\n", " ", "y", "label", "NaN", "1e309", "\uFEFF", ",,,,,,,,");
        }

        @Override
        public Outcome run(byte[] input) throws IOException {
            String name = "fuzz.csv";
            int mode = input.length;
            char delimiter = new char[] {',', ';', '\t', ','}[mode % 4];
            CsvHeader header = CsvHeader.values()[(mode / 4) % CsvHeader.values().length];
            LabelColumn label = switch ((mode / 12) % 4) {
                case 0 -> LabelColumn.last();
                case 1 -> LabelColumn.number(1);
                case 2 -> LabelColumn.none();
                default -> LabelColumn.named("y");
            };
            Storage storage = Storage.values()[(mode / 48) % Storage.values().length];
            CsvOptions options = new CsvOptions(delimiter, header, label, storage);
            Dataset d;
            try {
                d = CsvReader.read(new ByteArrayInputStream(input), name, options, budget(name, input.length));
            } catch (DataFormatException e) {
                return rejected(e, name);
            }
            assertTrue(d.cols() < CsvReader.MAX_FIELDS, "width within the limit");
            assertEquals(label.kind() != LabelColumn.Kind.NONE, d.labels().isPresent(), "labels present");
            return accepted(d, -1);
        }
    }

    /**
     * An IDX image file and its label file in one input: a 4-byte big-endian length L, then L bytes
     * of images, then the labels (L is clamped to what is there).
     */
    static final class Idx implements FuzzTarget {
        @Override
        public String name() {
            return "idx";
        }

        static byte[] pack(byte[] images, byte[] labels) {
            return ByteBuffer.allocate(4 + images.length + labels.length).putInt(images.length).put(images).put(labels)
                    .array();
        }

        @Override
        public List<byte[]> seeds() {
            byte[] pixels = {0, (byte) 255, 51, 102, (byte) 204, 0, 0, 1, 2, 3, 4, 5};
            byte[] labels = {7, 0, 9};
            return withRegressions(name(), List.of(
                    pack(IdxReaderTest.idx3(3, 2, 2, pixels), IdxReaderTest.idx1(3, labels)),
                    pack(MutationFuzzer.gzip(IdxReaderTest.idx3(3, 2, 2, pixels)), IdxReaderTest.idx1(3, labels)),
                    pack(IdxReaderTest.idx3(1, 3, 4, pixels), MutationFuzzer.gzip(IdxReaderTest.idx1(1, new byte[] {1}))),
                    pack(IdxReaderTest.idx3(2, 1, 1, new byte[] {1, 2}), IdxReaderTest.idx1(2, new byte[] {0, (byte) 255}))));
        }

        @Override
        public Outcome run(byte[] input) throws IOException {
            int len = input.length < 4 ? 0 : ByteBuffer.wrap(input).getInt() & 0x7FFF_FFFF;
            int from = Math.min(4, input.length);
            int split = (int) Math.min((long) from + len, input.length);
            InputStream images = new ByteArrayInputStream(input, from, split - from);
            InputStream labels = new ByteArrayInputStream(input, split, input.length - split);
            Storage storage = Storage.values()[input.length % Storage.values().length];
            Dataset d;
            try {
                d = IdxReader.read(images, "fuzz-images", labels, "fuzz-labels", storage, "fuzz",
                        budget("fuzz-images", input.length));
            } catch (DataFormatException e) {
                String m = e.getMessage();
                return rejected(e, m != null && m.startsWith("fuzz-labels") ? "fuzz-labels" : "fuzz-images");
            }
            return accepted(d, -1);
        }
    }
}
