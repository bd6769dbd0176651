package org.planesearch.core.stepsize;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.subspace.SubspaceSearch;

/**
 * Subspace optimization (SO) over d and the last m steps:
 * <pre>
 *   t = argmin ψ(t),   ψ(t) = f(x + t₀ d + t₁ s₁ + … + t_m s_m),   sᵢ = x_{k−i+1} − x_{k−i}
 * </pre>
 * by the safeguarded Newton {@link SubspaceSearch} with k = m + 1 (the supermemory gradient
 * method of Cragg &amp; Levy 1969; SESOP, Narkiss &amp; Zibulevsky 2005). While fewer than m
 * steps exist, it uses those there are (k = 1 on the first iteration). Previous steps' images
 * are free for linear-composition models. Warm-started from the previous coefficients. Per
 * layer ({@code perLayer}): k = (m + 1)L, D = [d|₁, s₁|₁, …, s_m|₁, d|₂, …]. Written
 * {@code so<m>} (e.g. {@code so3}) / {@code so3:per-layer}; m = 1 is plane search, m = 0 line
 * optimization.
 *
 * @param memory m, the number of previous steps, ≥ 0
 * @param search the subspace search (default {@link SubspaceSearch#defaults()})
 * @param perLayer split every column per layout layer (default false)
 */
public record SubspaceOptimization(int memory, SubspaceSearch search, boolean perLayer) implements StepRule {

    /** Largest accepted memory: the k×k systems grow as (m + 1)². */
    public static final int MAX_MEMORY = 64;

    public SubspaceOptimization {
        if (memory < 0 || memory > MAX_MEMORY) {
            throw new IllegalArgumentException("SubspaceOptimization: memory must be in [0, " + MAX_MEMORY + "], got "
                    + memory);
        }
        if (search == null) {
            throw new IllegalArgumentException("SubspaceOptimization: search must not be null");
        }
    }

    /** m = 3, default search, not per layer. */
    public static SubspaceOptimization defaults() {
        return new SubspaceOptimization(3, SubspaceSearch.defaults(), false);
    }

    /** The same search with another memory. */
    public SubspaceOptimization withMemory(int m) {
        return new SubspaceOptimization(m, search, perLayer);
    }

    /** The same rule split per layout layer. */
    public SubspaceOptimization withPerLayer(boolean split) {
        return new SubspaceOptimization(memory, search, split);
    }

    @Override
    public StepState newState(ParameterLayout layout) {
        return new SubspaceStepState("SubspaceOptimization", search, memory, perLayer, layout);
    }

    @Override
    public int maxDirections(ParameterLayout layout) {
        return (memory + 1) * (perLayer ? layout.layerCount() : 1);
    }

    @Override
    public int stepMemory() {
        return memory;
    }

    @Override
    public String describe() {
        return Describe.call("so" + memory, Describe.search(search)) + (perLayer ? ":per-layer" : "");
    }
}
