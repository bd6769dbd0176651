package org.planesearch.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written report: the page's content, the plot files it references, offline and escaped. */
public class ReportTest {

    private static final Pattern IMG = Pattern.compile("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");
    private static final Pattern SRC = Pattern.compile("src=\"([^\"]*)\"");

    @TempDir
    Path tmp;

    /**
     * Checks the page against the folder: every image decodes, every link exists, nothing external
     * (also used by the command tests).
     */
    public static String checkPage(Path folder) throws IOException {
        String html = Files.readString(folder.resolve(Report.PAGE));
        // outside the embedded images: base64 data may spell "http" by chance (it did: a flaky failure)
        String text = IMG.matcher(html).replaceAll("");
        assertFalse(text.toLowerCase(Locale.ROOT).contains("http"), "no URL with a scheme (works offline)");
        assertFalse(text.contains("//"), "no protocol-relative URL either");
        Matcher img = IMG.matcher(html);
        int images = 0;
        while (img.find()) {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(img.group(1))));
            assertEquals(PlotRenderer.WIDTH, decoded.getWidth());
            assertEquals(PlotRenderer.HEIGHT, decoded.getHeight());
            images++;
        }
        Matcher src = SRC.matcher(html);
        int sources = 0;
        while (src.find()) {
            sources++;
        }
        assertEquals(sources, images, "every image is an embedded PNG");
        Matcher href = HREF.matcher(html);
        int links = 0;
        while (href.find()) {
            String target = href.group(1);
            assertTrue(target.matches("[a-z-]+\\.(svg|png)"), "a plain relative file name: " + target);
            assertTrue(Files.size(folder.resolve(target)) > 1000, "the linked plot file exists: " + target);
            links++;
        }
        assertEquals(2 * images, links, "an SVG and a PNG link per plot");
        try (Stream<Path> s = Files.list(folder)) {
            List<String> files = s.map(p -> p.getFileName().toString()).toList();
            assertEquals(1 + 2 * images, files.size(), "the page and two files per plot, nothing else: " + files);
            assertTrue(Report.FILES.containsAll(files), files.toString());
        }
        return html;
    }

    @Test
    void oneRunGivesAPageWhosePlotsAllExist() throws IOException {
        Run run = Runs.synthetic("gd+ps:per-layer", 30, true, true, 0.25);
        List<String> written = Report.write(tmp, "Report", "planesearch test", List.of(run), Report.FStar.SUMMARY);
        String html = checkPage(tmp);
        assertEquals(Report.PAGE, written.get(0));
        assertEquals(1 + 2 * 9, written.size(), "9 plots: all but the unnamed coefficients");
        for (String name : List.of("objective-iterations", "learning-rates", "momentum-rates", "search-effort",
                "test-loss", "test-accuracy")) {
            assertTrue(html.contains("<figure id=\"" + name + "\">"), name);
        }
        assertTrue(html.contains("<td class=\"text\">MAX_ITERATIONS</td>"), "termination in the table");
        assertTrue(html.contains("<td class=\"text\">so-friendly</td>"), "evaluator in the table");
        assertTrue(html.contains("<th>test accuracy</th>"));
        assertTrue(html.contains("<td>80.00%</td>"));
        assertTrue(html.contains("f* is not known"), "the page says why f itself is drawn");
        assertTrue(Files.readString(tmp.resolve("gradient-norm.svg")).startsWith("<?xml"));
    }

    @Test
    void twoRunsOverlayAndTheirClashingLabelsAreMadeDistinct() throws IOException {
        Run a = Runs.synthetic("gd+ps", 20, false, false, 0.25);
        Run b = Runs.synthetic("gd+ps", 40, false, false, 0.25);
        b = new Run("gd+ps", "runs/second", b.summary(), b.rows());
        Report.write(tmp, "Comparison", "planesearch test", List.of(a, b), new Report.FStar(Report.FStar.Mode.BEST, Double.NaN));
        String html = checkPage(tmp);
        assertTrue(html.contains("gd+ps (runs/gd+ps)"), "the folder tells same-method runs apart");
        assertTrue(html.contains("gd+ps (runs/second)"));
        assertTrue(html.contains("f - f* is drawn with f* = 0.25"), "the best f reached, said on the page");
        assertEquals(2, count(html, "class=\"swatch\""), "a colour swatch per run in the table");
    }

    @Test
    void textFromFilesIsEscaped() throws IOException {
        Run run = Runs.synthetic("x", 5, false, false, 0);
        Run evil = new Run("<script>alert('x')</script>", "a&b\"c", run.summary(), run.rows());
        Report.write(tmp, "T <b>", "planesearch test", List.of(evil), Report.FStar.SUMMARY);
        String html = checkPage(tmp);
        assertFalse(html.contains("<script>alert"), "the label is escaped");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assertTrue(html.contains("a&amp;b&quot;c"));
        assertTrue(html.contains("<title>T &lt;b&gt;</title>"));
        assertEquals(1, count(html, "<script>"), "only the page's own script");
    }

    @Test
    void fStarParsesNumbersAndBestAndRejectsTheRest() {
        assertEquals(0.5, Report.FStar.parse("0.5").value());
        assertEquals(Report.FStar.Mode.BEST, Report.FStar.parse("BEST").mode());
        for (String bad : List.of("abc", "NaN", "Infinity", "")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Report.FStar.parse(bad), bad);
        }
    }

    @Test
    void numbersInTheTableAreShortAndExact() {
        assertEquals("0.3305123", ReportPage.format(0.33051234567, 7));
        assertEquals("1.3e-4", ReportPage.format(1.3e-4, 2));
        assertEquals("302", ReportPage.format(302, 12));
        assertEquals("1.5e7", ReportPage.format(1.5e7 + 0.5, 2));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    static List<String> names(Path folder) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        }
        return out;
    }
}
