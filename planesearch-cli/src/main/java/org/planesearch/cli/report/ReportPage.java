package org.planesearch.cli.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The report's HTML page: one self-contained file that works offline. It references nothing
 * outside itself but the plot files next to it (links to each plot's SVG and PNG): the plots are
 * embedded as PNG data URIs, the style sheet and the one small script are inline, and there is no
 * URL with a scheme anywhere. Every text taken from the runs (labels, methods, data names,
 * folders) is escaped.
 *
 * <p>The script runs when the page has loaded: it counts the images that decoded and writes
 * {@code data-plots-loaded="LOADED/TOTAL"} on the body (what the headless-browser test reads), and
 * shows a warning on the page if any plot failed.
 */
public final class ReportPage {

    /** One plot as the page shows it. */
    public record Figure(Plot plot, byte[] png) {
    }

    private ReportPage() {
    }

    /**
     * The page.
     *
     * @param title the page's title
     * @param generator who wrote it ("planesearch 0.1.0"), shown at the foot of the page
     * @param runs the runs, in legend order
     * @param fStar f* per run (NaN where unknown)
     * @param figures the plots with their PNG bytes
     * @param notes notes for the whole page
     */
    public static String html(String title, String generator, List<Run> runs, double[] fStar, List<Figure> figures,
                              List<String> notes) {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"").append(escape(generator)).append("\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n")
                .append("</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
        b.append("<p class=\"meta\">").append(runs.size()).append(runs.size() == 1 ? " run" : " runs").append(", ")
                .append(figures.size()).append(figures.size() == 1 ? " plot" : " plots")
                .append(". Each plot is also saved next to this page as SVG and PNG.</p>\n");
        table(b, runs, fStar);
        if (!notes.isEmpty()) {
            b.append("<ul class=\"notes\">\n");
            for (String n : notes) {
                b.append("<li>").append(escape(n)).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("<h2>Plots</h2>\n<p id=\"load-status\"></p>\n<div class=\"plots\">\n");
        for (Figure f : figures) {
            Plot p = f.plot();
            String name = escape(p.name());
            b.append("<figure id=\"").append(name).append("\">\n<img src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(f.png())).append("\" alt=\"").append(escape(p.title()))
                    .append("\" width=\"").append(PlotRenderer.WIDTH).append("\" height=\"").append(PlotRenderer.HEIGHT)
                    .append("\">\n<figcaption><strong>").append(escape(p.title())).append("</strong>");
            for (String n : p.notes()) {
                b.append(" ").append(escape(n));
            }
            b.append(" <a href=\"").append(name).append(".svg\">SVG</a> <a href=\"").append(name)
                    .append(".png\">PNG</a></figcaption>\n</figure>\n");
        }
        b.append("</div>\n<p class=\"foot\">Written by ").append(escape(generator)).append(".</p>\n")
                .append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void table(StringBuilder b, List<Run> runs, double[] fStar) {
        boolean test = false;
        boolean star = false;
        for (int i = 0; i < runs.size(); i++) {
            RunSummary s = runs.get(i).summary();
            test |= !Double.isNaN(s.testAccuracy()) || !Double.isNaN(s.testLoss());
            // an f* column only where the runs' f* differ: one f* for all is said in the notes
            star |= !Double.isNaN(fStar[i]) && Double.compare(fStar[i], fStar[0]) != 0;
        }
        b.append("<h2>Runs</h2>\n<div class=\"table\"><table>\n<thead><tr><th class=\"text\">run</th><th class=\"text\">method</th>")
                .append("<th class=\"text\">data</th><th class=\"text\">model</th><th>final f</th>")
                .append(star ? "<th>f*</th>" : "").append("<th>final &#8214;&#8711;f&#8214;</th><th>iterations</th>")
                .append("<th>passes</th><th>seconds</th><th class=\"text\">termination</th><th class=\"text\">evaluator</th>")
                .append(test ? "<th>test accuracy</th><th>test loss</th>" : "").append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            RunSummary s = run.summary();
            HistoryRow last = run.last();
            String swatch = runs.size() > 1 ? "<span class=\"swatch\" style=\"background:" + PlotRenderer.hex(i)
                    + "\"></span>" : "";
            b.append("<tr><td class=\"text\">").append(swatch).append(escape(run.label()))
                    .append(run.source() == null ? "" : "<br><span class=\"folder\">" + escape(run.source()) + "</span>")
                    .append("</td>").append(method(s))
                    .append(text(s.data())).append(text(s.model()))
                    .append(number(Double.isNaN(s.f()) ? last.f() : s.f(), 7));
            if (star) {
                b.append(number(fStar[i], 7));
            }
            b.append(number(Double.isNaN(s.gradientNorm()) ? last.gradientNorm() : s.gradientNorm(), 2))
                    .append(number(s.iterations() >= 0 ? s.iterations() : last.iteration(), 12))
                    .append(number(s.passes() >= 0 ? s.passes() : last.passes(), 12))
                    .append(number(Double.isNaN(s.seconds()) ? last.seconds() : s.seconds(), 3))
                    .append(text(s.termination())).append(text(s.evaluator()));
            if (test) {
                b.append(Double.isNaN(s.testAccuracy()) ? "<td>&#8211;</td>"
                        : "<td>" + String.format(Locale.ROOT, "%.2f%%", 100 * s.testAccuracy()) + "</td>")
                        .append(number(s.testLoss(), 5));
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table></div>\n");
    }

    /** The method's cell, with the optimizer's own description as a tooltip where it says more than the flag's value. */
    private static String method(RunSummary s) {
        String m = s.method();
        String d = s.methodDescription();
        if (m == null || d == null || m.replace(" ", "").equals(d.replace(" ", ""))) {
            return text(m != null ? m : d);
        }
        return "<td class=\"text\" title=\"" + escape(d) + "\">" + escape(m) + "</td>";
    }

    private static String text(String s) {
        return "<td class=\"text\">" + (s == null ? "&#8211;" : escape(s)) + "</td>";
    }

    private static String number(double v, int digits) {
        return "<td>" + (Double.isNaN(v) ? "&#8211;" : escape(format(v, digits))) + "</td>";
    }

    /**
     * v with {@code digits} significant digits: plain for 1e-3 ≤ |v| &lt; 1e7, scientific otherwise,
     * trailing zeros dropped; whole numbers in full.
     */
    static String format(double v, int digits) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e7) {
            return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
        }
        String s = String.format(Locale.ROOT, "%." + Math.max(0, digits - 1) + "e", v);
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + "e" + Integer.parseInt(s.substring(e + 1));
    }

    /** Text for HTML content and attribute values: {@code & < > " '} escaped. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; margin: 1.5em auto;
                   max-width: 1880px; padding: 0 1em; }
            h1 { font-size: 1.5em; margin-bottom: .2em; }
            h2 { font-size: 1.15em; margin-top: 1.4em; }
            .meta, .foot { color: #666; font-size: 14px; }
            table { border-collapse: collapse; font-size: 13px; }
            th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: right; white-space: nowrap; }
            th { background: #f4f4f4; }
            .table { overflow-x: auto; }
            .folder { color: #777; font-size: 12px; }
            th.text, td.text { text-align: left; }
            .swatch { display: inline-block; width: .8em; height: .8em; margin-right: .45em; vertical-align: -1px; }
            .notes { font-size: 14px; color: #444; }
            .plots { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 1.2em; }
            figure { margin: 0; }
            figure img { width: 100%; height: auto; border: 1px solid #e4e4e4; }
            figcaption { font-size: 13px; color: #444; margin-top: .3em; }
            #load-status.failed { color: #b00020; font-weight: bold; }
            """;

    private static final String SCRIPT = """
            window.addEventListener('load', function () {
              var images = document.images, loaded = 0;
              for (var i = 0; i < images.length; i++) {
                if (images[i].complete && images[i].naturalWidth > 0) { loaded++; }
              }
              document.body.setAttribute('data-plots-loaded', loaded + '/' + images.length);
              if (loaded < images.length) {
                var status = document.getElementById('load-status');
                status.className = 'failed';
                status.textContent = (images.length - loaded) + ' of ' + images.length + ' plots did not load.';
              }
            });
            """;
}
