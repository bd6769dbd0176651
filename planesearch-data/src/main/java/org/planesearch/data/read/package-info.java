/**
 * Readers: {@link org.planesearch.data.read.LibsvmReader} (LIBSVM/SVMlight, sparse by default),
 * {@link org.planesearch.data.read.CsvReader} (delimited text, dense) and
 * {@link org.planesearch.data.read.IdxReader} (MNIST's IDX), each configured by an options record
 * with one {@code defaults()}.
 *
 * <p>Invariants: input is validated completely (syntax, finiteness, index order and range, field
 * counts, binary headers and lengths) and a violation is one
 * {@link org.planesearch.data.DataFormatException} at {@code file:line:field}; memory grows with
 * the data actually read, never with a size a file claims; gzip is detected from the content.
 * Matrices are built only through {@code org.planesearch.core.linalg.Matrices}.
 */
package org.planesearch.data.read;
