package org.planesearch.core.spectrum;

import java.util.SplittableRandom;
import org.planesearch.core.linalg.Vec;

/**
 * The k largest (or smallest) algebraic eigenvalues of a symmetric operator with their
 * eigenvectors, by Lanczos with full re-orthogonalisation and a growing number of steps: the
 * λ_max behind curvature step sizes (η &lt; 2/λ_max for stable gradient descent; η_ℓ = c/λ_max(H_ℓℓ)
 * per layer with {@link SymmetricOperator#restrictedTo}), and the most negative eigenvalue
 * (negative curvature) with {@link #smallest}.
 *
 * <pre>
 *   v₁ Gaussian (seeded);  m = min(M, 2k + 20)                  M = min(maxSteps, n)
 *   loop:
 *     advance Lanczos to m steps (one product each)
 *     on breakdown: restart in the orthogonal complement with a new Gaussian vector, keep going
 *     Ritz values θ₁ ≤ … ≤ θₘ of Tₘ;  estimated residuals ρⱼ = βₘ |sₘⱼ|   (sₘⱼ: last row of T's eigenvectors)
 *     if ρⱼ ≤ tol·‖T‖ for the k wanted θⱼ, or m = M (or the space is exhausted):
 *         Ritz vectors yⱼ = V sⱼ and true residuals rⱼ = ‖H yⱼ − θⱼ yⱼ‖   (k more products)
 *         CONVERGED if every rⱼ ≤ tol·‖T‖; else BUDGET_EXHAUSTED when m = M, else keep going
 *     m ← min(M, m + max(10, m/2))
 * </pre>
 * ‖T‖ = maxⱼ |θⱼ|, the spectral-norm estimate. The test is relative to the spectral norm rather
 * than to each |θⱼ|, so that it means something for eigenvalues near 0 (a Hessian's bulk): every
 * returned θⱼ is within rⱼ ≤ tol·‖H‖ of an eigenvalue of H (and within rⱼ²/gap when it is
 * isolated by a gap). No restarts with thick or implicit deflation are made (ARPACK's
 * approach): the basis simply grows, which is simplest and, with full re-orthogonalisation,
 * robust; memory is M·n doubles and the re-orthogonalisation O(M²n) flops, which bounds M
 * to a few hundred. Lanczos runs with the breakdown tolerance min(1e-10, tol/10), so that a
 * breakdown leaves residuals below the tolerance. The estimated residuals come from the last
 * row of T's eigenvector matrix, obtained as the first row of the reversed T's (O(m²) per
 * check); the full eigenvectors of T are formed once, at the end.
 *
 * <p><b>Limitations.</b> A Krylov space of one start vector holds one eigenvector per distinct
 * eigenvalue, so a multiple eigenvalue is returned once until its copies are found after a
 * breakdown (the restart in the complement finds them). Clusters converge slowly: the step
 * budget then ends with {@link ConvergenceStatus#BUDGET_EXHAUSTED} and the residuals say how
 * good the pairs are. A non-finite product ends the run with {@link ConvergenceStatus#NON_FINITE}
 * and empty arrays.
 *
 * <p>Cross-check for k = 1: {@link PowerIteration}, which needs many more products.
 *
 * <p>References: Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., 2013, §10.1
 * (Ritz pairs and their residuals); Parlett, <i>The Symmetric Eigenvalue Problem</i>, 1980,
 * ch. 13.
 *
 * <p>The record is immutable and thread-safe; each call allocates its own Lanczos state.
 *
 * @param count k, how many eigenvalues, ≥ 1 (default 1); at most the operator's dimension
 * @param tolerance relative residual tolerance, in (0, 1) (default 1e-8)
 * @param maxSteps the Lanczos step budget (clamped to the dimension), ≥ count (default 300)
 * @param seed of the start vectors
 */
public record TopEigenvalues(int count, double tolerance, int maxSteps, long seed) {

    /** Steps added to 2k for the first check. */
    static final int INITIAL_EXTRA_STEPS = 20;
    /** The fewest steps added between two checks. */
    static final int MIN_GROWTH = 10;

    public TopEigenvalues {
        if (count < 1) {
            throw new IllegalArgumentException("TopEigenvalues: count (k) must be >= 1, got " + count);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("TopEigenvalues: tolerance must be in (0, 1), got " + tolerance);
        }
        if (maxSteps < count) {
            throw new IllegalArgumentException("TopEigenvalues: maxSteps must be >= count = " + count + ", got "
                    + maxSteps);
        }
    }

    /** k = 1, tolerance 1e-8, 300 steps, seed 0. */
    public static TopEigenvalues defaults() {
        return new TopEigenvalues(1, 1e-8, 300, 0);
    }

    /** k eigenvalues with the other defaults. */
    public static TopEigenvalues of(int count) {
        return defaults().withCount(count);
    }

    /** A copy with another k. */
    public TopEigenvalues withCount(int k) {
        return new TopEigenvalues(k, tolerance, Math.max(maxSteps, k), seed);
    }

    /** A copy with another tolerance. */
    public TopEigenvalues withTolerance(double relativeTolerance) {
        return new TopEigenvalues(count, relativeTolerance, maxSteps, seed);
    }

    /** A copy with another step budget. */
    public TopEigenvalues withMaxSteps(int steps) {
        return new TopEigenvalues(count, tolerance, steps, seed);
    }

    /** A copy with another seed. */
    public TopEigenvalues withSeed(long newSeed) {
        return new TopEigenvalues(count, tolerance, maxSteps, newSeed);
    }

    /** The k largest eigenvalues, in descending order (λ₁ ≥ λ₂ ≥ …), with their eigenvectors. */
    public Eigenpairs largest(SymmetricOperator op) {
        return solve(op, true);
    }

    /** The k smallest eigenvalues, in ascending order (the most negative first), with their eigenvectors. */
    public Eigenpairs smallest(SymmetricOperator op) {
        return solve(op, false);
    }

    private Eigenpairs solve(SymmetricOperator op, boolean largest) {
        int n = op.dimension();
        if (count > n) {
            throw new IllegalArgumentException("TopEigenvalues: count " + count + " exceeds the dimension " + n);
        }
        int cap = Math.min(maxSteps, n);
        // a breakdown must not stop the Ritz residuals above the tolerance asked for
        double breakdown = Math.min(Lanczos.DEFAULT_BREAKDOWN_TOLERANCE, 0.1 * tolerance);
        Lanczos.State state = new Lanczos(cap, breakdown).newState(n);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] random = new double[n];
        RandomVectors.gaussian(rng, random);
        state.begin(op, random);
        int target = Math.min(cap, 2 * count + INITIAL_EXTRA_STEPS);
        long checks = 0; // products spent on true residuals that missed the tolerance
        while (true) {
            LanczosStatus status = state.advance(target);
            if (status == LanczosStatus.NON_FINITE) {
                return nonFinite(state.steps(), state.products() + checks);
            }
            if (status == LanczosStatus.BREAKDOWN) {
                RandomVectors.gaussian(rng, random);
                if (state.restart(random)) {
                    if (state.steps() >= target) {
                        target = grow(state.steps(), cap);
                    }
                    continue;
                }
            }
            int m = state.steps();
            boolean last = m >= cap || state.status() == LanczosStatus.BREAKDOWN;
            if (last && m < count) {
                // unreachable: a failed restart means m = M ≥ k or a basis spanning all n ≥ k dimensions
                throw new IllegalStateException("TopEigenvalues: the Krylov space ended at " + m + " < k = " + count
                        + " dimensions");
            }
            if (m >= count && (last || estimatesConverged(state, largest))) {
                Eigenpairs pairs = ritzPairs(op, state, largest, last, checks);
                if (pairs != null) {
                    return pairs;
                }
                checks += count;
            }
            target = grow(m, cap);
        }
    }

    private static int grow(int m, int cap) {
        return Math.min(cap, m + Math.max(MIN_GROWTH, m / 2));
    }

    /** ρⱼ = βₘ |sₘⱼ| ≤ tol·‖T‖ for the wanted Ritz values, from the reversed T's first row. */
    private boolean estimatesConverged(Lanczos.State state, boolean largest) {
        int m = state.steps();
        double[] d = new double[m];
        double[] e = new double[Math.max(m - 1, 0)];
        for (int i = 0; i < m; i++) {
            d[i] = state.alpha(m - 1 - i);
        }
        for (int i = 0; i < m - 1; i++) {
            e[i] = state.beta(m - 2 - i);
        }
        double[] lastRow = new double[m];
        TridiagonalEigen.decompose(d, e, m, lastRow, 1);
        double norm = Math.max(Math.abs(d[0]), Math.abs(d[m - 1]));
        double beta = state.beta(m - 1);
        for (int j = 0; j < count; j++) {
            int index = largest ? m - 1 - j : j;
            if (!(beta * Math.abs(lastRow[index]) <= tolerance * norm)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The wanted Ritz pairs with their true residuals (k products), or null when they miss the
     * tolerance and more steps are possible.
     */
    private Eigenpairs ritzPairs(SymmetricOperator op, Lanczos.State state, boolean largest, boolean last,
            long earlierChecks) {
        int m = state.steps();
        int n = state.dimension();
        TridiagonalEigen.Decomposition t = state.result(false).decomposition();
        double[] theta = t.values();
        double[] z = t.vectors();
        double norm = Math.max(Math.abs(theta[0]), Math.abs(theta[m - 1]));
        double[] values = new double[count];
        double[][] vectors = new double[count][n];
        double[] residuals = new double[count];
        double[] product = new double[n];
        long products = state.products() + earlierChecks;
        boolean converged = true;
        for (int j = 0; j < count; j++) {
            int index = largest ? m - 1 - j : j;
            double[] y = vectors[j];
            for (int i = 0; i < m; i++) {
                Vec.axpy(z[i * m + index], state.basisVector(i), y);
            }
            Vec.scal(1 / Vec.nrm2(y), y);
            op.apply(y, product);
            products++;
            Vec.axpy(-theta[index], y, product);
            double r = Vec.nrm2(product);
            if (!Double.isFinite(r)) {
                return nonFinite(m, products);
            }
            values[j] = theta[index];
            residuals[j] = r;
            converged &= r <= tolerance * norm;
        }
        if (converged) {
            return new Eigenpairs(values, vectors, residuals, norm, ConvergenceStatus.CONVERGED, m, products);
        }
        if (last) {
            return new Eigenpairs(values, vectors, residuals, norm, ConvergenceStatus.BUDGET_EXHAUSTED, m, products);
        }
        return null;
    }

    private static Eigenpairs nonFinite(int steps, long products) {
        return new Eigenpairs(new double[0], new double[0][], new double[0], Double.NaN, ConvergenceStatus.NON_FINITE,
                steps, products);
    }
}
