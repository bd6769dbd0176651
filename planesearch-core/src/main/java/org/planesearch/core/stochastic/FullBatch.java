package org.planesearch.core.stochastic;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.objective.Objective;

/**
 * An objective whose every "batch" is the whole objective: mini-batch rules run full-batch on
 * it (one step per epoch with {@link BatchSchedule} of any batch size ≥ n, or with batches that
 * all return f). For objectives without rows (test functions) and for full-batch runs of the
 * stochastic rules. Immutable.
 *
 * @param objective the objective
 * @param examples the n that the schedule divides into batches (1 for a function without rows)
 */
public record FullBatch(Objective objective, int examples) implements BatchObjective {

    public FullBatch {
        if (objective == null || examples < 1) {
            throw new IllegalArgumentException("FullBatch needs an objective and examples >= 1");
        }
    }

    @Override
    public ParameterLayout layout() {
        return objective.layout();
    }

    @Override
    public Objective batch(int[] order, int from, int count) {
        return objective;
    }

    @Override
    public Objective full() {
        return objective;
    }

    @Override
    public void close() {
    }
}
