package org.planesearch.core.stepsize;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.subspace.SubspaceSearch;

/**
 * Plane search (PS): the learning rate α and momentum rate β that minimise f over the plane
 * spanned by d and the previous step s₁ = x_k − x_{k−1},
 * <pre>
 *   (α, β) = argmin ψ(α, β),   ψ(α, β) = f(x + α d + β s₁),   x_{k+1} = x + α d + β s₁
 * </pre>
 * by the safeguarded Newton {@link SubspaceSearch} with k = 2 (the memory-gradient method of
 * Miele &amp; Cantrell 1969; Shea &amp; Schmidt 2024). On the first iteration, with no previous
 * step, it is line optimization. With d = −∇f on a quadratic it reproduces the conjugate
 * gradient method. The momentum column's image is free for linear-composition models
 * (X s₁ = Xx_k − Xx_{k−1}), so PS costs the same data passes as a fixed step. Warm-started from
 * the previous (α, β); both may take any sign. Per layer ({@code perLayer}): one (α, β) per
 * layout layer, k = 2L, D = [d|₁, s₁|₁, d|₂, s₁|₂, …]. Written {@code ps} / {@code ps:per-layer}.
 *
 * @param search the subspace search (default {@link SubspaceSearch#defaults()})
 * @param perLayer one (α, β) per layout layer (default false)
 */
public record PlaneSearch(SubspaceSearch search, boolean perLayer) implements StepRule {

    public PlaneSearch {
        if (search == null) {
            throw new IllegalArgumentException("PlaneSearch: search must not be null");
        }
    }

    /** Default search, one (α, β). */
    public static PlaneSearch defaults() {
        return new PlaneSearch(SubspaceSearch.defaults(), false);
    }

    /** The same rule split per layout layer. */
    public PlaneSearch withPerLayer(boolean split) {
        return new PlaneSearch(search, split);
    }

    @Override
    public StepState newState(ParameterLayout layout) {
        return new SubspaceStepState("PlaneSearch", search, 1, perLayer, layout);
    }

    @Override
    public int maxDirections(ParameterLayout layout) {
        return 2 * (perLayer ? layout.layerCount() : 1);
    }

    @Override
    public int stepMemory() {
        return 1;
    }

    @Override
    public String describe() {
        return Describe.call("ps", Describe.search(search)) + (perLayer ? ":per-layer" : "");
    }
}
