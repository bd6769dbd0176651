package org.planesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Runs bin/planesearch as a process, when this build folder has a packaged jar newer than the classes. */
class LauncherTest {

    @Test
    void launcherTrainsOnHeartScale() throws IOException, InterruptedException {
        String folder = System.getProperty("planesearch.buildFolder", "target");
        Path module = Path.of("").toAbsolutePath();
        Path launcher = module.resolveSibling("bin").resolve("planesearch");
        Path target = module.resolve(folder);
        Path main = target.resolve("classes/org/planesearch/cli/Main.class");
        Path jar;
        try (Stream<Path> s = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            jar = s.filter(p -> p.getFileName().toString().matches("planesearch-cli-.*\\.jar")).findFirst().orElse(null);
        }
        Assumptions.assumeTrue(Files.isExecutable(launcher) && jar != null && Files.isDirectory(target.resolve("lib"))
                && Files.exists(main)
                && Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(main)) >= 0,
                "no up-to-date packaged jar in " + target + " (run mvn package first)");
        ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString(), "train", "--json")
                .redirectErrorStream(false);
        pb.environment().put("PLANESEARCH_BUILD_FOLDER", folder);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertEquals("", err, "no progress bar or warning when stderr is not a terminal");
        assertTrue(out.startsWith("{\"status\":\"ok\",\"termination\":\"GRADIENT_NORM\""), out);
    }
}
