package org.planesearch.core.stochastic;

import org.planesearch.core.objective.Objective;

/**
 * The mutable state of one {@link StochasticRule} in one run (momentum buffers, moments, step
 * sizes, averages). Not thread-safe.
 */
public interface StochasticState {

    /**
     * One step on a batch: evaluates f_B and ∇f_B at x (and whatever else the rule needs on the
     * same batch) and moves x in place.
     *
     * @param batch the batch objective (valid for this call)
     * @param x the parameters; modified
     */
    BatchStep step(Objective batch, double[] x);

    /** The names of {@link BatchStep#rates()}, e.g. {@code [layer1, layer2]} or {@code [learning rate]}. */
    String[] rateNames();
}
