package org.planesearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planesearch.cli.report.HistoryRow;
import org.planesearch.cli.report.Report;
import org.planesearch.cli.report.ReportTest;
import org.planesearch.cli.report.RunReader;

/** {@code planesearch report} over saved runs, and {@code train --report / --test-every}. */
class ReportCommandTest {

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    static Path planeSearch;
    static Path lineSearch;

    @BeforeAll
    static void train() {
        planeSearch = shared.resolve("ps");
        Cli.ok("train", "--method", "gd+ps", "--test-fraction", "0.25", "--test-every", "2", "--out", planeSearch.toString(),
                "--quiet");
        lineSearch = shared.resolve("lo");
        Cli.ok("train", "--method", "gd+lo", "--test-fraction", "0.25", "--out", lineSearch.toString(), "--quiet");
    }

    @Test
    void reportOfTwoRunsOverlaysThemOnOnePage() throws IOException {
        Path out = tmp.resolve("cmp");
        Cli.Result r = Cli.ok("report", planeSearch.toString(), lineSearch.toString(), "--out", out.toString());
        assertTrue(r.out().startsWith("Wrote " + out.resolve("index.html") + " ("), r.out());
        String html = ReportTest.checkPage(out);
        assertTrue(html.contains("<title>Planesearch report: gd+ps, gd+lo</title>"), "labels from the methods");
        assertEquals(2, html.split("class=\"swatch\"", -1).length - 1, "two runs in the table");
        assertTrue(html.contains("<figure id=\"test-loss\">"), "the first run recorded test metrics");
        assertTrue(html.contains("<figure id=\"momentum-rates\">"), "plane search has a momentum rate");
        assertTrue(html.contains("<th>test accuracy</th>"), "final test metrics from the summaries");
    }

    @Test
    void labelsAndFStarAreTakenFromTheFlags() throws IOException {
        Path out = tmp.resolve("cmp");
        Cli.ok("report", planeSearch.toString(), lineSearch.toString(), "--label", "plane <search>", "--label", "line",
                "--f-star", "best", "--title", "A & B", "--out", out.toString());
        String html = ReportTest.checkPage(out);
        assertTrue(html.contains("plane &lt;search&gt;"));
        assertTrue(html.contains("<title>A &amp; B</title>"));
        assertTrue(html.contains("f - f* is drawn with f* = "), "--f-star best");
    }

    @Test
    void historyOfTestEveryHasTheTestColumnsAppended() throws IOException {
        List<String> lines = Files.readAllLines(planeSearch.resolve("history.csv"));
        assertEquals(HistoryWriter.HEADER + ",test_loss,test_accuracy,test_seconds", lines.get(0));
        List<HistoryRow> rows = RunReader.readHistory(planeSearch.resolve("history.csv"));
        for (HistoryRow row : rows) {
            assertEquals(row.iteration() % 2 == 0, !Double.isNaN(row.testLoss()), "row " + row.iteration());
            assertTrue(row.testSeconds() >= 0 && row.testSeconds() < row.seconds() || row.iteration() == 0);
        }
        assertTrue(rows.get(2).testAccuracy() > 0.5, rows.get(2).toString());
        assertEquals(HistoryWriter.HEADER, Files.readAllLines(lineSearch.resolve("history.csv")).get(0),
                "without --test-every the history is as before");
    }

    @Test
    void trainReportInsideOutIsSavedWithTheRunAndOverwrittenWithIt() throws IOException {
        Path run = tmp.resolve("run");
        Path report = run.resolve("report");
        Cli.Result r = Cli.ok("train", "--method", "gd+ps", "--out", run.toString(), "--report", report.toString());
        assertTrue(r.out().contains("  report        " + report.resolve("index.html")), r.out());
        Cli.assertOnly(run, "model.json", "history.csv", "summary.json", "report");
        String html = ReportTest.checkPage(report);
        assertTrue(html.contains("Planesearch training report: gd+ps on heart_scale"), html.substring(0, 400));
        Cli.ok("train", "--method", "gd+lo", "--out", run.toString(), "--report", report.toString(), "--overwrite",
                "--quiet");
        assertTrue(Files.readString(report.resolve("index.html")).contains("report: gd+lo"));
        Cli.assertOnly(tmp, "run");
    }

    @Test
    void trainReportWithoutOutAndAnExistingFolderNeedsOverwrite() throws IOException {
        Path report = tmp.resolve("rep");
        Cli.ok("train", "--report", report.toString(), "--test-fraction", "0.3", "--test-every", "5", "--quiet");
        assertTrue(ReportTest.checkPage(report).contains("<figure id=\"test-accuracy\">"));
        Cli.fails(2, false, List.of("--report " + report, "not empty", "--overwrite"), "train", "--report",
                report.toString(), "--quiet");
        Cli.ok("train", "--report", report.toString(), "--overwrite", "--quiet");
        Cli.assertOnly(tmp, "rep");
    }

    @Test
    void aFailedTrainingWritesNoReport() throws IOException {
        Path csv = tmp.resolve("huge.csv");
        Files.writeString(csv, "a,y\n1e200,1e200\n2e200,3e200\n-1e200,5\n");
        Cli.Result r = Cli.run("train", "--data", csv.toString(), "--model", "least-squares", "--report",
                tmp.resolve("rep").toString(), "--quiet");
        assertEquals(1, r.exit(), r.err());
        Cli.assertOnly(tmp, "huge.csv");
    }

    @Test
    void reportRefusesAnExistingFolderUnlessOverwriteOrForce() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("cmp"));
        Files.writeString(out.resolve("index.html"), "old");
        Cli.fails(2, false, List.of("--out " + out, "not empty", "--overwrite"), "report", planeSearch.toString(),
                "--out", out.toString());
        Cli.ok("report", planeSearch.toString(), "--out", out.toString(), "--force");
        ReportTest.checkPage(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        Cli.fails(2, false, List.of("'notes.txt'", "refusing"), "report", planeSearch.toString(), "--out", out.toString(),
                "--overwrite");
    }

    @Test
    void aDamagedHistoryIsOneLineNamingFileLineAndValue() throws IOException {
        Path bad = Files.createDirectories(tmp.resolve("bad"));
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(lineSearch.resolve("history.csv")));
        lines.set(2, lines.get(2).replaceFirst(",[^,]+,", ",0.5oops,"));
        Files.write(bad.resolve("history.csv"), lines);
        Path out = tmp.resolve("out");
        Cli.fails(2, false, List.of(bad.resolve("history.csv") + ":3:2: value '0.5oops' in column 'f' is not a number"),
                "report", bad.toString(), "--out", out.toString());
        Files.write(bad.resolve("history.csv"), lines.subList(0, 2));
        Files.writeString(bad.resolve("summary.json"), "{\"f\": 1,");
        Cli.fails(2, false, List.of("summary.json:1:", "not valid JSON"), "report", bad.toString(), "--out", out.toString());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void userMistakesAreOneLineErrors() {
        String out = tmp.resolve("o").toString();
        Cli.fails(2, false, List.of("nope", "no such folder or file"), "report", tmp.resolve("nope").toString(), "--out", out);
        Cli.fails(2, false, List.of(tmp + ": has no history.csv"), "report", tmp.toString(), "--out", out);
        Cli.fails(2, false, List.of("--label", "one --label per run"), "report", planeSearch.toString(),
                lineSearch.toString(), "--label", "a", "--out", out);
        Cli.fails(2, false, List.of("--label 'a'", "twice"), "report", planeSearch.toString(), lineSearch.toString(),
                "--label", "a", "--label", "a", "--out", out);
        Cli.fails(2, false, List.of("--f-star", "'low' is not a number or 'best'"), "report", planeSearch.toString(),
                "--f-star", "low", "--out", out);
        Cli.fails(2, true, List.of("--out"), "report", planeSearch.toString());
        Cli.fails(2, false, List.of("--test-every 5", "add --test-fraction"), "train", "--test-every", "5", "--out", out);
        Cli.fails(2, false, List.of("--test-every 5", "give one of them"), "train", "--test-every", "5", "--test-fraction",
                "0.2");
        Cli.fails(2, false, List.of("--test-every: must be >= 1"), "train", "--test-every", "0", "--test-fraction", "0.2",
                "--out", out);
        Cli.fails(2, false, List.of("--report " + out, "is the --out folder"), "train", "--out", out, "--report", out);
        assertFalse(Files.exists(Path.of(out)));
        assertTrue(Report.FILES.contains("index.html"));
    }
}
