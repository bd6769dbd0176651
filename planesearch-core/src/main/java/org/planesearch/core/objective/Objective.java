package org.planesearch.core.objective;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.subspace.SubspaceEvaluator;

/**
 * A training objective over a parameter vector with a block {@link ParameterLayout}, which can
 * create the evaluation state that the optimizer drives ({@link SubspaceEvaluator}).
 *
 * <p>Models with structure (linear-composition problems, two-layer networks) return an
 * evaluator that caches the data's images; anything else can use the generic evaluator in
 * {@code org.planesearch.core.subspace}.
 */
public interface Objective extends TwiceDifferentiableFunction {

    /** The blocks of the parameter vector; {@code layout().dimension() == dimension()}. */
    ParameterLayout layout();

    /**
     * A new evaluation state for subspaces of at most {@code maxDirections} columns that keeps
     * the last {@code stepMemory} steps (≥ 0).
     */
    SubspaceEvaluator newEvaluator(int maxDirections, int stepMemory);

    @Override
    default int dimension() {
        return layout().dimension();
    }
}
