package org.planesearch.core.spectrum;

/** How a {@link Lanczos} run ended. */
public enum LanczosStatus {
    /** Still running: only seen on a {@link Lanczos.State} between {@code begin} and the end of the run. */
    RUNNING,
    /** All requested steps were taken; the last residual norm βₘ is above the breakdown threshold. */
    COMPLETED,
    /**
     * βᵢ fell to the breakdown threshold (or the re-orthogonalised vector vanished): the Krylov
     * space is an invariant subspace of H to that precision, its Ritz values are eigenvalues of H
     * with residuals ≤ βᵢ, and the Gauss quadrature rule of T is exact for the start vector. The
     * result holds T up to that step; this is a clean, expected ending, not a failure.
     */
    BREAKDOWN,
    /**
     * The operator returned a NaN or infinite product. The result holds T up to the last step
     * whose product was finite (possibly none).
     */
    NON_FINITE
}
