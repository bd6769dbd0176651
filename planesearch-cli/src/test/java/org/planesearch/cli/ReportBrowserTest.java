package org.planesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a report in a real browser, headless Chromium, and checks that every plot rendered: the
 * page's own script marks the body with {@code data-plots-loaded="LOADED/TOTAL"} once loaded,
 * and a screenshot of the page is not blank. Skipped (a JUnit assumption, with the reason) when no
 * Chromium is installed, so that a clean machine's build passes; on Debian:
 * {@code apt-get install chromium}. The binary is {@code $PLANESEARCH_CHROMIUM}, or the first of
 * chromium, chromium-browser, google-chrome on the PATH.
 */
class ReportBrowserTest {

    private static final Pattern LOADED = Pattern.compile("data-plots-loaded=\"(\\d+)/(\\d+)\"");

    @TempDir
    static Path tmp;

    static Path report;
    static String chromium;

    private static final String NO_CHROMIUM = "Chromium is not installed (no chromium, chromium-browser or google-chrome "
            + "on the PATH, no PLANESEARCH_CHROMIUM): the headless-browser check of the report is skipped";

    @BeforeAll
    static void reportOfATrainingRun() {
        chromium = findChromium();
        if (chromium == null) {
            return;
        }
        report = tmp.resolve("run/report");
        Cli.ok("train", "--data", "iris", "--standardize", "--method", "gd+ps:per-layer", "--test-fraction", "0.3",
                "--test-every", "3", "--max-iter", "60", "--out", tmp.resolve("run").toString(), "--report",
                report.toString(), "--quiet");
    }

    /** The browser's binary, or null. */
    static String findChromium() {
        String given = System.getenv("PLANESEARCH_CHROMIUM");
        if (given != null && !given.isBlank()) {
            return Files.isExecutable(Path.of(given)) ? given : null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }

    /** Runs headless Chromium with the given extra arguments on the page; returns its standard output. */
    static String headless(Path page, Path profile, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        command.add(page.toUri().toString());
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("headless Chromium did not finish in 120 s");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void everyPlotLoadsInTheBrowser() throws IOException, InterruptedException {
        Assumptions.assumeTrue(chromium != null, NO_CHROMIUM);
        String html = Files.readString(report.resolve("index.html"));
        int images = html.split("<img ", -1).length - 1;
        assertTrue(images >= 9, "plots on the page: " + images);
        String dom = headless(report.resolve("index.html"), Files.createTempDirectory(tmp, "profile"), "--dump-dom");
        Matcher m = LOADED.matcher(dom);
        assertTrue(m.find(), () -> "the page's load script did not run; DOM starts: "
                + dom.substring(0, Math.min(300, dom.length())));
        assertEquals(images, Integer.parseInt(m.group(2)), "images the browser saw");
        assertEquals(images, Integer.parseInt(m.group(1)), "images the browser decoded");
    }

    @Test
    void aScreenshotOfThePageIsNotBlank() throws IOException, InterruptedException {
        Assumptions.assumeTrue(chromium != null, NO_CHROMIUM);
        Path shot = tmp.resolve("shot.png");
        headless(report.resolve("index.html"), Files.createTempDirectory(tmp, "profile"), "--hide-scrollbars",
                "--window-size=1280,1600", "--screenshot=" + shot);
        assertTrue(Files.exists(shot), "no screenshot written");
        BufferedImage image = ImageIO.read(shot.toFile());
        assertEquals(1280, image.getWidth());
        long colored = 0;
        long dark = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    colored++;
                }
                if (r + g + b < 200) {
                    dark++;
                }
            }
        }
        long samples = (long) (image.getWidth() / 2) * (image.getHeight() / 2);
        assertTrue(colored > samples / 1000, "coloured pixels (the plots' lines): " + colored + " of " + samples);
        assertTrue(dark > samples / 200, "dark pixels (text, axes): " + dark + " of " + samples);
    }
}
