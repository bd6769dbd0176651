package org.planesearch.core.spectrum;

/**
 * A smoothed eigenvalue density on a grid, from {@link SpectralDensity}: an SLQ estimate, or the
 * exact smoothing of a known spectrum. The arrays are owned by the record; do not modify them.
 *
 * @param grid t₀ &lt; … &lt; t_{N−1}, equally spaced (empty when no draw finished)
 * @param density φ(t_j), rescaled so that Σ_j φ(t_j) Δt = 1 (all zero when no kernel mass fell on
 *     the grid)
 * @param kernelVariance s², the variance of the Gaussian kernel used
 * @param massOutsideGrid the kernel mass that missed the grid, Σ weights/n_v − Σ_j φ_raw(t_j) Δt
 *     before the rescaling (about 0 for the automatic grid; large when a caller's grid cuts off
 *     part of the spectrum)
 * @param nodes θ per finished draw (the raw quadrature nodes, ascending); one draw of all
 *     eigenvalues in exact mode
 * @param weights τ per finished draw, each summing to 1
 * @param statuses the Lanczos status of each draw run, including a final non-finite one; empty
 *     in exact mode. Draws that ended in {@link LanczosStatus#BREAKDOWN} are exact and kept.
 * @param products operator applications in all (0 in exact mode)
 * @param settings the settings used
 */
public record DensityEstimate(double[] grid, double[] density, double kernelVariance, double massOutsideGrid,
        double[][] nodes, double[][] weights, LanczosStatus[] statuses, long products,
        SpectralDensity.Settings settings) {

    public DensityEstimate {
        if (grid == null || density == null || nodes == null || weights == null || statuses == null
                || settings == null) {
            throw new IllegalArgumentException("DensityEstimate: no component may be null");
        }
        if (grid.length != density.length || nodes.length != weights.length) {
            throw new IllegalArgumentException("DensityEstimate: grid and density, nodes and weights must match in "
                    + "length");
        }
    }

    /** The first grid point (NaN without a grid). */
    public double gridMin() {
        return grid.length == 0 ? Double.NaN : grid[0];
    }

    /** The last grid point (NaN without a grid). */
    public double gridMax() {
        return grid.length == 0 ? Double.NaN : grid[grid.length - 1];
    }

    /** Δt, the grid spacing (NaN without a grid). */
    public double gridSpacing() {
        return grid.length < 2 ? Double.NaN : (gridMax() - gridMin()) / (grid.length - 1);
    }

    /** The number of finished draws (1 in exact mode). */
    public int draws() {
        return nodes.length;
    }

    /** True when no draw met a non-finite product. */
    public boolean complete() {
        for (int l = 0; l < statuses.length; l++) {
            if (statuses[l] == LanczosStatus.NON_FINITE) {
                return false;
            }
        }
        return grid.length > 0;
    }

    /** The largest node over all draws (for an SLQ estimate, the Lanczos estimate of λ_max). */
    public double maxNode() {
        double m = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < nodes.length; l++) {
            for (int k = 0; k < nodes[l].length; k++) {
                m = Math.max(m, nodes[l][k]);
            }
        }
        return m;
    }

    /** The smallest node over all draws. */
    public double minNode() {
        double m = Double.POSITIVE_INFINITY;
        for (int l = 0; l < nodes.length; l++) {
            for (int k = 0; k < nodes[l].length; k++) {
                m = Math.min(m, nodes[l][k]);
            }
        }
        return m;
    }

    /** ∫ φ over [from, to] ≈ Σ φ(t_j) Δt over the grid points in the interval: the spectral mass there. */
    public double massBetween(double from, double to) {
        double s = 0;
        for (int j = 0; j < grid.length; j++) {
            if (grid[j] >= from && grid[j] <= to) {
                s += density[j];
            }
        }
        return s * gridSpacing();
    }
}
