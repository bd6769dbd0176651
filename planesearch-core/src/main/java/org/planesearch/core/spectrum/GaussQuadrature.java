package org.planesearch.core.spectrum;

/**
 * The m-point Gauss quadrature rule of a Lanczos run started at the unit vector v: for a smooth
 * f,
 * <pre>
 *   vᵀ f(H) v = Σᵢ (v·qᵢ)² f(λᵢ) ≈ Σₖ τₖ f(θₖ)
 * </pre>
 * exactly for polynomials of degree ≤ 2m − 1 (Golub &amp; Meurant, <i>Matrices, Moments and
 * Quadrature with Applications</i>, 2010, ch. 6). θₖ are the eigenvalues of the tridiagonal T,
 * τₖ the squares of the first components of its unit eigenvectors (Golub &amp; Welsch 1969); the
 * τₖ are ≥ 0 and sum to 1.
 *
 * @param nodes θₖ, ascending
 * @param weights τₖ, one per node
 */
public record GaussQuadrature(double[] nodes, double[] weights) {

    public GaussQuadrature {
        if (nodes == null || weights == null || nodes.length != weights.length) {
            throw new IllegalArgumentException("GaussQuadrature: nodes and weights must have one length");
        }
    }

    /** The number of nodes m. */
    public int size() {
        return nodes.length;
    }
}
