package org.planesearch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The report flags of {@code train}: {@code --report DIR} and {@code --test-every N}. They build
 * the run's {@link RunRecorder}; kept apart from {@code TrainCommand} so that the command only
 * wires the recorder in.
 */
final class ReportOptions {

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write an HTML report with plots into DIR (index.html, PNG and SVG files): objective, "
                    + "gradient norm, the chosen learning and momentum rates per layer, the step search's inner "
                    + "iterations, test metrics (with --test-every). A folder inside --out is saved with the run.")
    Path report;

    @Option(names = "--test-every", paramLabel = "N",
            description = "With --test-fraction: evaluate the test metrics every N iterations during training and "
                    + "record them (history.csv columns test_loss, test_accuracy, test_seconds; the report's test plots).")
    Integer testEvery;

    /**
     * Checks the flags before any work: --test-every needs a test set (--test-fraction) and a place
     * to record into (--out or --report).
     */
    void validate(boolean testSet, boolean out) {
        if (testEvery != null) {
            if (testEvery < 1) {
                throw new UserError("--test-every: must be >= 1, got " + testEvery);
            }
            if (!testSet) {
                throw new UserError("--test-every " + testEvery + ": needs a test set; add --test-fraction");
            }
            if (!out && report == null) {
                throw new UserError("--test-every " + testEvery + ": records into --out's history.csv and the --report; "
                        + "give one of them");
            }
        }
    }

    /**
     * The names --out may hold with --force: the run's files, and the report's folder when the
     * report goes inside --out (as "NAME/", see {@link AtomicOutput#openFolder}).
     */
    List<String> outFiles(Path out, List<String> runFiles) {
        String inside = out == null || report == null ? null : RunRecorder.inside(out, report);
        if (inside == null) {
            return runFiles;
        }
        List<String> all = new ArrayList<>(runFiles);
        all.add(Path.of(inside).getName(0) + "/");
        return all;
    }

    /**
     * The recorder of this run: test metrics every --test-every iterations, the report's rows and
     * its output (opened now, so that a refused folder stops the run before it trains).
     *
     * @param out the --out folder, or null
     * @param output the --out output, or null
     * @param overwrite the --force (--overwrite) flag (also for the report's folder)
     */
    RunRecorder recorder(TrainingData prepared, Path out, AtomicOutput output, boolean overwrite) throws IOException {
        validate(prepared.test != null, out != null);
        return RunRecorder.open(prepared, testEvery == null ? 0 : testEvery, report, out, output, overwrite);
    }
}
