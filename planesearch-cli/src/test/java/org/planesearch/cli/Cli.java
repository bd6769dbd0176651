package org.planesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Runs the program in-process and checks its output: the helpers of the cli tests. */
final class Cli {

    private Cli() {
    }

    /** What one run printed and returned. */
    record Result(int exit, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
        }

        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    /** A run that must succeed with nothing on stderr. */
    static Result ok(String... args) {
        Result r = run(args);
        assertEquals(0, r.exit(), () -> "exit code; stderr: " + r.err() + "\nstdout: " + r.out());
        assertEquals("", r.err(), "stderr");
        return r;
    }

    /**
     * A run that must fail with the exit code and exactly one line on stderr (two for picocli's
     * usage errors: the message and the hint), no stack trace, the line naming every fragment.
     */
    static Result fails(int exit, boolean usageHint, List<String> fragments, String... args) {
        Result r = run(args);
        assertEquals(exit, r.exit(), () -> "exit code; stderr: " + r.err());
        assertFalse(r.err().contains("\tat "), () -> "stack trace on stderr: " + r.err());
        assertFalse(r.err().contains("Exception"), () -> "exception name on stderr: " + r.err());
        List<String> lines = r.errLines();
        assertEquals(usageHint ? 2 : 1, lines.size(), () -> "stderr lines: " + r.err());
        assertTrue(lines.get(0).startsWith("planesearch: "), lines.get(0));
        if (usageHint) {
            assertTrue(lines.get(1).contains("--help"), lines.get(1));
        }
        for (String f : fragments) {
            assertTrue(lines.get(0).contains(f), () -> "'" + f + "' not in: " + lines.get(0));
        }
        return r;
    }

    /** Asserts that a folder holds nothing but the given names (no staging leftovers either). */
    static void assertOnly(Path dir, String... names) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> present = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(Stream.of(names).sorted().toList(), present, "contents of " + dir);
        }
    }
}
