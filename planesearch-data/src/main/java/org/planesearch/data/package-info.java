/**
 * Datasets as the rest of Planesearch sees them: {@link org.planesearch.data.Dataset} (an n×d
 * {@code DataMatrix}, its {@link org.planesearch.data.Storage}, one label per row and feature
 * names), {@link org.planesearch.data.Labels} (raw strings plus numeric values, with the file line
 * of each row), and {@link org.planesearch.data.LabelMap} (labels → ±1, 0 … c−1 or regression
 * targets, stored with a model and applied to test data).
 *
 * <p>Invariants: a dataset's labels have one entry per matrix row; feature names are empty or
 * one per column; numeric labels are finite. Every user mistake in data (malformed files, labels
 * that do not fit) surfaces as one {@link org.planesearch.data.DataFormatException} whose message
 * names the file, the line and field where they apply, and the offending value. Checked I/O
 * exceptions stop in this module and {@code cli}.
 *
 * <p>Sub-packages: {@code read} (LIBSVM, CSV, IDX readers), {@code transform} (standardization,
 * train/test split), {@code bundled} (small real datasets on the classpath), {@code fetch}
 * (MNIST and Fashion-MNIST into a cache folder).
 */
package org.planesearch.data;
