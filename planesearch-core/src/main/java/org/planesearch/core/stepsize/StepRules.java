package org.planesearch.core.stepsize;

/**
 * Operations on step rules as a whole. Stateless.
 */
public final class StepRules {

    private StepRules() {
    }

    /**
     * The rule split per layout layer (the {@code :per-layer} suffix of method names): every
     * subspace column is split over the layout's layers ({@link org.planesearch.core.layout.ParameterLayout#layers()}),
     * so each layer gets its own coefficients. Only
     * the subspace rules have such a form: {@link LineOptimization}, {@link PlaneSearch},
     * {@link SubspaceOptimization}.
     *
     * @throws IllegalArgumentException for {@link FixedStep}, {@link ArmijoStep}, {@link WolfeStep}
     *     and any other rule
     */
    public static StepRule perLayer(StepRule rule) {
        if (rule instanceof LineOptimization lo) {
            return lo.withPerLayer(true);
        }
        if (rule instanceof PlaneSearch ps) {
            return ps.withPerLayer(true);
        }
        if (rule instanceof SubspaceOptimization so) {
            return so.withPerLayer(true);
        }
        String name = rule == null ? "null" : rule.describe();
        throw new IllegalArgumentException("per-layer steps exist for the subspace rules lo, ps and so<m> only; '"
                + name + "' chooses one step along d (a per-layer Armijo or Wolfe search would need a multi-dimensional "
                + "acceptance test): use lo:per-layer for one exact step size per layer");
    }
}
