/**
 * The {@code planesearch} command-line program ({@link org.planesearch.cli.Main}): {@code train},
 * {@code evaluate}, {@code predict}, {@code spectrum}, {@code report} and {@code data list | fetch},
 * on picocli. The reports' reading, plotting and page live in {@code org.planesearch.cli.report},
 * which does not depend on the commands.
 *
 * <p>Flags map one-to-one onto config records ({@code DataSpec}, {@code ModelSpec},
 * {@code StopSpec}, core's {@code MethodOptions}, data's {@code SplitOptions}); every optimizer
 * has its own flags, and a flag that does not apply (to the method, the loss, the data format or
 * the source) is an error, never silently ignored.
 *
 * <p>{@code train} fits a linear model or a network ({@code --model mlp}); the commands see both
 * through one seam, {@code TrainableModel}, which delegates to {@code planesearch-models}. Model
 * files are versioned JSON ({@code ModelFile}: version 1 linear, version 2 adds networks, version 3,
 * written now, adds a SHA-256 checksum; all three are read).
 *
 * <p>User mistakes are one line on standard error that names the file, line, column and value
 * where they are known ({@code UserError}, data's {@code DataFormatException}), exit code 2, no
 * stack trace. Only internal errors print a trace (exit 3). A training run that ends in
 * {@code NON_FINITE} or {@code LINE_SEARCH_FAILED} exits 1 and writes nothing: no model that
 * looks good is ever left behind. Output goes through {@code AtomicOutput}: all or nothing, an
 * earlier output replaced only with {@code --force} (alias {@code --overwrite}), and no file name
 * leaving the output folder ({@code report.OutputNames}). No Java deserialization anywhere: user
 * files are JSON, CSV, LIBSVM text and IDX bytes read into plain values.
 *
 * <p>Checked I/O exceptions are allowed here (and in {@code planesearch-data}) only.
 */
package org.planesearch.cli;
