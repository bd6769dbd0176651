package org.planesearch.models.linear;

/**
 * The L2 penalty of a linear model restricted to a subspace, from inner products precomputed at
 * the restriction: with R the restriction to the weights (the intercept is not penalized),
 * dRw_j = ⟨R d_j, R w⟩ and dRd_jl = ⟨R d_j, R d_l⟩,
 * <pre>
 *   (λ/2)‖R(w + Dt)‖² = (λ/2)(‖Rw‖² + 2 tᵀdRw + tᵀ dRd t)
 *   gradient λ(dRw + dRd t),   Hessian λ dRd
 * </pre>
 * Shared by the single-machine {@link LinearEvaluator} and the distributed evaluator of the
 * Spark module, so that both compute ψ with the same arithmetic. Stateless.
 */
public final class SubspacePenalty {

    private SubspacePenalty() {
    }

    /** (λ/2)‖R(w + Dt)‖² over the first k columns. t, dRw, dRd (k×k with row stride k): not modified. */
    public static double value(double lambda, double weightNormSq, double[] dRw, double[] dRd, int k, double[] t) {
        if (lambda == 0) {
            return 0;
        }
        double lin = 0;
        double quad = 0;
        for (int j = 0; j < k; j++) {
            lin += t[j] * dRw[j];
            double row = 0;
            for (int l = 0; l < k; l++) {
                row += dRd[j * k + l] * t[l];
            }
            quad += t[j] * row;
        }
        return 0.5 * lambda * (weightNormSq + 2 * lin + quad);
    }

    /**
     * Adds the penalty's gradient λ(dRw + dRd t) to gradOut and, when hessOut is not null, its
     * Hessian λ dRd to hessOut (k×k, kept symmetric). t, dRw, dRd: not modified.
     */
    public static void addDerivatives(double lambda, double[] dRw, double[] dRd, int k, double[] t, double[] gradOut,
                                      double[] hessOut) {
        if (lambda == 0) {
            return;
        }
        for (int j = 0; j < k; j++) {
            double g = dRw[j];
            for (int l = 0; l < k; l++) {
                g += dRd[j * k + l] * t[l];
            }
            gradOut[j] += lambda * g;
        }
        if (hessOut != null) {
            for (int j = 0; j < k; j++) {
                for (int l = j; l < k; l++) {
                    double h = hessOut[j * k + l] + lambda * dRd[j * k + l];
                    hessOut[j * k + l] = h;
                    hessOut[l * k + j] = h;
                }
            }
        }
    }
}
