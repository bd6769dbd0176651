package org.planesearch.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.planesearch.core.optim.IterationListener;
import org.planesearch.core.optim.IterationRecord;

/**
 * Writes one CSV row per iteration: {@code iteration,f,grad_norm,passes,seconds,...}. Numbers are
 * written with full precision (Java's shortest round-trip form). New columns are only ever
 * appended (readers find columns by name): with {@code train --test-every},
 * {@value RunRecorder#TEST_COLUMNS} follow the coefficients.
 */
final class HistoryWriter implements AutoCloseable {
    static final String HEADER = "iteration,f,grad_norm,passes,seconds,function_evals,gradient_evals,trials,inner_iterations,step_status,fallback,coefficients";

    private final BufferedWriter w;
    private final RunRecorder recorder;

    HistoryWriter(Path file) throws IOException {
        this(file, null);
    }

    /**
     * A writer whose rows end with the recorder's test metrics ({@value RunRecorder#TEST_COLUMNS})
     * when it records them; the recorder must be a listener before this writer's.
     *
     * @param recorder the run's recorder, or null
     */
    HistoryWriter(Path file, RunRecorder recorder) throws IOException {
        this.recorder = recorder != null && recorder.recordsTest() ? recorder : null;
        w = Files.newBufferedWriter(file);
        w.write(this.recorder == null ? HEADER : HEADER + "," + RunRecorder.TEST_COLUMNS);
        w.newLine();
    }

    IterationListener listener() {
        return r -> {
            try {
                write(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        };
    }

    void write(IterationRecord r) throws IOException {
        StringBuilder b = new StringBuilder(128);
        b.append(r.iteration()).append(',').append(r.value()).append(',').append(r.gradientNorm()).append(',')
                .append(r.dataPasses()).append(',').append(r.elapsedSeconds()).append(',')
                .append(r.functionEvaluations()).append(',').append(r.gradientEvaluations()).append(',')
                .append(r.trials()).append(',').append(r.innerIterations()).append(',')
                .append(r.stepStatus() == null ? "" : r.stepStatus().name()).append(',')
                .append(r.directionFallback() || r.retried() ? 1 : 0).append(',');
        double[] c = r.coefficients();
        for (int i = 0; c != null && i < c.length; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(c[i]);
        }
        if (recorder != null) {
            recorder.appendTestFields(b, r.iteration());
        }
        w.write(b.toString());
        w.newLine();
    }

    /** Flushes and closes the file (before the output is committed). Idempotent. */
    void finish() throws IOException {
        w.close();
    }

    @Override
    public void close() throws IOException {
        finish();
    }
}
