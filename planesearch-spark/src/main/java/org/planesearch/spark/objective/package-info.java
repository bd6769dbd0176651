/**
 * The distributed linear objective ({@link org.planesearch.spark.objective.SparkLinearObjective})
 * and its subspace evaluator ({@link org.planesearch.spark.objective.SparkLinearEvaluator}): the
 * single-machine linear evaluator's contract, formulas and pass counts, with its cached arrays
 * cut by partition and kept next to the data.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Per-partition state ({@code BlockState}) is never modified once made: each operation
 *       (start, restrict, move) makes a new cached RDD from the previous one and the data, sharing
 *       unchanged arrays by reference, and unpersists the one it replaces after the new one is
 *       materialized. A retried task or a recomputed partition therefore sees exactly the inputs
 *       the first attempt saw.</li>
 *   <li>Sums over partitions are added in double-double precision ({@code Sums}), so the rounded
 *       results — and with them the whole trajectory — do not depend on the order in which Spark
 *       merges partition results.</li>
 *   <li>Passes (products with X or Xᵀ) are counted as the local evaluator counts them: start 2,
 *       restrict 1 when a fresh column touches the weights, move 1; trials read only cached
 *       vectors. Every operation is one Spark job.</li>
 *   <li>The loss kernels are the models module's own ({@code BlockLoss}, the {@code RowLoss}
 *       kernels the local evaluator runs), per partition.</li>
 * </ul>
 *
 * <p>Not thread-safe: one run per evaluator; an objective's direct evaluations and its evaluators
 * are driven from one thread.
 */
package org.planesearch.spark.objective;
