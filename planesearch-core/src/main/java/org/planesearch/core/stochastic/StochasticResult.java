package org.planesearch.core.stochastic;

import java.util.List;

/**
 * The outcome of a mini-batch run.
 *
 * @param x the final parameters (the last finite ones for {@link StochasticTermination#NON_FINITE})
 * @param termination why the run ended
 * @param history one record per epoch completed
 * @param steps steps taken
 * @param seconds wall time
 * @param rule the rule's description
 */
public record StochasticResult(double[] x, StochasticTermination termination, List<EpochRecord> history, long steps,
                               double seconds, String rule) {

    public StochasticResult {
        history = List.copyOf(history);
    }

    /** The last epoch's record, or null when no epoch completed. */
    public EpochRecord last() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }
}
