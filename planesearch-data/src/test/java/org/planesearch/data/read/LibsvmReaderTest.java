package org.planesearch.data.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.planesearch.data.DataTestSupport.failsWith;
import static org.planesearch.data.DataTestSupport.gzip;
import static org.planesearch.data.DataTestSupport.toArray;
import static org.planesearch.data.DataTestSupport.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Dataset;
import org.planesearch.data.Storage;

class LibsvmReaderTest {

    @TempDir
    Path dir;

    private static final String SAMPLE = "# a comment line\n"
            + "+1 1:0.5 3:-2e-1   # trailing comment\n"
            + "\n"
            + "-1\tqid:7 2:1.25\t4:3\r\n"
            + "   \n"
            + "+1\n"
            + "-1 1:1e3 4:.5\n";

    private static final double[][] SAMPLE_VALUES = {
        {0.5, 0, -0.2, 0},
        {0, 1.25, 0, 3},
        {0, 0, 0, 0},
        {1000, 0, 0, 0.5},
    };

    @Test
    void parsesValuesLabelsAndLinesOfAWellFormedFile() throws IOException {
        Path p = write(dir, "sample.svm", SAMPLE);
        try (Dataset d = LibsvmReader.read(p, LibsvmOptions.defaults())) {
            assertEquals(4, d.rows());
            assertEquals(4, d.cols());
            assertEquals(Storage.SPARSE, d.storage());
            assertEquals(6, d.features().nonZeros());
            assertArrayEquals(SAMPLE_VALUES, toArray(d.features()));
            assertEquals("+1", d.labels().get(0));
            assertEquals("-1", d.labels().get(1));
            assertArrayEquals(new double[] {1, -1, 1, -1}, d.labels().values());
            assertEquals(2, d.labels().line(0));
            assertEquals(4, d.labels().line(1));
            assertEquals(6, d.labels().line(2));
            assertEquals(7, d.labels().line(3));
            assertEquals("3", d.featureName(2));
            assertEquals(p.toString(), d.name());
        }
    }

    @Test
    void denseAndFloatStorageHoldTheSameValues() throws IOException {
        Path p = write(dir, "sample.svm", SAMPLE);
        try (Dataset dense = LibsvmReader.read(p, LibsvmOptions.defaults().withStorage(Storage.DENSE));
                Dataset single = LibsvmReader.read(p, LibsvmOptions.defaults().withStorage(Storage.DENSE_FLOAT))) {
            assertArrayEquals(SAMPLE_VALUES, toArray(dense.features()));
            assertEquals(16, dense.features().nonZeros());
            double[][] f = toArray(single.features());
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals((float) SAMPLE_VALUES[i][j], f[i][j], 0.0);
                }
            }
        }
    }

    @Test
    void givenNumberOfFeaturesPadsNarrowerDataWithZeroColumns() throws IOException {
        Path p = write(dir, "test.svm", "1 2:1\n-1 1:2\n");
        try (Dataset d = LibsvmReader.read(p, LibsvmOptions.defaults().withNumFeatures(13))) {
            assertEquals(13, d.cols());
            assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, toArray(d.features())[0]);
        }
    }

    @Test
    void indexBeyondTheGivenNumberOfFeaturesIsAnError() throws IOException {
        Path p = write(dir, "test.svm", "1 2:1\n-1 1:2 14:1\n");
        failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults().withNumFeatures(13)), p + ":2:3",
                "feature index 14", "13 features expected");
    }

    @Test
    void gzippedFileIsReadTransparently() throws IOException {
        Path p = write(dir, "sample.svm.gz", gzip(SAMPLE.getBytes(StandardCharsets.UTF_8)));
        try (Dataset d = LibsvmReader.read(p, LibsvmOptions.defaults())) {
            assertArrayEquals(SAMPLE_VALUES, toArray(d.features()));
        }
    }

    @Test
    void hugeFeatureIndexInATinyFileFailsFastWithoutAllocating() throws IOException {
        Path p = write(dir, "hostile.svm", "1 2000000000:1\n");
        DataFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults().withStorage(Storage.DENSE)),
                        p + ":1:2", "feature index 2000000000", "limit of 16777216", "maxFeatureIndex"));
        assertEquals(1, e.line());
        assertEquals(2, e.column());
        assertEquals(p.toString(), e.file());
    }

    @Test
    void indexBeyondEveryIntegerIsReportedAsWritten() throws IOException {
        Path p = write(dir, "hostile.svm", "1 99999999999999999999999:1\n");
        failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults()), p + ":1:2",
                "'99999999999999999999999'", "beyond the limit");
    }

    @Test
    void raisedLimitAcceptsWideSparseDataWithoutDenseAllocation() throws IOException {
        Path p = write(dir, "wide.svm", "1 1:1 1000000000:2\n");
        try (Dataset d = LibsvmReader.read(p, LibsvmOptions.defaults().withMaxFeatureIndex(Integer.MAX_VALUE))) {
            assertEquals(1_000_000_000, d.cols());
            assertEquals(2, d.features().nonZeros());
        }
        failsWith(() -> LibsvmReader.read(p,
                LibsvmOptions.defaults().withMaxFeatureIndex(Integer.MAX_VALUE).withStorage(Storage.DENSE)),
                p.toString(), "dense storage of 1×1000000000");
    }

    @Test
    void unsortedIndicesAreAnError() throws IOException {
        Path p = write(dir, "bad.svm", "1 1:1 2:1\n1 3:1 2:1\n");
        failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults()), p + ":2:3", "must increase", "2 comes after 3");
    }

    @Test
    void duplicateIndexIsAnError() throws IOException {
        Path p = write(dir, "bad.svm", "1 4:1 4:2\n");
        failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults()), p + ":1:3", "feature index 4 appears twice");
    }

    @Test
    void indexZeroIsAnError() throws IOException {
        Path p = write(dir, "bad.svm", "1 0:1\n");
        failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults()), p + ":1:2", "index 0", "start at 1");
    }

    @Test
    void negativeIndexIsAnError() throws IOException {
        Path p = write(dir, "bad.svm", "1 -3:1\n");
        failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults()), p + ":1:2", "'-3'", "not a positive integer");
    }

    @Test
    void tokenWithoutColonIsAnError() throws IOException {
        Path p = write(dir, "bad.svm", "1 1:1\n-1 2:0.5 7\n");
        failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults()), p + ":2:3", "expected index:value", "'7'");
    }

    @Test
    void nonNumericValueIsAnError() throws IOException {
        Path p = write(dir, "bad.svm", "1 3:abc\n");
        failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults()), p + ":1:2", "value 'abc' of feature 3",
                "not a number");
    }

    @Test
    void missingValueIsAnError() throws IOException {
        Path p = write(dir, "bad.svm", "1 3:\n");
        failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults()), p + ":1:2", "value '' of feature 3");
    }

    @Test
    void nanValueIsAnError() throws IOException {
        Path p = write(dir, "bad.svm", "1 1:1\n1 2:NaN\n");
        failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults()), p + ":2:2", "'NaN'", "not finite");
    }

    @Test
    void infiniteAndOverflowingValuesAreErrors() throws IOException {
        Path inf = write(dir, "inf.svm", "1 2:-inf\n");
        failsWith(() -> LibsvmReader.read(inf, LibsvmOptions.defaults()), inf + ":1:2", "'-inf'", "not finite");
        Path big = write(dir, "big.svm", "1 2:1e400\n");
        failsWith(() -> LibsvmReader.read(big, LibsvmOptions.defaults()), big + ":1:2", "'1e400'", "not finite");
    }

    @Test
    void javaOnlyNumberSpellingsAreNotNumbers() throws IOException {
        Path p = write(dir, "bad.svm", "1 2:0x1p3\n");
        failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults()), p + ":1:2", "'0x1p3'", "not a number");
        Path q = write(dir, "bad2.svm", "1 2:1d\n");
        failsWith(() -> LibsvmReader.read(q, LibsvmOptions.defaults()), q + ":1:2", "'1d'", "not a number");
    }

    @Test
    void lineStartingWithAFeatureHasNoLabel() throws IOException {
        Path p = write(dir, "bad.svm", "1:0.5 2:1\n");
        failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults()), p + ":1:1", "must start with a label",
                "'1:0.5'");
    }

    @Test
    void nonNumericAndNonFiniteLabelsAreErrors() throws IOException {
        Path p = write(dir, "bad.svm", "1 1:1\nyes 1:1\n");
        failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults()), p + ":2:1", "label 'yes' is not a number");
        Path q = write(dir, "bad2.svm", "nan 1:1\n");
        failsWith(() -> LibsvmReader.read(q, LibsvmOptions.defaults()), q + ":1:1", "label 'nan' is not finite");
    }

    @Test
    void qidMustComeRightAfterTheLabelAndBeAnInteger() throws IOException {
        Path late = write(dir, "late.svm", "1 1:1 qid:3\n");
        failsWith(() -> LibsvmReader.read(late, LibsvmOptions.defaults()), late + ":1:3", "qid must come right after");
        Path bad = write(dir, "bad.svm", "1 qid:x 1:1\n");
        failsWith(() -> LibsvmReader.read(bad, LibsvmOptions.defaults()), bad + ":1:2", "'qid:x'");
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path p = write(dir, "empty.svm", "");
        failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults()), p.toString(), "empty file");
    }

    @Test
    void fileWithOnlyCommentsHasNoDataLines() throws IOException {
        Path p = write(dir, "comments.svm", "# nothing\n\n   # here\n");
        failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults()), p.toString(), "no data lines", "3 lines");
    }

    @Test
    void missingFileAndDirectoryAreOneClearError() throws IOException {
        Path missing = dir.resolve("nope.svm");
        failsWith(() -> LibsvmReader.read(missing, LibsvmOptions.defaults()), missing.toString(), "no such file");
        failsWith(() -> LibsvmReader.read(dir, LibsvmOptions.defaults()), dir.toString(), "is a directory");
    }

    @Test
    void binaryFileIsRecognisedAsNotText() throws IOException {
        Path p = write(dir, "image.svm", new byte[] {0, 0, 8, 3, 0, 0, 0, 1});
        failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults()), p + ":1", "binary file");
        Path q = write(dir, "latin1.svm", new byte[] {'1', ' ', '1', ':', (byte) 0xE9, '\n'});
        failsWith(() -> LibsvmReader.read(q, LibsvmOptions.defaults()), q + ":1", "not valid UTF-8");
    }

    @Test
    void truncatedGzipIsOneClearError() throws IOException {
        byte[] z = gzip("1 1:1\n-1 2:1\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
        Path p = write(dir, "cut.svm.gz", Arrays.copyOf(z, z.length / 2));
        failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults()), p.toString(), "corrupt or truncated gzip");
    }

    @Test
    void endlessLineWithoutNewlineStopsAtTheLineLimitInsteadOfExhaustingMemory() {
        java.io.InputStream endless = new java.io.InputStream() {
            @Override
            public int read() {
                return '1';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) '1');
                return len;
            }
        };
        failsWith(() -> LibsvmReader.read(endless, "endless", LibsvmOptions.defaults()), "endless:1",
                "longer than 64 MiB");
    }

    @Test
    void longTokenIsCutInTheMessage() throws IOException {
        String token = "x".repeat(10_000);
        Path p = write(dir, "bad.svm", "1 3:" + token + "\n");
        DataFormatException e = failsWith(() -> LibsvmReader.read(p, LibsvmOptions.defaults()), p + ":1:2",
                "not a number", "…");
        assertTrue(e.getMessage().length() < p.toString().length() + 200, e.getMessage());
        assertFalse(e.getMessage().contains(token));
    }
}
