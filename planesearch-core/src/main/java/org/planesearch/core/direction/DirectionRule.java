package org.planesearch.core.direction;

import org.planesearch.core.layout.ParameterLayout;

/**
 * How to choose the search direction d from the gradient (and the rule's own history): the
 * negative gradient, a momentum buffer, the L-BFGS two-loop recursion, Adam's or AdaGrad-Norm's
 * preconditioning. A rule is an immutable, validated configuration (a record); everything that
 * changes during a run lives in the {@link DirectionState} it creates.
 *
 * <p>Composes with any {@code StepRule}: the direction says where, the step rule how far (and
 * over which subspace). Thread-safe (immutable).
 */
public interface DirectionRule {

    /** A fresh state for a parameter vector with this layout; all buffers allocated here. */
    DirectionState newState(ParameterLayout layout);

    /** The rule as it is written in a method name, with its parameters, e.g. {@code lbfgs(memory=10)}. */
    String describe();
}
