package org.planesearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.planesearch.cli.report.HistoryRow;
import org.planesearch.cli.report.Report;
import org.planesearch.cli.report.Run;
import org.planesearch.cli.report.RunSummary;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.optim.IterationListener;
import org.planesearch.core.optim.IterationRecord;
import org.planesearch.core.optim.TrackedObjective;
import org.planesearch.models.linear.ModelEvaluation;

/**
 * What {@code train} records beyond the optimizer's facts, for history.csv and the report:
 * <ul>
 *   <li>with {@code --test-every N}, the test metrics at x_k for every k divisible by N (the iterate
 *       is seen through a {@link TrackedObjective}, which the optimizer must be given in place of
 *       the objective: {@link #track}); the evaluations' wall time is counted, so that plots
 *       against seconds can leave it out (history.csv's {@code test_seconds}: the test time already
 *       included in the row's {@code seconds});</li>
 *   <li>with {@code --report DIR}, the rows of the report, kept in memory, and the report itself,
 *       written with the run's summary once training succeeded. A report folder inside --out is
 *       written into --out's staging folder and saved with the run; any other folder has its own
 *       atomic output, opened before training (so that a refused folder stops the run early).</li>
 * </ul>
 * Must be a listener before the history writer's, which reads the test metrics of the same
 * iteration from it. Not thread-safe (one run).
 */
final class RunRecorder implements IterationListener, AutoCloseable {

    /** The history columns of the test metrics, appended after the fixed ones. */
    static final String TEST_COLUMNS = "test_loss,test_accuracy,test_seconds";

    private final TrainingData prepared;
    private final int testEvery;
    private final Path out;
    private final Path report;
    private final Path folder;
    private final AtomicOutput own;
    private final List<HistoryRow> rows;
    private TrackedObjective tracked;
    private ModelEvaluation latest;
    private int latestIteration = -1;
    private double testSeconds;
    private double testSecondsBefore;

    private RunRecorder(TrainingData prepared, int testEvery, Path out, Path report, Path folder, AtomicOutput own) {
        this.prepared = prepared;
        this.report = report;
        this.testEvery = testEvery;
        this.out = out;
        this.folder = folder;
        this.own = own;
        this.rows = folder == null ? null : new ArrayList<>();
    }

    /**
     * A recorder.
     *
     * @param testEvery the test interval, 0 for none
     * @param report the --report folder, or null
     * @param out the --out folder, or null
     * @param output --out's output, or null
     * @param overwrite whether an earlier report may be replaced
     */
    static RunRecorder open(TrainingData prepared, int testEvery, Path report, Path out, AtomicOutput output,
                            boolean overwrite) throws IOException {
        if (report == null) {
            return new RunRecorder(prepared, testEvery, out, null, null, null);
        }
        if (out != null) {
            Path o = out.toAbsolutePath().normalize();
            Path r = report.toAbsolutePath().normalize();
            if (o.equals(r)) {
                throw new UserError("--report " + report + ": is the --out folder; give a folder of its own, such as "
                        + out.resolve("report"));
            }
            if (o.startsWith(r)) {
                throw new UserError("--report " + report + ": holds the --out folder " + out + "; give a folder of its own");
            }
        }
        String inside = out == null ? null : inside(out, report);
        if (inside != null) {
            Path folder = output.file(inside);
            Files.createDirectories(folder);
            return new RunRecorder(prepared, testEvery, out, report, folder, null);
        }
        AtomicOutput own = AtomicOutput.openFolder(report, overwrite, "--report", Report.FILES);
        return new RunRecorder(prepared, testEvery, out, report, own.folder(), own);
    }

    /** The path of report relative to out when it lies inside it, else null. */
    static String inside(Path out, Path report) {
        Path o = out.toAbsolutePath().normalize();
        Path r = report.toAbsolutePath().normalize();
        return r.startsWith(o) && !r.equals(o) ? o.relativize(r).toString() : null;
    }

    /** The objective to give the optimizer: a tracking decorator when test metrics are recorded. */
    Objective track(Objective objective) {
        if (testEvery == 0) {
            return objective;
        }
        tracked = TrackedObjective.of(objective);
        return tracked;
    }

    /** Whether the test metrics are recorded (history.csv gets {@value #TEST_COLUMNS}). */
    boolean recordsTest() {
        return testEvery > 0;
    }

    @Override
    public boolean onIteration(IterationRecord r) {
        testSecondsBefore = testSeconds;
        if (testEvery > 0 && r.iteration() % testEvery == 0) {
            if (tracked == null || tracked.current() == null) {
                throw new IllegalStateException("RunRecorder: the optimizer was not given track(objective)");
            }
            long start = System.nanoTime();
            latest = prepared.model.evaluate(prepared.test.features(), prepared.testTargets, tracked.current());
            latestIteration = r.iteration();
            testSeconds += (System.nanoTime() - start) * 1e-9;
        }
        if (rows != null) {
            boolean tested = latestIteration == r.iteration();
            rows.add(new HistoryRow(r.iteration(), r.value(), r.gradientNorm(), r.dataPasses(), r.elapsedSeconds(),
                    r.trials(), r.innerIterations(), r.coefficients(), tested ? latest.meanLoss() : Double.NaN,
                    tested ? latest.accuracy() : Double.NaN, testSecondsBefore));
        }
        return true;
    }

    /**
     * Appends this iteration's test fields to a history row: ",loss,accuracy,seconds", the first
     * two empty where the metrics were not evaluated (or, accuracy, do not apply).
     */
    void appendTestFields(StringBuilder b, int iteration) {
        boolean tested = latestIteration == iteration;
        b.append(',');
        if (tested && !Double.isNaN(latest.meanLoss())) {
            b.append(latest.meanLoss());
        }
        b.append(',');
        if (tested && !Double.isNaN(latest.accuracy())) {
            b.append(latest.accuracy());
        }
        b.append(',').append(testSecondsBefore);
    }

    /** Writes the report (when --report was given) from the rows and the run's summary. */
    void writeReport(Map<String, Object> summaryJson) throws IOException {
        if (folder == null) {
            return;
        }
        RunSummary summary = RunSummary.fromJson(new ObjectMapper().valueToTree(summaryJson), "summary");
        String method = summary.method() == null ? "run" : summary.method();
        Run run = new Run(method, out == null ? "(not saved: no --out)" : out.toString(), summary, rows);
        String title = "Planesearch training report: " + method + (summary.data() == null ? "" : " on " + summary.data());
        Report.write(folder, title, "planesearch " + Main.version(), List.of(run), Report.FStar.SUMMARY);
    }

    /** Prints where the report is, as a row of train's summary ("  report        DIR/index.html"). */
    void printSaved(java.io.PrintWriter w) {
        if (report != null) {
            w.printf("  %-13s %s%n", "report", report.resolve(Report.PAGE));
            w.flush();
        }
    }

    /** Moves a report folder of its own into place (one inside --out is saved with the run). */
    void commit() throws IOException {
        if (own != null) {
            own.commit();
        }
    }

    @Override
    public void close() throws IOException {
        if (own != null) {
            own.close();
        }
    }
}
