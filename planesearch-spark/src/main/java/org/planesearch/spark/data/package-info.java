/**
 * Training data on a Spark cluster: {@link org.planesearch.spark.data.TrainingBlocks} caches one
 * {@link org.planesearch.spark.data.Block} per partition — the partition's rows, dense row-major
 * or CSR, and their labels in the model's convention — built in one job that also counts the
 * totals (n, d, label range).
 *
 * <p>Invariants: a block has at least one row (an empty partition holds no block); a block's
 * arrays are never modified; its matrix (native OpenBLAS memory for dense data when it loads) is
 * built on the executor on first use and used only under the block's lock. Bad input (vectors of
 * different sizes, a non-finite value, a binary label other than 0 or 1) is an
 * IllegalArgumentException naming the value.
 */
package org.planesearch.spark.data;
