package org.planesearch.core.stochastic;

import org.planesearch.core.layout.ParameterLayout;

/**
 * A mini-batch training method: how one step on a batch objective moves the parameters. An
 * immutable, validated configuration; run-time state lives in the {@link StochasticState} it
 * creates.
 */
public interface StochasticRule {

    /** A fresh state for this layout; {@code seed} seeds any sampling the rule does. */
    StochasticState newState(ParameterLayout layout, long seed);

    /** The rule with its parameters, e.g. {@code heavyball(momentum=0.9) + layerwise(curvature=auto, …)}. */
    String describe();
}
