/**
 * Linear-composition models f(w) = (1/n) Σᵢ ℓ(zᵢ, yᵢ) + (λ/2)‖W‖², z = X·W + 1·bᵀ, and their
 * fast subspace evaluators.
 *
 * <h2>Parts</h2>
 * <ul>
 *   <li>{@link org.planesearch.models.linear.LinearModel}: the model without data (loss kind,
 *       feature count d, output count c, intercept flag, loss parameter); builds objectives,
 *       computes scores, probabilities and predictions from a parameter vector. This is what a
 *       saved model needs to be rebuilt.</li>
 *   <li>{@link org.planesearch.models.linear.LinearObjective}: model + data + labels + λ, an
 *       {@link org.planesearch.core.objective.Objective}; created by
 *       {@link org.planesearch.models.linear.LinearModels}.</li>
 *   <li>The evaluator returned by {@code LinearObjective.newEvaluator}: caches z = Xw + b and the
 *       images of the subspace's columns, so that ψ(t) = f(w + D t), ∇ψ and ∇²ψ cost O(n·c·k)
 *       (O(n·c·k²) for the Hessian) and an iteration of any step rule costs two data passes. It
 *       also keeps the loss's derivative data at the current point (ψ and its derivatives at
 *       t = 0 cost no exponential) and at the last trial (a move to that trial does not evaluate
 *       the loss again).</li>
 *   <li>The losses ({@code RowLoss}: logistic, softmax, least squares, Huber, smoothed hinge)
 *       as row-range kernels that fuse a whole trial (trial scores, loss, gradient and Hessian
 *       entries) into one sweep, run by {@code RowSweep} over the rows on the library's threads
 *       ({@link org.planesearch.core.linalg.Parallel}) with per-range partial sums added in range
 *       order.</li>
 *   <li>{@link org.planesearch.models.linear.Metrics}: accuracy, ROC AUC, mean squared error,
 *       mean loss.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Parameter vector: W (d×c, row-major: entry (feature j, output o) at j·c + o) in the block
 *       {@code "weights"} (regularized), then b (c entries) in the block {@code "intercept"}
 *       (not regularized), which is absent when the model has no intercept. c = 1 for binary and
 *       regression models, c = number of classes for softmax.</li>
 *   <li>Losses are means over the n examples; the L2 penalty applies to W only.</li>
 *   <li>Numerically stable forms throughout: softplus via log1p(exp(−|m|)) (log1p corrected from
 *       one {@code Math.log}), log-sum-exp with the row maximum subtracted.</li>
 *   <li>Determinism: every loss sum, gradient and Hessian is a fixed expression of the data for a
 *       given thread count (same partition, same order), and every sum over the rows of one
 *       objective uses the same partition, so ψ(t) has the same bits with or without
 *       derivatives, and the cache and the reused trial change no bit (test
 *       {@code FusedTrialTest}).</li>
 *   <li>Drift of the cached image: the evaluator updates z ← z + (XD)t on every move and
 *       recomputes z = Xw + b exactly every
 *       {@value org.planesearch.models.linear.LinearEvaluator#DEFAULT_REFRESH_INTERVAL} moves, at
 *       the cost of one extra data pass (0.1% of the passes of a two-pass iteration). Measured
 *       drift without any refresh (test {@code LinearEvaluatorTest.driftWithoutRefreshIsTiny}):
 *       after 3000 random moves, |f from the cached z − f recomputed in full| stays below 1e-12
 *       relative; the periodic refresh is a guard against long runs with large oscillating
 *       steps, not a correction needed in ordinary use.</li>
 * </ul>
 *
 * <p>Thread-safety: {@code LinearModel} and {@code LossKind} are immutable; objectives and
 * evaluators own mutable buffers and are not thread-safe (use one evaluator per run; an
 * objective's own {@code value}/{@code valueAndGradient}/{@code hessianTimes} share one
 * workspace).
 */
package org.planesearch.models.linear;
