package org.planesearch.data.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.planesearch.data.DataTestSupport.failsWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.planesearch.data.Dataset;
import org.planesearch.data.Storage;

/**
 * The documented limits of the readers, each refused before anything of that size is allocated,
 * with one message naming the file: feature index, fields per line, IDX dimensions, and the
 * memory budget that stops gzip bombs and files of billions of tiny lines.
 */
class ReadLimitsTest {

    /** n copies of a line, gzipped as they are produced (a small file that expands a lot). */
    private static byte[] gzipBomb(String line, long copies) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = line.repeat(4096).getBytes(StandardCharsets.UTF_8);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            for (long i = 0; i < copies; i += 4096) {
                z.write(chunk);
            }
        }
        return out.toByteArray();
    }

    @Test
    void aGzipBombStopsAtTheMemoryBudgetWithAMessage() throws IOException {
        // 16 million rows of "1 1:1" in 120 KB; a 4 MiB budget stops it after ~100,000 rows
        byte[] bomb = gzipBomb("1 1:1\n", 16L << 20);
        assertTrue(bomb.length < 1 << 20, "a small file: " + bomb.length);
        MemoryBudget budget = new MemoryBudget("bomb.svm.gz", 4 << 20);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> failsWith(() -> LibsvmReader.read(
                new ByteArrayInputStream(bomb), "bomb.svm.gz", LibsvmOptions.defaults(), budget),
                "bomb.svm.gz", "reading it needs more than 4 MiB", "PLANESEARCH_JAVA_OPTS"));
        assertTrue(budget.held() <= budget.limit());
        byte[] csvBomb = gzipBomb("1,2,3\n", 16L << 20);
        MemoryBudget csvBudget = new MemoryBudget("bomb.csv.gz", 4 << 20);
        failsWith(() -> CsvReader.read(new ByteArrayInputStream(csvBomb), "bomb.csv.gz", CsvOptions.defaults(), csvBudget),
                "bomb.csv.gz", "reading it needs more than 4 MiB");
    }

    @Test
    void whatFitsTheBudgetIsRead() throws IOException {
        byte[] file = gzipBomb("1 1:1 3:2\n", 20_000);
        try (Dataset d = LibsvmReader.read(new ByteArrayInputStream(file), "ok.svm.gz", LibsvmOptions.defaults(),
                new MemoryBudget("ok.svm.gz", 4 << 20))) {
            assertEquals(20_480, d.rows());
            assertEquals(3, d.cols());
        }
    }

    @Test
    void aFeatureIndexBeyondTheLimitIsRefusedBeforeAllocation() {
        failsWith(() -> LibsvmReader.read(new ByteArrayInputStream("1 2147483648:1\n".getBytes(StandardCharsets.UTF_8)),
                "wide.svm", LibsvmOptions.defaults().withStorage(Storage.DENSE)), "wide.svm:1:2",
                "feature index '2147483648'", "limit of 16777216");
        failsWith(() -> LibsvmReader.read(new ByteArrayInputStream("1 16777217:1\n".getBytes(StandardCharsets.UTF_8)),
                "wide.svm", LibsvmOptions.defaults()), "wide.svm:1:2", "16777217", "maxFeatureIndex");
    }

    @Test
    void aCsvLineWithMoreFieldsThanTheLimitIsRefused() {
        byte[] wide = (",".repeat(CsvReader.MAX_FIELDS) + "\n").getBytes(StandardCharsets.UTF_8);
        failsWith(() -> CsvReader.read(new ByteArrayInputStream(wide), "wide.csv", CsvOptions.defaults()), "wide.csv:1",
                "more than 1048576 fields");
    }

    @Test
    void anIdxHeaderClaimingATrillionPixelsIsRefusedFromItsHeader() {
        byte[] images = ByteBuffer.allocate(16).put(new byte[] {0, 0, 8, 3}).putInt(1_000_000).putInt(1000).putInt(1000)
                .array();
        byte[] labels = ByteBuffer.allocate(8).put(new byte[] {0, 0, 8, 1}).putInt(1_000_000).array();
        failsWith(() -> IdxReader.read(new ByteArrayInputStream(images), "huge-images", new ByteArrayInputStream(labels),
                "huge-labels", Storage.DENSE, "huge"), "huge-images", "1000000000000 pixels");
        // a plausible header over a short body: the buffer grows only with the bytes present
        byte[] short1 = ByteBuffer.allocate(16 + 10).put(new byte[] {0, 0, 8, 3}).putInt(60_000).putInt(28).putInt(28)
                .array();
        byte[] labels1 = ByteBuffer.allocate(8).put(new byte[] {0, 0, 8, 1}).putInt(60_000).array();
        failsWith(() -> IdxReader.read(new ByteArrayInputStream(short1), "short-images", new ByteArrayInputStream(labels1),
                "short-labels", Storage.DENSE, "short"), "short-images", "truncated", "ends after 10");
    }

    /** Found by Jazzer: a finite value beyond float32's range became ±∞ in --float32 storage. */
    @Test
    void valuesBeyondFloat32AreRefusedInFloat32Storage() throws IOException {
        byte[] libsvm = "1 1:6.6e87\n".getBytes(StandardCharsets.UTF_8);
        failsWith(() -> LibsvmReader.read(new ByteArrayInputStream(libsvm), "big.svm",
                LibsvmOptions.defaults().withStorage(Storage.DENSE_FLOAT)), "big.svm:1:2", "'6.6e87'", "float32");
        try (Dataset d = LibsvmReader.read(new ByteArrayInputStream(libsvm), "big.svm",
                LibsvmOptions.defaults().withStorage(Storage.DENSE))) {
            assertEquals(6.6e87, org.planesearch.data.DataTestSupport.toArray(d.features())[0][0]);
        }
        byte[] csv = "1,-1e39,0\n2,3,1\n".getBytes(StandardCharsets.UTF_8);
        failsWith(() -> CsvReader.read(new ByteArrayInputStream(csv), "big.csv",
                CsvOptions.defaults().withStorage(Storage.DENSE_FLOAT)), "big.csv:1:2", "'-1e39'", "float32");
    }
}
