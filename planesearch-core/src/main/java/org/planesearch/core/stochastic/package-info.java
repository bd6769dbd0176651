/**
 * Mini-batch training: a {@link org.planesearch.core.stochastic.BatchObjective} that restricts
 * a model's objective to batches of rows, a seeded {@link org.planesearch.core.stochastic.BatchSchedule}
 * (shuffling, epochs, batch size), {@link org.planesearch.core.stochastic.StochasticRule}s that
 * take one step per batch (fixed rates, layer-wise curvature step sizes, AdaGrad-Norm, stochastic
 * line searches, subspace steps on the batch), and the
 * {@link org.planesearch.core.stochastic.StochasticTrainer} that runs them with evaluation of
 * the full training objective (and any test metrics) at chosen intervals.
 *
 * <p>Rules: {@link org.planesearch.core.stochastic.FixedRate} (SGD, momentum, AdamW, AdaGrad-Norm
 * and its per-layer form), {@link org.planesearch.core.stochastic.LayerwiseCurvature},
 * {@link org.planesearch.core.stochastic.StochasticArmijo} (SLS, its Goldstein and Polyak-momentum
 * variants) and {@link org.planesearch.core.stochastic.Salsa} (SaLSa). Line searches evaluate
 * their trials on the gradient's own batch, counted in {@link org.planesearch.core.stochastic.BatchStep#values()}.
 * A rule gets the run's steps per epoch through
 * {@link org.planesearch.core.stochastic.StochasticRule#newState(org.planesearch.core.layout.ParameterLayout, long, int)}.
 */
package org.planesearch.core.stochastic;
