/**
 * Planesearch on Apache Spark: the same step rules — line optimization, plane search, subspace
 * optimization, with every direction rule of the core — over data cached on a cluster.
 *
 * <h2>Parts</h2>
 * <ul>
 *   <li>{@code data}: training data as one cached block per partition (dense or CSR), from a
 *       DataFrame with a vector column or from a matrix in the driver's memory.</li>
 *   <li>{@code objective}: the linear models' objective over those blocks and its distributed
 *       subspace evaluator, whose per-partition state (Xw, the step and direction images) stays
 *       next to the data across iterations.</li>
 *   <li>{@code ml}: a Spark ML Estimator/Model pair, {@code PlaneSearchLogisticRegression}.</li>
 *   <li>{@code cli}: the command line's {@code --engine spark}.</li>
 *   <li>{@code bench}: the comparison with MLlib's LogisticRegression (docs/BENCHMARKS.md §8).</li>
 * </ul>
 *
 * <p>Depends on core, models, data and cli; nothing depends on it. Spark itself is a provided
 * dependency: the cluster (spark-submit) brings it.
 */
package org.planesearch.spark;
