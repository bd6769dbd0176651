package org.planesearch.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planesearch.data.DataFormatException;

/** Reading history.csv and summary.json, and the one-line errors for damaged ones. */
class RunReaderTest {

    static final String HEADER = "iteration,f,grad_norm,passes,seconds,function_evals,gradient_evals,trials,"
            + "inner_iterations,step_status,fallback,coefficients";

    @TempDir
    Path tmp;

    private Path history(String folder, String... lines) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(folder));
        Files.write(dir.resolve("history.csv"), List.of(lines));
        return dir;
    }

    private DataFormatException damaged(String... lines) throws IOException {
        Path dir = history("bad", lines);
        return assertThrows(DataFormatException.class, () -> RunReader.read(dir));
    }

    @Test
    void readsTheColumnsAReportDraws() throws IOException {
        Path dir = history("run1", HEADER,
                "0,0.69,0.5,2,0.01,1,1,0,0,,0,",
                "1,0.4,0.2,4,0.02,2,2,5,3,CONVERGED,0,0.5",
                "2,0.35,0.05,6,0.03,3,3,4,2,CONVERGED,0,0.75 0.25");
        Run run = RunReader.read(dir);
        assertEquals("run1", run.label(), "no summary: the folder names the run");
        assertEquals(RunSummary.NONE, run.summary());
        assertEquals(3, run.rows().size());
        HistoryRow r = run.rows().get(2);
        assertEquals(2, r.iteration());
        assertEquals(0.35, r.f());
        assertEquals(0.05, r.gradientNorm());
        assertEquals(6, r.passes());
        assertEquals(0.03, r.seconds());
        assertEquals(4, r.trials());
        assertEquals(2, r.innerIterations());
        assertArrayEquals(new double[] {0.75, 0.25}, r.coefficients());
        assertTrue(Double.isNaN(r.testLoss()));
        assertEquals(0, run.rows().get(0).coefficientCount());
    }

    @Test
    void findsColumnsByNameSoAppendedAndMissingOptionalColumnsAreFine() throws IOException {
        Path dir = history("run", "iteration,f,grad_norm,passes,seconds,coefficients,test_loss,test_accuracy,test_seconds,future",
                "0,1.0,1.0,2,0.1,,0.7,0.5,0,x",
                "5,0.5,0.1,12,0.6,0.1 0.9,,,0.02,y",
                "10,0.25,0.01,22,1.1,0.2 0.8,0.3,0.9,0.02,z");
        List<HistoryRow> rows = RunReader.read(dir).rows();
        assertEquals(-1, rows.get(0).trials(), "no trials column");
        assertEquals(0.7, rows.get(0).testLoss());
        assertEquals(0.5, rows.get(0).testAccuracy());
        assertTrue(Double.isNaN(rows.get(1).testLoss()), "an empty test field: not evaluated there");
        assertEquals(0.9, rows.get(2).testAccuracy());
        assertEquals(1.1 - 0.02, rows.get(2).trainingSeconds(), 1e-15);
    }

    @Test
    void aCorruptedLineNamesFileLineAndValue() throws IOException {
        DataFormatException e = damaged(HEADER, "0,0.69,0.5,2,0.01,1,1,0,0,,0,", "1,0.4x,0.2,4,0.02,2,2,5,3,CONVERGED,0,0.5");
        assertTrue(e.getMessage().endsWith("history.csv:3:2: value '0.4x' in column 'f' is not a number"), e.getMessage());
        assertEquals(3, e.line());
    }

    @Test
    void aTruncatedLineSaysHowManyFieldsItHas() throws IOException {
        DataFormatException e = damaged(HEADER, "0,0.69,0.5,2,0.01,1,1,0,0,,0,", "1,0.4,0.2,4");
        assertTrue(e.getMessage().contains("history.csv:3: has 4 fields, the header has 12"), e.getMessage());
    }

    @Test
    void badCoefficientsCountsAndOrderAreErrors() throws IOException {
        assertTrue(damaged(HEADER, "0,0.69,0.5,2,0.01,1,1,0,0,,0,", "1,0.4,0.2,4,0.02,2,2,5,3,CONVERGED,0,0.5 abc")
                .getMessage().contains(":3:12: value 'abc' in column 'coefficients' is not a number"));
        assertTrue(damaged(HEADER, "0,0.69,0.5,-2,0.01,1,1,0,0,,0,").getMessage()
                .contains(":2:4: value '-2' in column 'passes' is not a count"));
        assertTrue(damaged(HEADER, "0,0.69,0.5,2,0.01,1,1,0,0,,0,", "0,0.4,0.2,4,0.02,2,2,5,3,CONVERGED,0,0.5")
                .getMessage().contains(":3:1: iteration 0 follows iteration 0"));
        assertTrue(damaged(HEADER, "0,0x1p3,0.5,2,0.01,1,1,0,0,,0,").getMessage().contains("'0x1p3'"),
                "only Java's decimal forms");
    }

    @Test
    void headerProblemsAreNamed() throws IOException {
        assertTrue(damaged().getMessage().contains("history.csv:1: empty; expected the header iteration,f,grad_norm"));
        assertTrue(damaged("iteration,f,passes,seconds", "0,1,2,3").getMessage()
                .contains("history.csv:1: the header 'iteration,f,passes,seconds' has no column 'grad_norm'"));
        assertTrue(damaged(HEADER).getMessage().contains("has a header but no rows"));
        assertTrue(damaged(HEADER, "0,0.69,0.5,2,0.01,1,1,0,0,,0,", "").getMessage().contains(":3: empty line"));
    }

    @Test
    void missingFoldersAndFilesAreNamed() throws IOException {
        DataFormatException none = assertThrows(DataFormatException.class, () -> RunReader.read(tmp.resolve("nope")));
        assertTrue(none.getMessage().endsWith("nope: no such folder or file"), none.getMessage());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        DataFormatException noHistory = assertThrows(DataFormatException.class, () -> RunReader.read(empty));
        assertTrue(noHistory.getMessage().contains("empty: has no history.csv"), noHistory.getMessage());
    }

    @Test
    void summaryGivesLabelNamesAndFStar() throws IOException {
        Path dir = history("run2", HEADER, "0,0.69,0.5,2,0.01,1,1,0,0,,0,", "1,0.4,0.2,4,0.02,2,2,5,3,CONVERGED,0,0.5 0.1 0.6 0.2");
        Files.writeString(dir.resolve("summary.json"), """
                {"status": "ok", "termination": "MAX_ITERATIONS", "f": 0.4, "gradNorm": 0.2, "iterations": 1,
                 "passes": 4, "evaluator": "so-friendly", "seconds": 0.02, "method": "gd+ps:per-layer",
                 "methodDescription": "gd + ps:per-layer", "fStar": 0.125,
                 "rates": {"names": ["layer1 learning rate", "layer1 momentum", "layer2 learning rate", "layer2 momentum"]},
                 "data": {"name": "digits"}, "model": {"kind": "network", "loss": "softmax", "widths": [64, 8, 10],
                 "activation": "tanh"}, "test": {"examples": 10, "accuracy": 0.9, "loss": 0.3}}
                """);
        Run run = RunReader.read(dir);
        assertEquals("gd+ps:per-layer", run.label());
        RunSummary s = run.summary();
        assertEquals("digits", s.data());
        assertEquals("mlp 64-8-10 tanh, softmax", s.model());
        assertEquals(0.125, s.fStar());
        assertEquals(0.9, s.testAccuracy());
        assertEquals(List.of("layer1 learning rate", "layer1 momentum", "layer2 learning rate", "layer2 momentum"),
                run.names(run.rows().get(1)));
    }

    @Test
    void aGarbledSummaryNamesItsLineOrField() throws IOException {
        Path dir = history("run3", HEADER, "0,0.69,0.5,2,0.01,1,1,0,0,,0,");
        Files.writeString(dir.resolve("summary.json"), "{\n  \"f\": 0.4,\n  \"method\": gd+ps\n}\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> RunReader.read(dir));
        assertTrue(e.getMessage().contains("summary.json:3:"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        Files.writeString(dir.resolve("summary.json"), "{\"f\": \"low\"}");
        e = assertThrows(DataFormatException.class, () -> RunReader.read(dir));
        assertTrue(e.getMessage().endsWith("summary.json: field 'f' is '\"low\"', not a number"), e.getMessage());
    }

    /**
     * A field of a million digits and a letter: the number pattern used to backtrack over it in
     * quadratic time (20,000 digits took seconds, a megabyte minutes); now it is rejected at once.
     */
    @Test
    void hostileFieldsAreRejectedInLinearTime() throws IOException {
        String digits = "1".repeat(1_000_000);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            DataFormatException e = damaged(HEADER, "0," + digits.substring(0, 20_000) + "x,0.5,2,0.01,1,1,0,0,,0,");
            assertTrue(e.getMessage().contains("in column 'f' is not a number"), e.getMessage());
            e = damaged(HEADER, "0,0.5,0.5,2,0.01,1,1,0,0,,0," + "1 ".repeat(10) + digits.substring(0, 900_000) + "x");
            assertTrue(e.getMessage().contains("in column 'coefficients' is not a number"), e.getMessage());
            e = damaged(HEADER, "0,0.5,0.5,2,0.01,1,1,0,0,,0," + digits + digits);
            assertTrue(e.getMessage().contains("line is longer than 1048576 characters"), e.getMessage());
        });
        Path dir = history("utf16", HEADER, "0,0.69,0.5,2,0.01,1,1,0,0,,0,");
        Files.write(dir.resolve("summary.json"), "{\"f\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_16));
        DataFormatException e = assertThrows(DataFormatException.class, () -> RunReader.read(dir));
        assertTrue(e.getMessage().endsWith("summary.json: is not a text file (not UTF-8)"), e.getMessage());
    }
}
