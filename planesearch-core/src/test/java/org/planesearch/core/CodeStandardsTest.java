package org.planesearch.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Enforces the house rules for numerical code by scanning sources, in the spirit of EJML's
 * {@code TestEnforceCodeStandards}. In the main sources of core's {@code linalg},
 * {@code linesearch}, {@code subspace}, {@code direction}, {@code stepsize} and {@code optim}
 * packages, and of {@code planesearch-models} when that module exists, it forbids:
 * <ul>
 *   <li>{@code java.util.stream}: streams allocate and hide loops;</li>
 *   <li>boxed numbers as generic arguments ({@code List<Double>}, {@code Map<String, Integer>}):
 *       boxing allocates per element;</li>
 *   <li>{@code Math.random()}: every random choice takes an explicit {@code SplittableRandom};</li>
 *   <li>type names with an acronym in capitals ({@code LBFGS}, {@code SGDStep}): acronyms are
 *       words ({@code Lbfgs}).</li>
 * </ul>
 * Comments and string literals are ignored. Each violation is reported as {@code file:line}.
 */
class CodeStandardsTest {

    private static final String[] CORE_PACKAGES = {"linalg", "linesearch", "subspace", "direction", "stepsize", "optim"};

    private static final Pattern STREAM = Pattern.compile("\\bjava\\s*\\.\\s*util\\s*\\.\\s*stream\\b");
    private static final Pattern BOXED_GENERIC = Pattern.compile("[<,]\\s*(?:java\\.lang\\.)?(Double|Integer|Long|Float)\\s*(?:\\[\\s*\\])?\\s*[,>]");
    private static final Pattern MATH_RANDOM = Pattern.compile("\\bMath\\s*\\.\\s*random\\s*\\(");
    private static final Pattern CAPITALS_IN_NAME = Pattern.compile("[A-Z]{3,}");

    /** The module's base directory (surefire sets {@code basedir}; otherwise the working directory). */
    private static Path coreBaseDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /** The folders to scan; core's packages must exist, so that the test cannot pass vacuously. */
    static List<Path> roots() {
        Path core = coreBaseDir();
        Path coreSources = core.resolve("src/main/java/org/planesearch/core");
        List<Path> roots = new ArrayList<>();
        for (int i = 0; i < CORE_PACKAGES.length; i++) {
            Path p = coreSources.resolve(CORE_PACKAGES[i]);
            assertTrue(Files.isDirectory(p), "missing package folder " + core.relativize(p));
            roots.add(p);
        }
        Path models = core.resolve("../planesearch-models/src/main/java").normalize();
        if (Files.isDirectory(models)) {
            roots.add(models);
        }
        return roots;
    }

    @Test
    void numericalSourcesFollowTheHouseRules() throws IOException {
        List<String> violations = new ArrayList<>();
        int files = 0;
        Path base = coreBaseDir().getParent();
        List<Path> roots = roots();
        for (int r = 0; r < roots.size(); r++) {
            List<Path> sources = new ArrayList<>();
            try (var walk = Files.walk(roots.get(r))) {
                walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(sources::add);
            }
            for (int i = 0; i < sources.size(); i++) {
                Path file = sources.get(i);
                files++;
                String name = base.relativize(file.toAbsolutePath().normalize()).toString();
                violations.addAll(violations(name, Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        assertTrue(files >= 20, "scanned only " + files + " files: are the roots right? " + roots);
        if (!violations.isEmpty()) {
            fail(violations.size() + " code-standard violation(s):\n  " + String.join("\n  ", violations));
        }
    }

    /** The violations in one source, as {@code file:line: rule: text}. */
    static List<String> violations(String file, String source) {
        List<String> out = new ArrayList<>();
        String code = stripCommentsAndStrings(source);
        String[] lines = code.split("\n", -1);
        String[] original = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String where = file + ":" + (i + 1) + ": ";
            String text = original[i].strip();
            if (STREAM.matcher(lines[i]).find()) {
                out.add(where + "java.util.stream is not allowed in numerical code: " + text);
            }
            Matcher boxed = BOXED_GENERIC.matcher(lines[i]);
            if (boxed.find()) {
                out.add(where + "boxed " + boxed.group(1) + " as a generic argument (use primitive arrays): " + text);
            }
            if (MATH_RANDOM.matcher(lines[i]).find()) {
                out.add(where + "Math.random() (take an explicit SplittableRandom): " + text);
            }
        }
        String simpleName = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1).replace(".java", "");
        if (!simpleName.equals("package-info") && CAPITALS_IN_NAME.matcher(simpleName).find()) {
            out.add(file + ":1: type name " + simpleName + " writes an acronym in capitals (write Lbfgs, not LBFGS)");
        }
        return out;
    }

    /** The source with comments, string, text-block and char literals blanked; line breaks kept. */
    static String stripCommentsAndStrings(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(s, i, end, b);
                i = end;
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                blank(s, i, end, b);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && s.charAt(j) != c && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                int end = Math.min(n, j + 1);
                blank(s, i, end, b);
                i = end;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    private static void blank(String s, int from, int to, StringBuilder b) {
        for (int k = from; k < to; k++) {
            b.append(s.charAt(k) == '\n' ? '\n' : ' ');
        }
    }

    @Test
    void theScannerFindsEachKindOfViolationAndIgnoresCommentsAndStrings() {
        String bad = String.join("\n",
                "import java.util.stream.IntStream;",
                "class X {",
                "  List<Double> a;",
                "  Map<String, Integer> b;",
                "  double r = Math.random();",
                "  List<double[]> fine;",
                "  // List<Double> in a comment is fine, as is Math.random() here",
                "  /* java.util.stream",
                "     List<Integer> */",
                "  String s = \"List<Double> Math.random() java.util.stream\";",
                "  char q = '\"'; List<Long> c;",
                "}");
        List<String> v = violations("core/X.java", bad);
        assertEquals(5, v.size(), String.join("\n", v));
        assertTrue(v.get(0).startsWith("core/X.java:1: java.util.stream"));
        assertTrue(v.get(1).startsWith("core/X.java:3: boxed Double"));
        assertTrue(v.get(2).startsWith("core/X.java:4: boxed Integer"));
        assertTrue(v.get(3).startsWith("core/X.java:5: Math.random()"));
        assertTrue(v.get(4).startsWith("core/X.java:11: boxed Long"));
        assertEquals(1, violations("core/LBFGS.java", "class LBFGS {}").size());
        assertEquals(0, violations("core/Lbfgs.java", "class Lbfgs {}").size());
    }
}
