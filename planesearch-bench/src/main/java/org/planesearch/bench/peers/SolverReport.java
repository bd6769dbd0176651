package org.planesearch.bench.peers;

import java.util.List;

/**
 * What one solver did on one problem.
 *
 * @param solver the row's name, e.g. "Spark MLlib (L-BFGS)" or "planesearch lbfgs+ps"
 * @param peer true for another library, false for Planesearch's own methods
 * @param settings the settings used (learning rates, memory, the grid a value was tuned on)
 * @param sameObjective true when the solver minimises exactly our objective; false when only our
 *     objective evaluated at its solution can be compared
 * @param hits one per target, in the order of {@link Targets}
 * @param finalValue our objective at the solver's last solution
 * @param finalPasses data passes of the longest run
 * @param finalSeconds seconds of the longest run
 * @param iterations iterations (epochs for SGD) of the longest run
 * @param timing how its time to a target was measured
 * @param trace measured points (seconds, passes, our f) for the plots
 */
public record SolverReport(String solver, boolean peer, String settings, boolean sameObjective, Hit[] hits,
                           double finalValue, long finalPasses, double finalSeconds, long iterations, String timing,
                           List<TracePoint> trace) {

    public SolverReport {
        hits = hits.clone();
        trace = List.copyOf(trace);
    }

    @Override
    public Hit[] hits() {
        return hits.clone();
    }

    public Hit hit(int i) {
        return hits[i];
    }
}
