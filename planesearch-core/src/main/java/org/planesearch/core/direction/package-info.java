/**
 * Direction rules: where to go from the current iterate. Each rule is an immutable, validated
 * record with one {@code defaults()} factory; everything that changes during a run lives in the
 * state object it creates with {@code newState(layout)}, which allocates all its buffers there.
 *
 * <p>Rules: {@link org.planesearch.core.direction.Gradient} (d = −g),
 * {@link org.planesearch.core.direction.HeavyBall} and
 * {@link org.planesearch.core.direction.Nesterov} (PyTorch's momentum-buffer form),
 * {@link org.planesearch.core.direction.Lbfgs} (two-loop recursion),
 * {@link org.planesearch.core.direction.Adam} and
 * {@link org.planesearch.core.direction.AdaGradNorm} and its per-layer form
 * {@link org.planesearch.core.direction.LayerAdaGradNorm} (preconditioning without a learning
 * rate: the step rule supplies the scale; states that scale each layer by a factor of their own
 * report it through {@link org.planesearch.core.direction.LayerScaling}).
 *
 * <p>Invariants: a rule never checks whether its direction is a descent direction: the
 * optimizer does that in one place and falls back to −g. {@code direction} and {@code update}
 * allocate nothing and call {@code org.planesearch.core.linalg.Vec} for every vector loop.
 * Rules are thread-safe; states are not and are never shared between runs.
 */
package org.planesearch.core.direction;
