/**
 * Training reports: {@code planesearch report RUN…} and {@code planesearch train --report DIR}.
 * A report is one offline HTML page ({@code index.html}, no external URL, plots embedded as PNG
 * data URIs) with a PNG and an SVG file next to it for every plot: the objective (or f − f* when
 * f* is known) against iterations, data passes and seconds, the gradient norm, the chosen
 * learning and momentum rates per layer, the inner Newton iterations and ψ trials of each step's
 * search, and the test metrics recorded during training. Several runs overlay in every plot.
 *
 * <p>Data flows one way: {@link org.planesearch.cli.report.RunReader} (history.csv and
 * summary.json of a run folder) or the training command (the same rows, in memory) →
 * {@link org.planesearch.cli.report.Run} → {@link org.planesearch.cli.report.ReportPlots} (plot
 * specifications: pure data, testable) → {@link org.planesearch.cli.report.PlotRenderer}
 * (XChart) and {@link org.planesearch.cli.report.ReportPage} (HTML) →
 * {@link org.planesearch.cli.report.Report#write}.
 *
 * <p>This package does not depend on the command classes of {@code org.planesearch.cli}; they
 * depend on it. A malformed input is a {@link org.planesearch.data.DataFormatException} naming the
 * file, the line and the value (shown to the user as one line); every text taken from a file is
 * escaped in the page.
 */
package org.planesearch.cli.report;
