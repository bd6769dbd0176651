/**
 * Mini-batch training: a {@link org.planesearch.core.stochastic.BatchObjective} that restricts
 * a model's objective to batches of rows, a seeded {@link org.planesearch.core.stochastic.BatchSchedule}
 * (shuffling, epochs, batch size), {@link org.planesearch.core.stochastic.StochasticRule}s that
 * take one step per batch (fixed rates, layer-wise curvature step sizes, AdaGrad-Norm, stochastic
 * line searches, subspace steps on the batch), and the
 * {@link org.planesearch.core.stochastic.StochasticTrainer} that runs them with evaluation of
 * the full training objective (and any test metrics) at chosen intervals.
 */
package org.planesearch.core.stochastic;
