package org.planesearch.core.stochastic;

import java.util.Set;

/**
 * One mini-batch step of a {@link StochasticState}.
 *
 * @param loss f_B at the point before the step (the batch objective, regularizer included)
 * @param rates the step sizes applied, one per name of {@link StochasticState#rateNames()}
 *     (a learning rate per layer for layer-wise rules; learning and momentum rate for plane search)
 * @param values function-only evaluations of the batch objective (line-search trials, checks)
 * @param gradients evaluations with the gradient (1 for every rule)
 * @param curvatures curvature products or estimates (Hessian-, Gauss–Newton-vector products,
 *     layer-curvature oracle calls), each counted as one
 * @param events safeguards and fallbacks that fired (unmodifiable)
 */
public record BatchStep(double loss, double[] rates, int values, int gradients, int curvatures, Set<StepEvent> events) {

    public BatchStep {
        events = Set.copyOf(events);
    }
}
