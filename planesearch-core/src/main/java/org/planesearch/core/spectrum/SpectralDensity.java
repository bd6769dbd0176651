package org.planesearch.core.spectrum;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The smoothed eigenvalue density of a symmetric operator by stochastic Lanczos quadrature
 * (SLQ), as Ghorbani, Krishnan &amp; Xiao (2019) compute it, and the same smoothing of an exact
 * spectrum for comparison.
 *
 * <p><b>Estimator.</b> With H = Σᵢ λᵢ qᵢqᵢᵀ and a Gaussian kernel g of variance σ²,
 * <pre>
 *   φ_σ(t) = (1/n) Σᵢ g(t − λᵢ) = (1/n) tr g(tI − H)
 *   vᵀ g(tI − H) v = Σᵢ (v·qᵢ)² g(t − λᵢ) ≈ Σₖ τₖ g(t − θₖ)        (v a unit probe)
 *   φ̂(t) = (1/n_v) Σₗ Σₖ τₖ⁽ˡ⁾ g(t − θₖ⁽ˡ⁾)
 * </pre>
 * where (θₖ⁽ˡ⁾, τₖ⁽ˡ⁾) is the m-point Gauss quadrature rule of a {@link Lanczos} run from probe
 * l ({@link GaussQuadrature}: nodes = eigenvalues of T, weights = squared <i>first components</i>
 * of its unit eigenvectors, summing to 1; PyHessian once squared the whole eigenvector matrix,
 * PR #18, undone in #23). For a Gaussian (or Rademacher) probe normalised to unit length,
 * E[(v·qᵢ)²] = 1/n, which makes φ̂ unbiased up to the quadrature error; the quadrature is exact
 * for polynomials of degree 2m − 1, and after a breakdown exactly.
 *
 * <p><b>Smoothing and grid, as in the authors' {@code jax/density.py}</b> (PyHessian's
 * {@code density_plot.py} is the same code):
 * <pre>
 *   λ_max = mean over draws of max θ + 0.01,   λ_min = mean over draws of min θ − 0.01
 *   grid:     gridSize points t_j equally spaced from λ_min to λ_max (both included),
 *             or from the caller's gridMin to gridMax
 *   kernel:   N(t; θ, s²) with VARIANCE s² = sigmaSquared · max(1, λ_max − λ_min)
 *   density:  φ_j = (1/n_v) Σₗ Σₖ τₖ⁽ˡ⁾ N(t_j; θₖ⁽ˡ⁾, s²),  then rescaled so that Σ_j φ_j Δt = 1
 * </pre>
 * The authors' code names the variance {@code sigma} but uses it as the variance; we keep the
 * variance convention, so sigmaSquared = 1e-5 (their default) means a kernel standard deviation
 * of about 0.003·√(range). The variance is computed from the nodes (λ_max − λ_min above) even
 * when the caller fixes the grid, as the authors do. The rescaling hides any kernel mass that
 * fell outside the grid; the result reports it, {@link DensityEstimate#massOutsideGrid()} =
 * 1 − Σ_j φ_j Δt before rescaling (a Riemann-sum estimate, accurate while Δt ≪ s). Each kernel is
 * evaluated within ±10 s of its node only; beyond that it is below e⁻⁵⁰ ≈ 2e-22 of its peak.
 * <b>Warning:</b> the automatic grid extends only 0.01 beyond the mean extreme nodes, so once
 * the kernel's standard deviation s exceeds that margin, the kernels of the extreme nodes spill
 * over the grid's ends (up to half their mass), and the rescaling inflates the rest of the
 * density to compensate. A bulk piled up near its smallest eigenvalue, as in trained networks,
 * then loses a noticeable share (about 15% for a bulk λ = u², u uniform, with s = 0.14). Check
 * {@code massOutsideGrid}, or give a grid wider than the spectrum by a few s.
 * The docstring of the authors' code suggests trying sigmaSquared in [1e-5, 1e-1]; their tests
 * use 1e-2.
 *
 * <p><b>Defaults</b> m = 90 steps (clamped to n), n_v = 10 draws, 10,000 grid points,
 * sigmaSquared = 1e-5, Gaussian probes (the authors' JAX and TF1 code; PyHessian uses
 * Rademacher), seed 0. <b>Cost:</b> n_v·m products (fewer on breakdown), O(n_v m² n) flops of
 * re-orthogonalisation, m·n doubles for one Lanczos basis (reused across draws), and
 * O(n_v·m·(points within ±10 s)) kernel evaluations.
 *
 * <p><b>Exact mode.</b> {@link #exact(double[], Settings)} smooths a given list of eigenvalues
 * (for instance {@link SymmetricEigen#eigenvalues} of a dense Hessian) in the same way, as one
 * draw with weights 1/n; {@link #exact(double[], DensityEstimate)} uses the grid and kernel
 * variance of an estimate, so that {@link #l1Distance} compares like with like.
 *
 * <p><b>Determinism.</b> Draw l uses the l-th {@link SplittableRandom#split()} of a generator
 * seeded with the settings' seed: the same settings give the same bits.
 *
 * <p><b>Non-finite products</b> stop the estimate: the draws completed before are smoothed, the
 * failed draw is reported in {@link DensityEstimate#statuses()} and no exception is thrown.
 *
 * <p>References: Ghorbani, Krishnan &amp; Xiao, "An Investigation into Neural Net Optimization via
 * Hessian Eigenvalue Density", ICML 2019 (code: google/spectral-density); Lin, Saad &amp; Yang,
 * "Approximating spectral densities of large matrices", SIAM Review 58 (2016); Golub &amp;
 * Meurant, <i>Matrices, Moments and Quadrature with Applications</i>, 2010; Yao, Gholami, Keutzer
 * &amp; Mahoney, "PyHessian", arXiv:1912.07145.
 *
 * <p>Stateless and thread-safe (each call allocates its own buffers).
 */
public final class SpectralDensity {

    /** The authors' {@code grid_expand}: the automatic grid reaches this far beyond the mean extreme nodes. */
    public static final double GRID_EXPANSION = 0.01;

    /** Kernels are evaluated within this many standard deviations of their node. */
    static final double KERNEL_CUTOFF = 10;

    private SpectralDensity() {
    }

    /** The distribution of the probe vectors (normalised to unit length by Lanczos). */
    public enum StartVectors {
        /** Independent standard normal entries (the authors' JAX and TF1 code). */
        GAUSSIAN,
        /** Independent ±1 entries (PyHessian). */
        RADEMACHER
    }

    /**
     * The settings of an SLQ density estimate. Immutable and thread-safe.
     *
     * @param steps m, Lanczos steps per draw, ≥ 1 (default 90; clamped to the dimension)
     * @param draws n_v, independent probes, ≥ 1 (default 10)
     * @param gridSize points of the grid, ≥ 2 (default 10,000)
     * @param sigmaSquared the kernel variance per unit of spectral range, finite and &gt; 0
     *     (default 1e-5)
     * @param startVectors the probe distribution (default {@link StartVectors#GAUSSIAN})
     * @param gridMin the grid's first point, or NaN (with gridMax NaN) for the automatic grid
     * @param gridMax the grid's last point, &gt; gridMin, or NaN for the automatic grid
     * @param seed of the probes
     */
    public record Settings(int steps, int draws, int gridSize, double sigmaSquared, StartVectors startVectors,
            double gridMin, double gridMax, long seed) {

        public Settings {
            if (steps < 1) {
                throw new IllegalArgumentException("SpectralDensity: steps (m) must be >= 1, got " + steps);
            }
            if (draws < 1) {
                throw new IllegalArgumentException("SpectralDensity: draws (n_v) must be >= 1, got " + draws);
            }
            if (gridSize < 2) {
                throw new IllegalArgumentException("SpectralDensity: gridSize must be >= 2, got " + gridSize);
            }
            if (!(sigmaSquared > 0) || !Double.isFinite(sigmaSquared)) {
                throw new IllegalArgumentException("SpectralDensity: sigmaSquared must be finite and > 0, got "
                        + sigmaSquared);
            }
            if (startVectors == null) {
                throw new IllegalArgumentException("SpectralDensity: startVectors must not be null");
            }
            boolean automatic = Double.isNaN(gridMin) && Double.isNaN(gridMax);
            boolean given = Double.isFinite(gridMin) && Double.isFinite(gridMax) && gridMin < gridMax;
            if (!automatic && !given) {
                throw new IllegalArgumentException("SpectralDensity: gridMin and gridMax must both be NaN (automatic)"
                        + " or finite with gridMin < gridMax, got " + gridMin + " and " + gridMax);
            }
        }

        /** m = 90, n_v = 10, 10,000 points, sigmaSquared = 1e-5, Gaussian probes, automatic grid, seed 0. */
        public static Settings defaults() {
            return new Settings(90, 10, 10_000, 1e-5, StartVectors.GAUSSIAN, Double.NaN, Double.NaN, 0);
        }

        /** True when the grid follows the nodes (gridMin and gridMax NaN). */
        public boolean automaticGrid() {
            return Double.isNaN(gridMin);
        }

        /** A copy with another m. */
        public Settings withSteps(int m) {
            return new Settings(m, draws, gridSize, sigmaSquared, startVectors, gridMin, gridMax, seed);
        }

        /** A copy with another n_v. */
        public Settings withDraws(int nv) {
            return new Settings(steps, nv, gridSize, sigmaSquared, startVectors, gridMin, gridMax, seed);
        }

        /** A copy with another grid size. */
        public Settings withGridSize(int points) {
            return new Settings(steps, draws, points, sigmaSquared, startVectors, gridMin, gridMax, seed);
        }

        /** A copy with another kernel variance per unit of range. */
        public Settings withSigmaSquared(double variance) {
            return new Settings(steps, draws, gridSize, variance, startVectors, gridMin, gridMax, seed);
        }

        /** A copy with another probe distribution. */
        public Settings withStartVectors(StartVectors probes) {
            return new Settings(steps, draws, gridSize, sigmaSquared, probes, gridMin, gridMax, seed);
        }

        /** A copy with the grid fixed to [min, max]. */
        public Settings withGrid(double min, double max) {
            return new Settings(steps, draws, gridSize, sigmaSquared, startVectors, min, max, seed);
        }

        /** A copy with the automatic grid. */
        public Settings withAutomaticGrid() {
            return new Settings(steps, draws, gridSize, sigmaSquared, startVectors, Double.NaN, Double.NaN, seed);
        }

        /** A copy with another seed. */
        public Settings withSeed(long newSeed) {
            return new Settings(steps, draws, gridSize, sigmaSquared, startVectors, gridMin, gridMax, newSeed);
        }
    }

    /**
     * The SLQ estimate of op's smoothed eigenvalue density.
     *
     * @param op H; its products are the cost (at most steps·draws)
     * @param settings the estimate's settings
     */
    public static DensityEstimate estimate(SymmetricOperator op, Settings settings) {
        int n = op.dimension();
        Lanczos.State state = Lanczos.of(settings.steps()).newState(n);
        SplittableRandom root = new SplittableRandom(settings.seed());
        double[] probe = new double[n];
        double[][] nodes = new double[settings.draws()][];
        double[][] weights = new double[settings.draws()][];
        LanczosStatus[] statuses = new LanczosStatus[settings.draws()];
        long products = 0;
        int done = 0;
        for (int l = 0; l < settings.draws(); l++) {
            SplittableRandom rng = root.split();
            if (settings.startVectors() == StartVectors.GAUSSIAN) {
                RandomVectors.gaussian(rng, probe);
            } else {
                RandomVectors.rademacher(rng, probe);
            }
            LanczosResult run = state.run(op, probe, false);
            products += run.products();
            statuses[l] = run.status();
            if (run.status() == LanczosStatus.NON_FINITE) {
                break;
            }
            GaussQuadrature rule = run.quadrature();
            nodes[l] = rule.nodes();
            weights[l] = rule.weights();
            done++;
        }
        int reported = Math.min(settings.draws(), done + (done < settings.draws() ? 1 : 0));
        return smooth(Arrays.copyOf(nodes, done), Arrays.copyOf(weights, done), Arrays.copyOf(statuses, reported),
                settings, products, Double.NaN);
    }

    /**
     * The density smoothed from given quadrature rules, one per draw (for instance stored
     * {@link DensityEstimate#nodes()} and {@link DensityEstimate#weights()}, re-smoothed with
     * another sigmaSquared or grid). Only the grid and kernel settings are used.
     *
     * @param nodes θ per draw, finite; at least one draw with at least one node. Not modified (copied).
     * @param weights τ per draw, finite and ≥ 0, one per node. Not modified (copied).
     */
    public static DensityEstimate smooth(double[][] nodes, double[][] weights, Settings settings) {
        if (nodes.length == 0 || nodes.length != weights.length) {
            throw new IllegalArgumentException("SpectralDensity: need at least one draw and one weight array per draw,"
                    + " got " + nodes.length + " and " + weights.length);
        }
        double[][] nodesCopy = new double[nodes.length][];
        double[][] weightsCopy = new double[nodes.length][];
        for (int l = 0; l < nodes.length; l++) {
            if (nodes[l].length == 0 || nodes[l].length != weights[l].length) {
                throw new IllegalArgumentException("SpectralDensity: draw " + l + " has " + nodes[l].length
                        + " nodes and " + weights[l].length + " weights; needs one weight per node, at least one");
            }
            for (int k = 0; k < nodes[l].length; k++) {
                if (!Double.isFinite(nodes[l][k]) || !(weights[l][k] >= 0) || !Double.isFinite(weights[l][k])) {
                    throw new IllegalArgumentException("SpectralDensity: draw " + l + ", node " + k + ": need a finite"
                            + " node and a finite weight >= 0, got " + nodes[l][k] + " and " + weights[l][k]);
                }
            }
            nodesCopy[l] = nodes[l].clone();
            weightsCopy[l] = weights[l].clone();
        }
        return smooth(nodesCopy, weightsCopy, new LanczosStatus[0], settings, 0, Double.NaN);
    }

    /**
     * The smoothed density of a known spectrum: the eigenvalues as one draw with weights 1/n,
     * on the settings' grid (automatic: min λ − 0.01 to max λ + 0.01) with the kernel variance
     * sigmaSquared·max(1, max λ − min λ + 0.02). No products.
     *
     * @param eigenvalues all n eigenvalues (any order), finite. Not modified.
     */
    public static DensityEstimate exact(double[] eigenvalues, Settings settings) {
        double[][] nodes = {sortedCopy(eigenvalues)};
        return smooth(nodes, uniformWeights(eigenvalues.length), new LanczosStatus[0], settings, 0, Double.NaN);
    }

    /**
     * The smoothed density of a known spectrum on the grid and with the kernel variance of
     * {@code reference} (its settings otherwise): the exact counterpart of an estimate, for
     * {@link #l1Distance}.
     */
    public static DensityEstimate exact(double[] eigenvalues, DensityEstimate reference) {
        if (reference.grid().length == 0) {
            throw new IllegalArgumentException(
                    "SpectralDensity: the reference estimate has no grid (no draw finished)");
        }
        Settings s = reference.settings().withGrid(reference.gridMin(), reference.gridMax())
                .withGridSize(reference.grid().length);
        double[][] nodes = {sortedCopy(eigenvalues)};
        return smooth(nodes, uniformWeights(eigenvalues.length), new LanczosStatus[0], s, 0,
                reference.kernelVariance());
    }

    /**
     * ∫ |φ_a − φ_b| dt ≈ Σ_j |φ_a(t_j) − φ_b(t_j)| Δt, the L1 distance of two densities on the same
     * grid (in [0, 2] for normalised densities).
     *
     * @throws IllegalArgumentException when the grids differ
     */
    public static double l1Distance(DensityEstimate a, DensityEstimate b) {
        if (!Arrays.equals(a.grid(), b.grid())) {
            throw new IllegalArgumentException("SpectralDensity: the two densities are on different grids ("
                    + a.grid().length + " points on [" + a.gridMin() + ", " + a.gridMax() + "] vs "
                    + b.grid().length + " points on [" + b.gridMin() + ", " + b.gridMax() + "])");
        }
        double[] x = a.density();
        double[] y = b.density();
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            s += Math.abs(x[j] - y[j]);
        }
        return s * a.gridSpacing();
    }

    /**
     * The kernel smoothing of the class comment.
     *
     * @param variance the kernel variance, or NaN to derive it from the nodes
     */
    private static DensityEstimate smooth(double[][] nodes, double[][] weights, LanczosStatus[] statuses,
            Settings settings, long products, double variance) {
        int draws = nodes.length;
        int size = settings.gridSize();
        if (draws == 0) {
            return new DensityEstimate(new double[0], new double[0], Double.NaN, Double.NaN, nodes, weights, statuses,
                    products, settings);
        }
        double meanMin = 0;
        double meanMax = 0;
        double totalWeight = 0;
        for (int l = 0; l < draws; l++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < nodes[l].length; k++) {
                lo = Math.min(lo, nodes[l][k]);
                hi = Math.max(hi, nodes[l][k]);
                totalWeight += weights[l][k];
            }
            meanMin += lo;
            meanMax += hi;
        }
        double lambdaMin = meanMin / draws - GRID_EXPANSION;
        double lambdaMax = meanMax / draws + GRID_EXPANSION;
        totalWeight /= draws;
        double s2 = Double.isNaN(variance) ? settings.sigmaSquared() * Math.max(1, lambdaMax - lambdaMin) : variance;
        double first = settings.automaticGrid() ? lambdaMin : settings.gridMin();
        double last = settings.automaticGrid() ? lambdaMax : settings.gridMax();
        double dt = (last - first) / (size - 1);
        double[] grid = new double[size];
        for (int j = 0; j < size - 1; j++) {
            grid[j] = first + j * dt;
        }
        grid[size - 1] = last;

        double[] density = new double[size];
        double sd = Math.sqrt(s2);
        double coefficient = 1 / Math.sqrt(2 * Math.PI * s2);
        double half = KERNEL_CUTOFF * sd;
        for (int l = 0; l < draws; l++) {
            for (int k = 0; k < nodes[l].length; k++) {
                double theta = nodes[l][k];
                double scale = coefficient * weights[l][k] / draws;
                // grid indices within ±10 s of θ, clamped in floating point before the cast
                double from = Math.ceil((theta - half - first) / dt);
                double to = Math.floor((theta + half - first) / dt);
                int jFrom = (int) Math.max(0, Math.min(size, from));
                int jTo = (int) Math.max(-1, Math.min(size - 1, to));
                for (int j = jFrom; j <= jTo; j++) {
                    double u = grid[j] - theta;
                    density[j] += scale * Math.exp(-u * u / (2 * s2));
                }
            }
        }
        double sum = 0;
        for (int j = 0; j < size; j++) {
            sum += density[j];
        }
        double inside = sum * dt;
        if (inside > 0) {
            double inverse = 1 / inside;
            for (int j = 0; j < size; j++) {
                density[j] *= inverse;
            }
        }
        return new DensityEstimate(grid, density, s2, totalWeight - inside, nodes, weights, statuses, products,
                settings);
    }

    private static double[] sortedCopy(double[] eigenvalues) {
        if (eigenvalues.length == 0) {
            throw new IllegalArgumentException("SpectralDensity: need at least one eigenvalue");
        }
        for (int i = 0; i < eigenvalues.length; i++) {
            if (!Double.isFinite(eigenvalues[i])) {
                throw new IllegalArgumentException("SpectralDensity: eigenvalue " + i + " is " + eigenvalues[i]);
            }
        }
        double[] sorted = eigenvalues.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    private static double[][] uniformWeights(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0 / n);
        return new double[][] {w};
    }
}
