/**
 * Matrix-free spectral tools for a symmetric operator H, such as the Hessian of a loss at a
 * point: its extreme eigenvalues, its trace and its whole smoothed eigenvalue density, all in
 * float64 and all read through Hessian-vector products only.
 *
 * <ul>
 *   <li>{@link org.planesearch.core.spectrum.SymmetricOperator}: v ↦ Hv, with adapters for a
 *       Hessian at a point ({@code hessianAt}), an explicit matrix ({@code dense},
 *       {@code diagonal}), one layer's or block's diagonal block H_ℓℓ ({@code restrictedTo}: one
 *       full product per application), and a product counter
 *       ({@link org.planesearch.core.spectrum.CountingOperator}).</li>
 *   <li>{@link org.planesearch.core.spectrum.Lanczos}: the Lanczos process with full
 *       re-orthogonalisation ("twice is enough") and a relative breakdown test, giving the
 *       tridiagonal T = VᵀHV; {@link org.planesearch.core.spectrum.TridiagonalEigen}: T's
 *       eigenvalues and eigenvectors (implicit QR with Wilkinson shifts), hence Ritz pairs and the
 *       Gauss quadrature rule {@link org.planesearch.core.spectrum.GaussQuadrature};
 *       {@link org.planesearch.core.spectrum.SymmetricEigen}: all eigenvalues of a small dense
 *       matrix (Householder tridiagonalisation), the exact reference.</li>
 *   <li>{@link org.planesearch.core.spectrum.TopEigenvalues}: the k largest or smallest
 *       eigenpairs with residuals; {@link org.planesearch.core.spectrum.PowerIteration}: the
 *       dominant one, as a cross-check.</li>
 *   <li>{@link org.planesearch.core.spectrum.HutchinsonTrace}: tr(H) with its standard error.</li>
 *   <li>{@link org.planesearch.core.spectrum.SpectralDensity}: the smoothed eigenvalue density by
 *       stochastic Lanczos quadrature, and the same smoothing of an exact spectrum.</li>
 * </ul>
 *
 * <p><b>The estimator in brief.</b> The density φ(t) = (1/n) Σᵢ δ(t − λᵢ) smoothed by a
 * Gaussian g is φ_σ(t) = (1/n) tr g(tI − H). For a random unit vector v,
 * E[vᵀ g(tI − H) v] = φ_σ(t), and vᵀ f(H) v = Σᵢ (v·qᵢ)² f(λᵢ) is an integral against a
 * discrete measure whose m-point Gauss quadrature rule comes out of m Lanczos steps from v:
 * nodes θₖ = eigenvalues of Tₘ, weights τₖ = squared first components of Tₘ's eigenvectors,
 * exact for polynomials of degree 2m − 1. Averaging the rules of n_v probes gives
 * φ̂(t) = (1/n_v) Σₗ Σₖ τₖ⁽ˡ⁾ g(t − θₖ⁽ˡ⁾). Hutchinson's estimator is the degree-1 case,
 * E[zᵀHz] = tr H. References: Ghorbani, Krishnan &amp; Xiao, "An Investigation into Neural Net
 * Optimization via Hessian Eigenvalue Density", ICML 2019; Golub &amp; Meurant, <i>Matrices,
 * Moments and Quadrature with Applications</i>, 2010; Lin, Saad &amp; Yang, "Approximating
 * spectral densities of large matrices", SIAM Review 58 (2016); Hutchinson, Comm. Statist.
 * Simulation Comput. 19 (1990); Yao, Gholami, Keutzer &amp; Mahoney, "PyHessian: Neural Networks
 * Through the Lens of the Hessian", arXiv:1912.07145.
 *
 * <p><b>Costs, in Hessian-vector products</b> (every result reports its count as
 * {@code products()}): Lanczos m; a density n_v·m (default 10·90 = 900); top-k eigenpairs the
 * Lanczos steps needed (typically 2k + 20 to a few hundred) plus k per residual check; power
 * iteration one per iteration; Hutchinson one per sample. A restricted operator costs one full
 * product per application. <b>Memory:</b> full re-orthogonalisation keeps the Lanczos basis,
 * m·n doubles (90 × 10⁶ parameters = 720 MB), plus O(n) scratch; the re-orthogonalisation
 * costs O(m²n) flops per run, on top of the products.
 *
 * <p><b>Invariants.</b> m ≤ n is enforced by clamping (a run reports the steps it took); breakdown
 * (β ≈ 0: an invariant subspace, exact Ritz values) ends a run cleanly with a status, never
 * with a division by a tiny β; a NaN or infinite product ends every method at once with a
 * {@code NON_FINITE} status, never an exception or an endless loop; programmer errors (bad
 * settings, wrong lengths) throw {@link java.lang.IllegalArgumentException}. Every random choice
 * comes from a {@link java.util.SplittableRandom} seeded by the settings: the same settings give
 * the same bits. Configurations are immutable records and thread-safe; operators with scratch
 * buffers and {@link org.planesearch.core.spectrum.Lanczos.State}s are not. Buffers are allocated
 * per call (or on a state's first use of a basis row), never per step or per sample.
 */
package org.planesearch.core.spectrum;
