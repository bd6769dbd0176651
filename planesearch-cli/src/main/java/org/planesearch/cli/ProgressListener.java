package org.planesearch.cli;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
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
            boolean unicode = Charset.defaultCharset().equals(StandardCharsets.UTF_8);
            bar = new ProgressBarBuilder().setTaskName("training").setInitialMax(maxIterations).setUnit(" it", 1)
                    .setStyle(unicode ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                    .setConsumer(new Line(stream, columns - 1)).setUpdateIntervalMillis(250)
                    .startsFrom(r.iteration(), Duration.ofNanos((long) (r.elapsedSeconds() * 1e9)))
                    .clearDisplayOnFinish().build();
        }
        bar.stepTo(r.iteration());
        bar.setExtraMessage("f " + Fmt.sig(r.value(), 6) + " |g| " + Fmt.sig(r.gradientNorm(), 2));
        return true;
    }

    /** Draws the bar on one line with carriage returns; clearing leaves the cursor at the start of an empty line. */
    private static final class Line implements ProgressBarConsumer {
        private final PrintStream out;
        private final int width;

        Line(PrintStream out, int width) {
            this.out = out;
            this.width = width;
        }

        @Override
        public int getMaxRenderedLength() {
            return width;
        }

        @Override
        public void accept(String rendered) {
            out.print('\r');
            out.print(rendered);
            out.flush();
        }

        @Override
        public void clear() {
            out.print('\r' + " ".repeat(width) + '\r');
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }

    /** Erases the bar (before the summary is printed). Idempotent. */
    void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void close() {
        finish();
    }
}
