package org.planesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planesearch.cli.report.OutputNames;

/**
 * Issue 8 part 6: outputs stay inside the folder the user chose, an earlier output is replaced
 * only with {@code --force} (alias {@code --overwrite}) on every command that writes one, and no
 * code reads Java-serialized objects.
 */
class OutputSafetyTest {

    @TempDir
    Path tmp;

    @Test
    void namesThatLeaveTheOutputFolderAreRefused() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("out"));
        for (String bad : List.of("../x", "a/../../x", "..", "", ".", folder.resolve("x").toAbsolutePath().toString(),
                "/etc/passwd", "a\0b")) {
            assertThrows(IllegalArgumentException.class, () -> OutputNames.inside(folder, bad), bad);
        }
        assertEquals(folder.toAbsolutePath().resolve("report/index.html"), OutputNames.inside(folder, "report/index.html"));
        assertEquals(folder.toAbsolutePath().resolve("b"), OutputNames.inside(folder, "a/../b"));

        try (AtomicOutput out = AtomicOutput.openFolder(tmp.resolve("run"), false, "--out", List.of())) {
            UserError e = assertThrows(UserError.class, () -> out.file("../escaped.txt"));
            assertTrue(e.getMessage().contains("leaves the output folder"), e.getMessage());
            assertThrows(UserError.class, () -> out.file(tmp.resolve("abs.txt").toString()));
            assertTrue(out.file("report/index.html").startsWith(out.folder()));
        }
        Cli.assertOnly(tmp, "out");
    }

    /** Every command that writes an output refuses to replace an earlier one without --force. */
    @Test
    void everyCommandThatWritesOutputsNeedsForceToReplaceThem() throws IOException {
        Path run = tmp.resolve("run");
        Cli.ok("train", "--out", run.toString(), "--max-iter", "3", "--quiet");
        String model = run.resolve("model.json").toString();
        String before = Files.readString(run.resolve("summary.json"));
        Path report = tmp.resolve("report");
        Path predictions = tmp.resolve("predictions.txt");
        Path spectrum = tmp.resolve("spectrum");
        Path compared = tmp.resolve("compared");
        List<List<String>> commands = List.of(
                List.of("train", "--out", run.toString(), "--max-iter", "3", "--quiet"),
                List.of("train", "--report", report.toString(), "--max-iter", "3", "--quiet"),
                List.of("predict", "--model", model, "--data", "heart_scale", "--out", predictions.toString()),
                List.of("spectrum", "--model", model, "--data", "heart_scale", "--out", spectrum.toString(), "--top", "1",
                        "--steps", "3", "--draws", "1", "--grid-size", "20", "--trace-samples", "2"),
                List.of("report", run.toString(), "--out", compared.toString()));
        for (List<String> c : commands) {
            String[] args = c.toArray(new String[0]);
            if (!c.get(0).equals("train") || c.contains("--report")) {
                Cli.ok(args); // the first output of this kind
            }
            Cli.fails(2, false, List.of("add --force"), args);
            for (String force : List.of("--force", "--overwrite")) {
                List<String> forced = new ArrayList<>(c);
                forced.add(force);
                Cli.ok(forced.toArray(new String[0]));
            }
        }
        assertTrue(Files.readString(run.resolve("summary.json")).contains("\"iterations\""), before);
    }

    /**
     * No main source reads Java-serialized objects (ObjectInputStream, XMLDecoder) or lets Jackson
     * pick classes from the input (default typing, @JsonTypeInfo): user files are JSON, CSV and
     * LIBSVM text, and IDX bytes, read into plain values. A module that ever needs Java
     * serialization for its own state (never for user input) is named here with the reason.
     */
    @Test
    void noJavaDeserializationAnywhere() throws IOException {
        Pattern forbidden = Pattern.compile("ObjectInputStream|readObject\\s*\\(|readUnshared\\s*\\(|XMLDecoder"
                + "|enableDefaultTyping|activateDefaultTyping|JsonTypeInfo|SerializationUtils");
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path m : modules.filter(p -> p.getFileName().toString().startsWith("planesearch-")).toList()) {
                Path main = m.resolve("src/main/java");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> files = Files.walk(main)) {
                        files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
                    }
                }
            }
        }
        assertTrue(sources.size() > 100, "found the sources: " + sources.size());
        List<String> hits = new ArrayList<>();
        for (Path f : sources) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (forbidden.matcher(lines.get(i)).find()) {
                    hits.add(root.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertEquals(List.of(), hits, "Java deserialization of data");
    }
}
