package org.planesearch.core.testing.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

/**
 * A bounded, seeded, mutation-based fuzzer for readers: the engine of the fuzz tests that run in
 * every build. It is not coverage-guided (Jazzer's {@code @FuzzTest}s over the same
 * {@link FuzzTarget}s are, for long runs); instead it mutates a corpus of valid inputs with the
 * moves that find parser bugs (AFL's "havoc" stage): bit flips, interesting bytes and 32-bit
 * integers, insertions, deletions, duplicated and repeated chunks (sometimes up to the largest
 * input, which exposes superlinear time), splices of two inputs,
 * truncation, the format's own tokens, boundary numbers written as text ("2147483648", "1e309",
 * "NaN"), and gzip wrapping of the result (valid or corrupted). Inputs that are accepted join the
 * corpus, a cheap validity feedback that leads the mutations deeper into the format.
 *
 * <p>Each input runs on a worker thread under a time limit ({@value #PER_INPUT_TIMEOUT_SECONDS} s):
 * an input that takes longer is a hang. Anything the target throws (see {@link FuzzTarget}),
 * including {@link OutOfMemoryError} and {@link StackOverflowError}, is a finding: the input is
 * saved under {@code target/fuzz-findings/} and the test fails with the target, the seed, the run
 * number, the input's file and its Base64. The sequence of inputs depends only on the seed, so a
 * run is reproducible; the number of runs depends on the time budget.
 *
 * <p>Budget: {@value #SECONDS_PROPERTY} seconds per target (default {@value #DEFAULT_SECONDS}, the
 * CI budget), seed {@value #SEED_PROPERTY} (default {@value #DEFAULT_SEED}; {@code random} for a
 * new one each run, printed). A long run on demand:
 * {@code mvn -pl planesearch-data,planesearch-cli -am test -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false -Dplanesearch.fuzz.seconds=600 -Dplanesearch.fuzz.seed=random}.
 */
public final class MutationFuzzer {

    /** System property: seconds of fuzzing per target. */
    public static final String SECONDS_PROPERTY = "planesearch.fuzz.seconds";
    /** System property: the seed, a long or {@code random}. */
    public static final String SEED_PROPERTY = "planesearch.fuzz.seed";
    /** The CI budget per target, in seconds. */
    public static final double DEFAULT_SECONDS = 2.5;
    /** The CI seed. */
    public static final long DEFAULT_SEED = 20_261_123L;
    /** Longest input generated. */
    public static final int MAX_INPUT_BYTES = 1 << 16;
    /** Longer than this for one input is a hang. */
    public static final int PER_INPUT_TIMEOUT_SECONDS = 10;
    /** Most inputs kept in the corpus. */
    static final int MAX_CORPUS = 512;

    private static final byte[] INTERESTING_BYTES = {0, 1, -1, 0x7F, (byte) 0x80, '\n', '\r', '\t', ' ', ',', ':',
        '"', '#', '-', '+', '.', 'e', 'E', '0', '9', '{', '}', '[', ']', (byte) 0xC3, (byte) 0xEF, 0x1F, (byte) 0x8B};
    private static final int[] INTERESTING_INTS = {0, 1, -1, 2, 28, 255, 256, 784, 60_000, 65_535, 65_536,
        0x7FFF_FFFF, 0x8000_0000, 0x7FFF_FFF7, 0x0000_0801, 0x0000_0803, 0x0000_0903, 0x0000_0804, 1 << 24};
    private static final String[] INTERESTING_NUMBERS = {"0", "-0", "1", "-1", "+1", "2147483647", "2147483648",
        "-2147483649", "4294967296", "9223372036854775807", "9223372036854775808", "99999999999999999999999",
        "16777216", "16777217", "1e308", "1e309", "-1e309", "4.9e-324", "1e-400", "NaN", "Infinity", "-Infinity",
        "nan", "inf", "0x1p3", "1_000", "1.", ".5", ".", "-", "+", "e5", "1e", "00001", "1e2147483648", "0.1",
        "\u0661", "1,5"};

    private MutationFuzzer() {
    }

    /**
     * How long and from which seed.
     *
     * @param seconds time budget per target, &gt; 0
     * @param seed the random seed
     */
    public record Budget(double seconds, long seed) {
        public Budget {
            if (!(seconds > 0)) {
                throw new IllegalArgumentException("seconds must be > 0, got " + seconds);
            }
        }
    }

    /** What a run did. */
    public record Report(String target, long runs, long accepted, long rejected, int corpus, long seed, double seconds) {
        @Override
        public String toString() {
            return String.format("fuzz %s: %d inputs (%d accepted, %d rejected), corpus %d, %.1f s, seed %d", target,
                    runs, accepted, rejected, corpus, seconds, seed);
        }
    }

    /** The budget from the system properties, or the CI defaults. */
    public static Budget budget() {
        double seconds = Double.parseDouble(System.getProperty(SECONDS_PROPERTY, Double.toString(DEFAULT_SECONDS)));
        String s = System.getProperty(SEED_PROPERTY, Long.toString(DEFAULT_SEED)).strip();
        long seed = s.equalsIgnoreCase("random") ? System.nanoTime() ^ Runtime.getRuntime().freeMemory() : Long.parseLong(s);
        return new Budget(seconds, seed);
    }

    /**
     * Fuzzes one target within the budget: first its seeds as they are, then mutations.
     *
     * @return counts, when no input was a finding
     * @throws AssertionError describing the first finding
     */
    public static Report fuzz(FuzzTarget target, Budget budget) {
        List<byte[]> corpus = new ArrayList<>();
        for (byte[] s : target.seeds()) {
            corpus.add(s.clone());
        }
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("fuzz target " + target.name() + " has no seeds");
        }
        byte[][] dictionary = new byte[target.dictionary().size()][];
        for (int i = 0; i < dictionary.length; i++) {
            dictionary[i] = target.dictionary().get(i).getBytes(StandardCharsets.UTF_8);
        }
        SplittableRandom random = new SplittableRandom(budget.seed() ^ target.name().hashCode());
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-" + target.name());
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        long deadline = start + (long) (budget.seconds() * 1e9);
        long runs = 0;
        long accepted = 0;
        try {
            int seeds = corpus.size();
            for (int i = 0; i < seeds || System.nanoTime() < deadline; i++) {
                byte[] input = i < seeds ? corpus.get(i) : mutate(corpus.get(random.nextInt(corpus.size())), random,
                        corpus, dictionary);
                FuzzTarget.Outcome outcome = runOne(worker, target, input, budget, runs);
                runs++;
                if (outcome == FuzzTarget.Outcome.ACCEPTED) {
                    accepted++;
                    if (i >= seeds) {
                        if (corpus.size() < MAX_CORPUS) {
                            corpus.add(input);
                        } else {
                            corpus.set(seeds + random.nextInt(MAX_CORPUS - seeds), input);
                        }
                    }
                }
            }
        } finally {
            worker.shutdownNow();
        }
        return new Report(target.name(), runs, accepted, runs - accepted, corpus.size(), budget.seed(),
                (System.nanoTime() - start) * 1e-9);
    }

    private static FuzzTarget.Outcome runOne(ExecutorService worker, FuzzTarget target, byte[] input, Budget budget,
            long run) {
        Future<FuzzTarget.Outcome> future = worker.submit(() -> target.run(input));
        try {
            FuzzTarget.Outcome o = future.get(PER_INPUT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (o == null) {
                throw finding(target, input, budget, run, "returned no outcome", null);
            }
            return o;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw finding(target, input, budget, run, "threw " + cause, cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw finding(target, input, budget, run, "did not finish within " + PER_INPUT_TIMEOUT_SECONDS
                    + " s (a hang)", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static AssertionError finding(FuzzTarget target, byte[] input, Budget budget, long run, String what,
            Throwable cause) {
        String saved;
        try {
            Path dir = Path.of(System.getProperty("planesearch.fuzz.findings", "target/fuzz-findings"));
            Files.createDirectories(dir);
            Path file = dir.resolve(target.name() + "-seed" + budget.seed() + "-run" + run + ".bin");
            Files.write(file, input);
            saved = file.toAbsolutePath().toString();
        } catch (IOException e) {
            saved = "(not saved: " + e.getMessage() + ")";
        }
        String b64 = Base64.getEncoder().encodeToString(input);
        return new AssertionError("fuzz target '" + target.name() + "' (seed " + budget.seed() + ", run " + run + ") "
                + what + "; the input (" + input.length + " bytes) is saved in " + saved + "; Base64: "
                + (b64.length() > 2000 ? b64.substring(0, 2000) + "…" : b64), cause);
    }

    /** A mutant of base: one to eight stacked moves, sometimes gzip-wrapped. */
    static byte[] mutate(byte[] base, SplittableRandom r, List<byte[]> corpus, byte[][] dictionary) {
        Bytes b = new Bytes(base);
        int moves = 1 + r.nextInt(r.nextBoolean() ? 2 : 8);
        for (int m = 0; m < moves; m++) {
            move(b, r, corpus, dictionary);
        }
        if (r.nextInt(64) == 0 && b.size() > 0) {
            // a long run of one short chunk (digits, commas, brackets): inputs that expose
            // superlinear time in a parser show it here, at the largest size
            int from = r.nextInt(b.size());
            byte[] chunk = b.slice(from, Math.min(b.size(), from + 1 + r.nextInt(4)));
            ByteArrayOutputStream run = new ByteArrayOutputStream();
            int target = MAX_INPUT_BYTES / 2 + r.nextInt(MAX_INPUT_BYTES / 2);
            while (run.size() + chunk.length <= target) {
                run.writeBytes(chunk);
            }
            b.insert(from, run.toByteArray());
            b.truncate(MAX_INPUT_BYTES);
        }
        byte[] out = b.toArray();
        int g = r.nextInt(48);
        if (g == 0) {
            out = gzip(out);
        } else if (g == 1) {
            out = gzip(out);
            if (out.length > 0) {
                out[r.nextInt(out.length)] ^= (byte) (1 + r.nextInt(255));
            }
        } else if (g == 2) {
            out = gzip(out);
            out = java.util.Arrays.copyOf(out, r.nextInt(out.length + 1));
        }
        return out;
    }

    private static void move(Bytes b, SplittableRandom r, List<byte[]> corpus, byte[][] dictionary) {
        int n = b.size();
        switch (r.nextInt(15)) {
            case 0 -> {
                if (n > 0) {
                    int i = r.nextInt(n);
                    b.set(i, (byte) (b.get(i) ^ (1 << r.nextInt(8))));
                }
            }
            case 1 -> {
                if (n > 0) {
                    b.set(r.nextInt(n), (byte) r.nextInt(256));
                }
            }
            case 2 -> {
                if (n > 0) {
                    b.set(r.nextInt(n), INTERESTING_BYTES[r.nextInt(INTERESTING_BYTES.length)]);
                }
            }
            case 3 -> {
                byte[] ins = new byte[1 + r.nextInt(8)];
                for (int i = 0; i < ins.length; i++) {
                    ins[i] = r.nextBoolean() ? (byte) r.nextInt(256) : INTERESTING_BYTES[r.nextInt(INTERESTING_BYTES.length)];
                }
                b.insert(r.nextInt(n + 1), ins);
            }
            case 4 -> {
                if (n > 0) {
                    int from = r.nextInt(n);
                    b.delete(from, Math.min(n, from + 1 + r.nextInt(Math.max(1, Math.min(64, n - from)))));
                }
            }
            case 5 -> {
                if (n > 0) {
                    int from = r.nextInt(n);
                    int to = Math.min(n, from + 1 + r.nextInt(Math.min(256, n - from)));
                    b.insert(r.nextInt(n + 1), b.slice(from, to));
                }
            }
            case 6, 7 -> {
                if (dictionary.length > 0) {
                    byte[] token = dictionary[r.nextInt(dictionary.length)];
                    int at = r.nextInt(n + 1);
                    if (r.nextBoolean() || at == n) {
                        b.insert(at, token);
                    } else {
                        b.delete(at, Math.min(n, at + token.length));
                        b.insert(at, token);
                    }
                }
            }
            case 8 -> replaceNumber(b, r, INTERESTING_NUMBERS[r.nextInt(INTERESTING_NUMBERS.length)]);
            case 9 -> {
                if (n >= 4) {
                    int v = INTERESTING_INTS[r.nextInt(INTERESTING_INTS.length)];
                    int at = r.nextInt(n - 3);
                    if (r.nextInt(3) == 0) {
                        at &= ~3; // aligned, as binary headers are
                    }
                    b.set(at, (byte) (v >>> 24));
                    b.set(at + 1, (byte) (v >>> 16));
                    b.set(at + 2, (byte) (v >>> 8));
                    b.set(at + 3, (byte) v);
                }
            }
            case 10 -> {
                byte[] other = corpus.get(r.nextInt(corpus.size()));
                int cut = r.nextInt(n + 1);
                int from = r.nextInt(other.length + 1);
                b.delete(cut, n);
                b.insert(cut, java.util.Arrays.copyOfRange(other, from, other.length));
            }
            case 11 -> {
                if (n > 0) {
                    b.delete(r.nextInt(n), n);
                }
            }
            case 12 -> {
                if (n > 0) {
                    int from = r.nextInt(n);
                    byte[] chunk = b.slice(from, Math.min(n, from + 1 + r.nextInt(Math.min(64, n - from))));
                    int times = 2 + r.nextInt(r.nextBoolean() ? 8 : 2000);
                    ByteArrayOutputStream rep = new ByteArrayOutputStream();
                    for (int t = 0; t < times && rep.size() < MAX_INPUT_BYTES; t++) {
                        rep.writeBytes(chunk);
                    }
                    b.insert(from, rep.toByteArray());
                }
            }
            case 13 -> {
                if (n > 1) { // swap two chunks
                    int a = r.nextInt(n);
                    int c = r.nextInt(n);
                    byte t = b.get(a);
                    b.set(a, b.get(c));
                    b.set(c, t);
                }
            }
            default -> {
                if (n > 0) { // a line or field removed or doubled: find a newline
                    int at = r.nextInt(n);
                    int end = at;
                    while (end < n && b.get(end) != '\n') {
                        end++;
                    }
                    if (r.nextBoolean()) {
                        b.delete(at, Math.min(n, end + 1));
                    } else {
                        b.insert(end < n ? end + 1 : n, b.slice(at, Math.min(n, end + 1)));
                    }
                }
            }
        }
        b.truncate(MAX_INPUT_BYTES);
    }

    /** Replaces a run of digits (or inserts at a random place) with a number written as text. */
    private static void replaceNumber(Bytes b, SplittableRandom r, String number) {
        byte[] text = number.getBytes(StandardCharsets.UTF_8);
        int n = b.size();
        if (n == 0) {
            b.insert(0, text);
            return;
        }
        int at = r.nextInt(n);
        int i = at;
        while (i < n && !isDigit(b.get(i))) {
            i++;
        }
        if (i == n) {
            b.insert(at, text);
            return;
        }
        int end = i;
        while (end < n && (isDigit(b.get(end)) || b.get(end) == '.' || b.get(end) == 'e' || b.get(end) == '-')) {
            end++;
        }
        b.delete(i, end);
        b.insert(i, text);
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** The bytes gzip-compressed. */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A growable byte array with the edits the mutations need. */
    private static final class Bytes {
        private byte[] a;
        private int n;

        Bytes(byte[] init) {
            a = java.util.Arrays.copyOf(init, Math.max(16, init.length * 2));
            n = init.length;
        }

        int size() {
            return n;
        }

        byte get(int i) {
            return a[i];
        }

        void set(int i, byte v) {
            a[i] = v;
        }

        byte[] slice(int from, int to) {
            return java.util.Arrays.copyOfRange(a, from, to);
        }

        void insert(int at, byte[] ins) {
            if (n + ins.length > a.length) {
                a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, n + ins.length));
            }
            System.arraycopy(a, at, a, at + ins.length, n - at);
            System.arraycopy(ins, 0, a, at, ins.length);
            n += ins.length;
        }

        void delete(int from, int to) {
            System.arraycopy(a, to, a, from, n - to);
            n -= to - from;
        }

        void truncate(int max) {
            n = Math.min(n, max);
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
