package org.planesearch.core.stepsize;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.subspace.SubspaceSearch;

/**
 * Line optimization (LO): the step along d that minimises f, to the search's tolerance,
 * <pre>
 *   α = argmin_α ψ(α),   ψ(α) = f(x + α d)
 * </pre>
 * by the safeguarded Newton {@link SubspaceSearch} with k = 1 (a "precise line search"; Shea
 * &amp; Schmidt 2024, §2.2 of our spec). α may have either sign: the exact minimiser along the
 * line, even when d is not a descent direction. For a linear-composition model each trial costs
 * O(n) after the one image X·d, so LO costs the same data passes as a fixed step. Warm-started
 * from the previous α. Per layer ({@code perLayer}): one α per layout layer, k = L,
 * D = [d|₁, …, d|_L]. Written {@code lo} / {@code lo:per-layer}.
 *
 * @param search the subspace search (default {@link SubspaceSearch#defaults()})
 * @param perLayer one coefficient per layout layer (default false)
 */
public record LineOptimization(SubspaceSearch search, boolean perLayer) implements StepRule {

    public LineOptimization {
        if (search == null) {
            throw new IllegalArgumentException("LineOptimization: search must not be null");
        }
    }

    /** Default search, one coefficient. */
    public static LineOptimization defaults() {
        return new LineOptimization(SubspaceSearch.defaults(), false);
    }

    /** The same rule split per layout layer. */
    public LineOptimization withPerLayer(boolean split) {
        return new LineOptimization(search, split);
    }

    @Override
    public StepState newState(ParameterLayout layout) {
        return new SubspaceStepState("LineOptimization", search, 0, perLayer, layout);
    }

    @Override
    public int maxDirections(ParameterLayout layout) {
        return perLayer ? layout.layerCount() : 1;
    }

    @Override
    public int stepMemory() {
        return 0;
    }

    @Override
    public String describe() {
        return Describe.call("lo", Describe.search(search)) + (perLayer ? ":per-layer" : "");
    }
}
