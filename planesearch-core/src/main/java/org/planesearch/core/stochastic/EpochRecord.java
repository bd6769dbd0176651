package org.planesearch.core.stochastic;

import java.util.Map;

/**
 * The summary of one epoch of mini-batch training.
 *
 * @param epoch 1-based
 * @param steps steps taken so far (all epochs)
 * @param seconds training wall time so far (evaluations excluded)
 * @param gradientPasses examples whose gradient was evaluated so far, divided by n (1 per epoch for every rule)
 * @param valuePasses examples evaluated without gradient (line-search trials, checks), divided by n
 * @param curvaturePasses examples in curvature products or estimates, divided by n
 * @param meanBatchLoss the mean of the epoch's batch losses f_B (before each step)
 * @param trainObjective f on the full training set after the epoch, or NaN when not evaluated this epoch
 * @param metrics further metrics evaluated after the epoch (e.g. {@code test_loss}, {@code test_accuracy}); empty when not evaluated
 * @param meanRates the epoch's mean of each step size, in the order of {@link #rateNames}
 * @param rateNames the names of the step sizes
 * @param events how often each safeguard or fallback fired in this epoch
 */
public record EpochRecord(int epoch, long steps, double seconds, double gradientPasses, double valuePasses,
                          double curvaturePasses, double meanBatchLoss, double trainObjective,
                          Map<String, Double> metrics, double[] meanRates, String[] rateNames,
                          Map<StepEvent, Integer> events) {

    public EpochRecord {
        metrics = Map.copyOf(metrics);
        events = Map.copyOf(events);
    }
}
