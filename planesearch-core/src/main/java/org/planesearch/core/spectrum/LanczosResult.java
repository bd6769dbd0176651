package org.planesearch.core.spectrum;

/**
 * The outcome of a {@link Lanczos} run: the tridiagonal T = VᵀHV of the Krylov basis V.
 *
 * @param alphas α₁ … αₘ, T's diagonal (length m = steps)
 * @param betas β₁ … βₘ₋₁, T's off-diagonal (length max(m − 1, 0)); a 0 marks a restart after
 *     breakdown ({@link Lanczos.State#restart})
 * @param residualNorm βₘ = ‖H vₘ − αₘ vₘ − βₘ₋₁ vₘ₋₁‖ after re-orthogonalisation: H V = V T +
 *     βₘ vₘ₊₁ eₘᵀ, so the Ritz pair (θ, V s) has residual βₘ |sₘ|; small (≤ tol·‖H‖) on
 *     breakdown; NaN when no step was taken
 * @param steps m, the steps taken (= the size of T)
 * @param status how the run ended ({@link LanczosStatus#COMPLETED} when all the steps asked
 *     for were taken)
 * @param products operator applications of the run (m, or m + 1 when the last one was not finite)
 * @param basis v₁ … vₘ (m rows of length n, orthonormal to working precision) when asked for,
 *     else null
 */
public record LanczosResult(double[] alphas, double[] betas, double residualNorm, int steps, LanczosStatus status,
        long products, double[][] basis) {

    public LanczosResult {
        if (alphas == null || betas == null || status == null) {
            throw new IllegalArgumentException("LanczosResult: alphas, betas and status must not be null");
        }
        if (alphas.length != steps || betas.length != Math.max(steps - 1, 0)) {
            throw new IllegalArgumentException("LanczosResult: " + steps + " steps need " + steps + " alphas and "
                    + Math.max(steps - 1, 0) + " betas, got " + alphas.length + " and " + betas.length);
        }
    }

    /** True when the run ended on breakdown: its Ritz values are eigenvalues of H to the breakdown tolerance. */
    public boolean brokeDown() {
        return status == LanczosStatus.BREAKDOWN;
    }

    /** The eigenvalues of T (Ritz values), ascending; empty when no step was taken. */
    public double[] ritzValues() {
        if (steps == 0) {
            return new double[0];
        }
        return TridiagonalEigen.eigenvalues(alphas, betas);
    }

    /**
     * The Gauss quadrature rule of the run: nodes θₖ = eigenvalues of T, weights τₖ = squared
     * first components of T's unit eigenvectors (only the first row of the eigenvector matrix is
     * formed; the weights sum to 1 up to rounding). Empty when no step was taken.
     */
    public GaussQuadrature quadrature() {
        if (steps == 0) {
            return new GaussQuadrature(new double[0], new double[0]);
        }
        TridiagonalEigen.Decomposition d = TridiagonalEigen.decompose(alphas, betas, false);
        return new GaussQuadrature(d.values(), d.weights());
    }

    /** The eigen-decomposition of T with all its eigenvectors (for Ritz vectors V s). */
    public TridiagonalEigen.Decomposition decomposition() {
        if (steps == 0) {
            throw new IllegalStateException("LanczosResult: no step was taken");
        }
        return TridiagonalEigen.decompose(alphas, betas, true);
    }
}
