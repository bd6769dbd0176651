/**
 * Linear algebra: every BLAS-like loop of the library lives here.
 *
 * <ul>
 *   <li>{@link org.planesearch.core.linalg.Vec}: serial vector kernels on {@code double[]}.</li>
 *   <li>{@link org.planesearch.core.linalg.DataMatrix}: the data matrix X and its four products
 *       (X·v, Xᵀr, X·M, XᵀR), built by {@link org.planesearch.core.linalg.Matrices} (dense
 *       float64 or float32, CSR, or row by row through a
 *       {@link org.planesearch.core.linalg.DenseMatrixBuilder}).</li>
 *   <li>{@link org.planesearch.core.linalg.Backend}: where dense matrices live — native memory
 *       with OpenBLAS products, or Java arrays with blocked Java loops — and how many threads
 *       products use.</li>
 *   <li>{@link org.planesearch.core.linalg.Cholesky}: small k×k solves for subspace searches.</li>
 * </ul>
 *
 * <p>Invariants: all matrices passed as {@code double[]} are row-major; shapes are checked at
 * entry ({@link java.lang.IllegalArgumentException} naming the argument); products allocate
 * nothing once their scratch has grown to the largest k and thread count seen; for a given thread
 * count every product returns the same bits on every run (fixed partition, fixed reduction
 * order). Measured speeds and the reasons for the thresholds: {@code docs/notes/linalg.md}.
 */
package org.planesearch.core.linalg;
