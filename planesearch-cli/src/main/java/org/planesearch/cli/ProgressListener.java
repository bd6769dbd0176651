package org.planesearch.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.planesearch.core.optim.IterationListener;
import org.planesearch.core.optim.IterationRecord;

/**
 * A progress bar on standard error for runs that take a while: it appears only after
 * {@value #DELAY_SECONDS} s, only when standard error is a terminal, and is erased when the run
 * ends, so pipes, log files and CI never see it.
 *
 * <p>Whether standard error is a terminal cannot be asked of Java 17 directly; the launcher
 * ({@code bin/planesearch}) tests it ({@code [ -t 2 ]}) and passes {@code -Dplanesearch.progress=true}
 * and the width as {@code -Dplanesearch.progress.columns}. Without those (tests, other launchers)
 * there is no bar. {@code TERM=dumb} or a set {@code CI} variable also turn it off.
 */
final class ProgressListener implements IterationListener, AutoCloseable {

    static final double DELAY_SECONDS = 1.0;

    private final long maxIterations;
    private final int columns;
    private final PrintStream stream;
    private ProgressBar bar;

    private ProgressListener(long maxIterations, int columns, PrintStream stream) {
        this.maxIterations = maxIterations;
        this.columns = columns;
        this.stream = stream;
    }

    /** A listener that shows a bar when standard error is a terminal, or does nothing; never null. */
    static ProgressListener create(boolean quiet, long maxIterations) {
        boolean terminal = Boolean.getBoolean("planesearch.progress") && System.getenv("CI") == null
                && !"dumb".equals(System.getenv("TERM"));
        int columns = Integer.getInteger("planesearch.progress.columns", 80);
        return new ProgressListener(quiet || !terminal ? -1 : maxIterations, Math.max(40, Math.min(columns, 160)), System.err);
    }

    @Override
    public boolean onIteration(IterationRecord r) {
        if (maxIterations < 0) {
            return true;
        }
        if (bar == null) {
            if (r.elapsedSeconds() < DELAY_SECONDS) {
                return true;
            }
            bar = new ProgressBarBuilder().setTaskName("training").setInitialMax(maxIterations).setUnit(" it", 1)
                    .setConsumer(new ConsoleProgressBarConsumer(stream, columns - 1)).setUpdateIntervalMillis(250)
                    .clearDisplayOnFinish().build();
        }
        bar.stepTo(r.iteration());
        bar.setExtraMessage("f " + Fmt.sig(r.value(), 6) + "  |grad| " + Fmt.sig(r.gradientNorm(), 2));
        return true;
    }

    /** Erases the bar. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
