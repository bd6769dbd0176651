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

    /**
     * A fresh state for a run of {@code stepsPerEpoch} steps per epoch (the
     * {@link StochasticTrainer} passes {@link BatchSchedule#stepsPerEpoch}). Rules whose schedule
     * is counted in epochs (the growth γ^{1/n} per step of {@link StochasticArmijo}) override it;
     * the others ignore the epoch length (the default).
     *
     * @param stepsPerEpoch ≥ 1
     */
    default StochasticState newState(ParameterLayout layout, long seed, int stepsPerEpoch) {
        return newState(layout, seed);
    }

    /** The rule with its parameters, e.g. {@code heavyball(momentum=0.9) + layerwise(curvature=auto, …)}. */
    String describe();
}
