/**
 * Models to train with Planesearch. Each model is an
 * {@link org.planesearch.core.objective.Objective}: its value, gradient and exact
 * Hessian-vector product, its parameter {@link org.planesearch.core.layout.ParameterLayout}
 * (one block per layer, so per-layer step rules can split along it), and its own
 * {@link org.planesearch.core.subspace.SubspaceEvaluator} that exploits the model's structure so
 * that a precise step (line optimization, plane search, subspace optimization) costs about as
 * much as a fixed one.
 *
 * <p>Subpackages: {@link org.planesearch.models.linear} (linear-composition models: binary and
 * multinomial logistic regression, least squares, Huber, smoothed hinge; their prediction and
 * metrics) and {@link org.planesearch.models.network} (multilayer networks; the two-layer case
 * with its SO-friendly evaluator). {@link org.planesearch.models.Probabilities} turns either
 * family's scores into class probabilities.
 */
package org.planesearch.models;
