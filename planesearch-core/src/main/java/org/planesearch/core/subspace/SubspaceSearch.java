package org.planesearch.core.subspace;

import org.planesearch.core.linalg.Cholesky;
import org.planesearch.core.objective.SubspaceObjective;

/**
 * The one minimiser of ψ(t) = f(x + D t) over t ∈ ℝᵏ used by every precise step rule: line
 * optimization (k = 1), plane search (k = 2), subspace optimization (k = m + 1) and their
 * per-layer splits. A safeguarded Newton method with backtracking:
 * <pre>
 *   t ← t₀ if ψ(t₀) ≤ ψ(0) (warm start), else 0
 *   repeat
 *     stop if |∂ψ/∂tⱼ| ≤ bⱼ for every column j                      (see "Tolerance")
 *     S = diag(|Hⱼⱼ|^{−1/2}),  M = S ∇²ψ(t) S,  r = −S ∇ψ(t)        (Jacobi scaling)
 *     τ = 0 if min Mⱼⱼ &gt; 0 else β − min Mⱼⱼ;  until M + τI = LLᵀ succeeds: τ ← max(10τ, β)
 *     p = S (M + τI)⁻¹ r                                           (Newton direction, shifted)
 *     if ∇ψᵀp ≥ 0 (only by rounding): p = −S² ∇ψ                    (steepest descent in t)
 *     α = 1; while ψ(t + αp) &gt; ψ(t) + c₁ α ∇ψᵀp or ψ(t + αp) not finite:
 *         α ← quadratic-interpolation minimiser clipped to [0.1α, 0.5α] (0.1α if not finite)
 *     t ← t + αp
 * </pre>
 *
 * <p><b>Scaling.</b> The columns of D may differ in norm by many orders (−g next to a tiny
 * previous step, a long L-BFGS direction). Newton's direction is invariant to column scaling
 * in exact arithmetic but its linear algebra is not: the k×k system is therefore solved in the
 * Jacobi-scaled variables u = S⁻¹t, where the scaled Hessian M has a unit diagonal (entries
 * with |Hⱼⱼ| = 0 use the largest diagonal instead). Pivots, the shift β = 1e-8 and the pivot
 * floor 1e-12 then mean the same thing whatever the columns' norms: a failed factorization
 * signals indefiniteness or columns that are collinear to about 1e-6 in the Hessian's metric,
 * never a disparity of scales. The shift rule is Nocedal &amp; Wright's Algorithm 3.3 (Cholesky
 * with added multiple of the identity) with growth factor 10; since M + τI is diagonally
 * dominant once τ exceeds M's largest off-diagonal row sum, it ends after a few tries.
 *
 * <p><b>Tolerance.</b> With ‖g‖ the gradient norm at x passed by the caller (the "gradient
 * scale" G) and ‖dⱼ‖ the column norms (block-restricted columns: the norm of the restriction),
 * the search stops when for every column
 * <pre>
 *   |∂ψ/∂tⱼ| = |dⱼᵀ∇f(x + Dt)| ≤ bⱼ = tol · G · min(1, ‖dⱼ‖).
 * </pre>
 * The scale-invariant form of "the slope along each column has fallen by the factor tol
 * relative to the steepest slope at x" is |d̂ⱼᵀ∇f| ≤ tol·G with d̂ⱼ = dⱼ/‖dⱼ‖, i.e. bⱼ = tol·G·‖dⱼ‖:
 * a tiny previous step must not be judged by the absolute size of its (tiny) derivative, and
 * a column's derivative is compared with what that column can achieve. For columns of norm
 * ≤ 1 that is exactly the bound used. For longer columns the bound is capped at tol·G, so that it
 * is never looser than the absolute form |ψ'(α*)| ≤ tol·‖g‖ (the acceptance test of line
 * optimization along d = −g holds whatever ‖g‖). When that capped bound is out of reach of the
 * arithmetic, progress stops and the search still reports
 * {@link SubspaceSearchStatus#CONVERGED} if the uncapped, scale-invariant bound tol·G·‖dⱼ‖
 * holds. Without column norms all ‖dⱼ‖ are taken as 1 (bⱼ = tol·G).
 *
 * <p><b>Near the solution</b> the decrease Newton predicts, |∇ψᵀp|, can fall below what ψ's
 * values resolve (a band of 1e-10·|ψ|, {@code ROUNDING_BAND}) while the step p is still accurate
 * (ψ' and ∇²ψ are known to more digits than ψ). Such a step is then taken in full, without the
 * Armijo test, if ψ does not rise by more than that band (above ψ at the current t, or above
 * ψ(0)), and max_j |∂ψ/∂tⱼ|/bⱼ decreases (the gradient decides, as in Hager &amp; Zhang's
 * approximate Wolfe conditions); otherwise the search
 * has stalled (also when t + p equals t in floating point, or backtracking finds no decrease).
 * When the search <i>starts</i> in that band (at t = 0 the whole decrease along the subspace is
 * below what ψ resolves: the iterate is optimal over the subspace to the precision of f), it
 * takes one such step and stops with {@link SubspaceSearchStatus#CONVERGED}: the step is Newton's,
 * so ∂ψ/∂t is left at the square of its relative size at 0, and further trials could change ψ
 * only below its rounding. Without this stop, a search near the optimum spent two to five more
 * trials chasing a derivative bound that rounding put out of reach (measured on a 10⁶ × 100
 * logistic problem, docs/BENCHMARKS.md §2), each trial as costly as the fixed step's whole
 * evaluation of the loss. A search that starts above the band is unaffected: it runs to the
 * derivative bound as before.
 *
 * <p><b>Costly trials.</b> Where ψ asks for it ({@link SubspaceObjective#decreaseTolerance()} θ &gt; 0),
 * the search also stops, after at least one Newton step, once the decrease the Newton model still
 * predicts, −½∇ψᵀp, is at most θ·(ψ(0) − ψ(t)): the step is within a fraction θ of its best gain,
 * and a further trial would cost more than it could buy. Status {@link SubspaceSearchStatus#CONVERGED}.
 * Where the Hessian is priced separately, this test is first made with the last Hessian computed
 * (one Newton step old), and the new one is asked for only if that test does not stop the
 * search: after a Newton step ∇ψ is small and the decrease left is tiny whichever nearby
 * Hessian measures it.
 *
 * <p><b>Guarantees.</b> ψ(t) ≤ ψ(0) + 1e-10·|ψ(0)| for the returned t, always, and ψ(t) ≤ ψ(0)
 * unless steps were taken in the rounding band above (a warm start is taken only if it
 * does not increase ψ; every later step satisfies the Armijo condition). A point that is
 * already optimal over the subspace (all |∂ψ/∂tⱼ(0)| ≤ bⱼ) returns CONVERGED with t = 0 after
 * one evaluation. Non-finite trials (NaN, +∞ and −∞ alike, values or gradients) are never
 * taken: the warm start is skipped, backtracking shrinks past them (0.1). Non-finite ψ(0) or
 * ∇ψ(0) gives NON_FINITE. An unbounded ψ ends in BUDGET_EXHAUSTED with a (large) but finite
 * decrease. (A warm start or a step in the rounding band whose ψ was −∞ used to be taken, since
 * −∞ passes every "not above" test; found by the step-rule property tests.)
 *
 * <p>Per iteration it evaluates ψ with gradient and Hessian at the full Newton step (accepted
 * almost always, and its derivatives are needed next), and the value alone at backtracking
 * trials, plus the derivatives where one of those is accepted. Where ψ prices its Hessian
 * separately ({@link SubspaceObjective#separateHessian()}: a network's exact ∇²ψ costs twice its
 * ψ and ∇ψ), trials are evaluated with the gradient only and the Hessian is asked for at the
 * accepted point only when the search goes on from there, so the last trial of a search, where
 * it converges, never pays for one. On a quadratic ψ a search from 0
 * is one iteration and two evaluations (ψ with derivatives at 0 — free for an evaluator that
 * caches the current point — and at the Newton step). The returned t is the last point
 * evaluated with derivatives whenever the search converged, so an evaluator can reuse that
 * evaluation when it moves there.
 *
 * <p>References: J. Nocedal and S. J. Wright, <i>Numerical Optimization</i>, 2nd ed., 2006,
 * §3.4 (Algorithm 3.3) and §3.5 (eq. (3.58), quadratic interpolation); Shea &amp; Schmidt, "Why
 * line search when you can plane search?", arXiv:2406.17954, 2024 (the subproblem).
 *
 * <p>The record is immutable and thread-safe; all buffers live in the {@link State} from
 * {@link #newState(int)}, which allocates nothing per search except the result record.
 *
 * @param maxIterations Newton iterations, ≥ 1 (default 50)
 * @param gradientTolerance tol, in (0, 1) (default 1e-9)
 * @param sufficientDecrease c₁ of the Armijo test on ψ, in (0, 0.5) (default 1e-4)
 * @param maxBacktracks step halvings (or interpolations) per iteration, ≥ 1 (default 40)
 * @param maxEvaluations calls of ψ per search, ≥ 2 (default 200)
 */
public record SubspaceSearch(int maxIterations, double gradientTolerance, double sufficientDecrease,
        int maxBacktracks, int maxEvaluations) {

    /** β: smallest diagonal shift of the scaled Hessian, whose diagonal is 1. */
    static final double SHIFT_FLOOR = 1e-8;
    /** Smallest accepted squared Cholesky pivot of the scaled Hessian. */
    static final double PIVOT_FLOOR = 1e-12;
    /** Tries of the shift before falling back to steepest descent (τ grows ×10 each). */
    static final int MAX_SHIFTS = 60;
    /** Predicted decreases below this multiple of ε·|ψ| are not representable. */
    static final double RESOLUTION = 4 * Math.ulp(1.0);
    /**
     * Relative size below which a predicted decrease of ψ is treated as unresolvable by ψ's
     * values (a mean over n examples carries about √n·ε·|ψ| of rounding): the same band as the
     * line searches' approximate Armijo test, {@link org.planesearch.core.linesearch.ApproximateDecrease}.
     */
    static final double ROUNDING_BAND = org.planesearch.core.linesearch.ApproximateDecrease.VALUE_TOLERANCE;

    public SubspaceSearch {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("SubspaceSearch: maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(gradientTolerance > 0 && gradientTolerance < 1)) {
            throw new IllegalArgumentException("SubspaceSearch: gradientTolerance must be in (0, 1), got "
                    + gradientTolerance);
        }
        if (!(sufficientDecrease > 0 && sufficientDecrease < 0.5)) {
            throw new IllegalArgumentException("SubspaceSearch: sufficientDecrease (c1) must be in (0, 0.5), got "
                    + sufficientDecrease);
        }
        if (maxBacktracks < 1) {
            throw new IllegalArgumentException("SubspaceSearch: maxBacktracks must be >= 1, got " + maxBacktracks);
        }
        if (maxEvaluations < 2) {
            throw new IllegalArgumentException("SubspaceSearch: maxEvaluations must be >= 2, got " + maxEvaluations);
        }
    }

    /** maxIterations 50, tol 1e-9, c₁ 1e-4, 40 backtracks, 200 evaluations. */
    public static SubspaceSearch defaults() {
        return new SubspaceSearch(50, 1e-9, 1e-4, 40, 200);
    }

    /** A copy with another iteration budget. */
    public SubspaceSearch withMaxIterations(int iterations) {
        return new SubspaceSearch(iterations, gradientTolerance, sufficientDecrease, maxBacktracks, maxEvaluations);
    }

    /** A copy with another gradient tolerance. */
    public SubspaceSearch withGradientTolerance(double tolerance) {
        return new SubspaceSearch(maxIterations, tolerance, sufficientDecrease, maxBacktracks, maxEvaluations);
    }

    /** A copy with another evaluation budget. */
    public SubspaceSearch withMaxEvaluations(int evaluations) {
        return new SubspaceSearch(maxIterations, gradientTolerance, sufficientDecrease, maxBacktracks, evaluations);
    }

    /** Buffers for subspaces of up to {@code maxDimension} columns. */
    public State newState(int maxDimension) {
        if (maxDimension < 1) {
            throw new IllegalArgumentException("SubspaceSearch: maxDimension must be >= 1, got " + maxDimension);
        }
        return new State(this, maxDimension);
    }

    /**
     * The buffers of a {@link SubspaceSearch}: t, trial points, gradients, Hessians, the scaled
     * system and its factor, all sized for {@code capacity} columns. Not thread-safe.
     */
    public static final class State {
        private final SubspaceSearch config;
        private final int capacity;
        private double[] t;
        private double[] trial;
        private double[] grad;
        private double[] gTrial;
        private double[] hess;
        private double[] hTrial;
        private final double[] scale;
        private final double[] scaled;
        private final double[] factor;
        private final double[] rhs;
        private final double[] p;
        private final double[] strict;
        private final double[] loose;
        private boolean separate;
        private boolean hessianMissing;
        private final double[] lastHessian;
        private boolean haveLastHessian;
        private boolean trialHessianMissing;

        private State(SubspaceSearch config, int capacity) {
            this.config = config;
            this.capacity = capacity;
            this.t = new double[capacity];
            this.trial = new double[capacity];
            this.grad = new double[capacity];
            this.gTrial = new double[capacity];
            this.hess = new double[capacity * capacity];
            this.hTrial = new double[capacity * capacity];
            this.scale = new double[capacity];
            this.scaled = new double[capacity * capacity];
            this.factor = new double[capacity * capacity];
            this.rhs = new double[capacity];
            this.p = new double[capacity];
            this.strict = new double[capacity];
            this.lastHessian = new double[capacity * capacity];
            this.loose = new double[capacity];
        }

        /** The configuration this state runs. */
        public SubspaceSearch config() {
            return config;
        }

        /** The most columns a search may have. */
        public int capacity() {
            return capacity;
        }

        /** {@link #search(SubspaceObjective, double[], double[], double)} from t = 0 with unit column norms. */
        public SubspaceSearchResult search(SubspaceObjective psi, double gradientScale) {
            return search(psi, null, null, gradientScale);
        }

        /**
         * Minimises ψ.
         *
         * @param psi ψ with k ≤ capacity columns. Evaluated; not otherwise touched.
         * @param warmStart t₀ (length ≥ k) or null; taken only if ψ(t₀) ≤ ψ(0). Not modified.
         * @param columnNorms ‖dⱼ‖ (length ≥ k, finite, ≥ 0) or null for all 1. Not modified.
         * @param gradientScale G = ‖∇f(x)‖ at the current iterate (finite, ≥ 0)
         * @return the outcome; ψ(result.t) ≤ ψ(0)
         */
        public SubspaceSearchResult search(SubspaceObjective psi, double[] warmStart, double[] columnNorms,
                double gradientScale) {
            int k = psi.dimension();
            if (k < 1 || k > capacity) {
                throw new IllegalArgumentException("SubspaceSearch: psi has " + k + " columns; this state holds 1 to "
                        + capacity);
            }
            if (!(gradientScale >= 0) || !Double.isFinite(gradientScale)) {
                throw new IllegalArgumentException("SubspaceSearch: gradientScale must be finite and >= 0, got "
                        + gradientScale);
            }
            if (warmStart != null && warmStart.length < k) {
                throw new IllegalArgumentException("SubspaceSearch: warmStart has length " + warmStart.length
                        + ", needs " + k);
            }
            double tol = config.gradientTolerance;
            for (int j = 0; j < k; j++) {
                double c = 1;
                if (columnNorms != null) {
                    c = columnNorms[j];
                    if (!(c >= 0) || !Double.isFinite(c)) {
                        throw new IllegalArgumentException("SubspaceSearch: column norm " + j
                                + " must be finite and >= 0, got " + c);
                    }
                }
                strict[j] = tol * gradientScale * Math.min(1, c);
                loose[j] = tol * gradientScale * c;
            }

            int evaluations = 0;
            for (int j = 0; j < k; j++) {
                t[j] = 0;
            }
            boolean warm = warmStart != null && usable(warmStart, k);
            separate = psi.separateHessian();
            double f0;
            if (warm || separate) {
                f0 = psi.valueAndGradient(t, grad);
                hessianMissing = true;
            } else {
                f0 = psi.valueGradientHessian(t, grad, hess);
                hessianMissing = false;
            }
            evaluations++;
            if (!Double.isFinite(f0) || !allFinite(grad, k)) {
                return finish(SubspaceSearchStatus.NON_FINITE, k, f0, Double.NaN, 0, evaluations, true);
            }
            double gradientNorm0 = norm(grad, k);
            if (within(grad, strict, k)) {
                return finish(SubspaceSearchStatus.CONVERGED, k, f0, gradientNorm0, 0, evaluations, true);
            }
            double f = f0;
            if (warm) {
                boolean taken = false;
                System.arraycopy(warmStart, 0, trial, 0, k);
                // one evaluation with derivatives: for an SO-friendly model the value alone costs
                // nearly as much (the same exponentials), and a good warm start is the usual case
                double fw = evaluateTrial(psi);
                evaluations++;
                // −∞ also satisfies fw ≤ f0: a non-finite warm start is never taken
                if (Double.isFinite(fw) && fw <= f0 && allFinite(gTrial, k)) {
                    acceptTrial();
                    f = fw;
                    taken = true;
                }
                if (!taken) {
                    if (evaluations >= config.maxEvaluations) {
                        return finish(SubspaceSearchStatus.FAILED, k, f0, gradientNorm0, 0, evaluations, true);
                    }
                    if (separate) {
                        hessianMissing = true;
                    } else {
                        psi.valueGradientHessian(t, grad, hess);
                        evaluations++;
                        hessianMissing = false;
                    }
                }
            }

            int iterations = 0;
            boolean converged = false;
            boolean stalled = false;
            boolean finiteTrial = false;
            boolean nonFiniteTrial = false;
            boolean progressed = false;
            boolean resolved = false;
            boolean precise = false;
            double theta = psi.decreaseTolerance();
            if (!(theta >= 0 && theta < 1)) {
                throw new IllegalArgumentException("SubspaceSearch: psi.decreaseTolerance() must be in [0, 1), got " + theta);
            }
            boolean startedInBand = false;
            haveLastHessian = false;
            double c1 = config.sufficientDecrease;
            while (true) {
                if (within(grad, strict, k)) {
                    converged = true;
                    break;
                }
                if (iterations >= config.maxIterations || config.maxEvaluations - evaluations < 2) {
                    break;
                }
                if (iterations > 0 && startedInBand) {
                    // The whole search is below the resolution of ψ's values and one accurate
                    // Newton step has been taken: stop (see "Near the solution").
                    resolved = true;
                    break;
                }
                if (hessianMissing && progressed && theta > 0 && haveLastHessian) {
                    // Judge the stop with the last Hessian computed (one step old) before paying
                    // for the new one: after a Newton step ∇ψ is small and the decrease left is
                    // tiny whichever nearby Hessian measures it.
                    System.arraycopy(lastHessian, 0, hess, 0, k * k);
                    double staleSlope = direction(k);
                    if (staleSlope < 0 && -0.5 * staleSlope <= theta * (f0 - f)) {
                        precise = true;
                        break;
                    }
                }
                if (hessianMissing) {
                    // the Hessian where the search takes its next Newton step (separateHessian)
                    psi.valueGradientHessian(t, grad, hess);
                    evaluations++;
                    hessianMissing = false;
                    System.arraycopy(hess, 0, lastHessian, 0, k * k);
                    haveLastHessian = true;
                }
                double slope = direction(k);
                if (!(slope < 0)) {
                    stalled = true;
                    break;
                }
                if (progressed && -0.5 * slope <= theta * (f0 - f)) {
                    // the rest of the step's gain, as Newton's model predicts it, is below the
                    // fraction ψ asks for (SubspaceObjective#decreaseTolerance)
                    precise = true;
                    break;
                }
                boolean inBand = -slope <= ROUNDING_BAND * Math.abs(f);
                if (iterations == 0) {
                    startedInBand = inBand;
                }
                if (inBand) {
                    // The decrease Newton predicts is below the rounding of ψ, so the Armijo test
                    // cannot see it, but the step itself is still accurate: take the full step if ψ
                    // does not rise beyond rounding (nor above ψ(0)) and the gradient shrinks.
                    boolean moves = false;
                    for (int j = 0; j < k; j++) {
                        trial[j] = t[j] + p[j];
                        moves |= trial[j] != t[j];
                    }
                    if (!moves) {
                        stalled = true;
                        break;
                    }
                    double full = evaluateTrial(psi);
                    evaluations++;
                    if (Double.isFinite(full) && full <= f + ROUNDING_BAND * Math.abs(f)
                            && full <= f0 + ROUNDING_BAND * Math.abs(f0) && allFinite(gTrial, k)
                            && relativeGradient(gTrial, k) < relativeGradient(grad, k)) {
                        acceptTrial();
                        f = full;
                        iterations++;
                        progressed = true;
                        continue;
                    }
                    stalled = true;
                    break;
                }
                double alpha = 1;
                boolean accepted = false;
                boolean outOfBudget = false;
                for (int b = 0; b <= config.maxBacktracks; b++) {
                    if (config.maxEvaluations - evaluations < 2) {
                        outOfBudget = true;
                        break;
                    }
                    boolean moves = false;
                    for (int j = 0; j < k; j++) {
                        trial[j] = t[j] + alpha * p[j];
                        moves |= trial[j] != t[j];
                    }
                    if (!moves) {
                        break;
                    }
                    // The full step is evaluated with derivatives at once (Newton's full step is
                    // accepted almost always, and its derivatives are needed next); backtracking
                    // trials with the value alone.
                    boolean withDerivatives = b == 0;
                    double ft = withDerivatives ? evaluateTrial(psi) : psi.value(trial);
                    evaluations++;
                    if (!Double.isFinite(ft)) {
                        nonFiniteTrial = true;
                        alpha *= 0.1;
                        continue;
                    }
                    finiteTrial = true;
                    if (ft <= f + c1 * alpha * slope) {
                        double full = ft;
                        if (!withDerivatives) {
                            full = evaluateTrial(psi);
                            evaluations++;
                        }
                        if (Double.isFinite(full) && full <= f && allFinite(gTrial, k)) {
                            acceptTrial();
                            f = full;
                            accepted = true;
                            progressed = true;
                            break;
                        }
                        nonFiniteTrial = true;
                        alpha *= 0.1;
                        continue;
                    }
                    // minimiser of the quadratic through φ(0) = f, φ'(0) = slope, φ(α) = ft (N&W (3.58))
                    double curvature = 2 * (ft - f - slope * alpha);
                    double next = curvature > 0 ? -slope * alpha * alpha / curvature : 0.5 * alpha;
                    alpha = Math.min(0.5 * alpha, Math.max(0.1 * alpha, next));
                }
                if (!accepted) {
                    stalled = !outOfBudget;
                    break;
                }
                iterations++;
            }

            if (converged || resolved || precise || (stalled && within(grad, loose, k))) {
                return finish(SubspaceSearchStatus.CONVERGED, k, f, norm(grad, k), iterations, evaluations, false);
            }
            if (f < f0 || progressed) {
                return finish(SubspaceSearchStatus.BUDGET_EXHAUSTED, k, f, norm(grad, k), iterations, evaluations,
                        false);
            }
            SubspaceSearchStatus status = nonFiniteTrial && !finiteTrial
                    ? SubspaceSearchStatus.NON_FINITE : SubspaceSearchStatus.FAILED;
            return finish(status, k, f0, gradientNorm0, iterations, evaluations, true);
        }

        /**
         * Writes the search direction into p and returns ∇ψᵀp (negative for a descent direction,
         * NaN or ≥ 0 if none could be formed).
         */
        private double direction(int k) {
            double maxDiag = 0;
            boolean finiteHessian = true;
            for (int i = 0; i < k * k; i++) {
                if (!Double.isFinite(hess[i])) {
                    finiteHessian = false;
                    break;
                }
            }
            if (finiteHessian) {
                for (int j = 0; j < k; j++) {
                    maxDiag = Math.max(maxDiag, Math.abs(hess[j * k + j]));
                }
            }
            if (!finiteHessian || !(maxDiag > Double.MIN_NORMAL)) {
                // no usable curvature: steepest descent in t
                for (int j = 0; j < k; j++) {
                    p[j] = -grad[j];
                }
                return dot(grad, p, k);
            }
            double minScaledDiag = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double a = Math.abs(hess[j * k + j]);
                scale[j] = 1 / Math.sqrt(a > Double.MIN_NORMAL ? a : maxDiag);
            }
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    scaled[i * k + j] = scale[i] * hess[i * k + j] * scale[j];
                }
                rhs[i] = -scale[i] * grad[i];
                minScaledDiag = Math.min(minScaledDiag, scaled[i * k + i]);
            }
            double tau = minScaledDiag > 0 ? 0 : SHIFT_FLOOR - minScaledDiag;
            for (int attempt = 0; attempt < MAX_SHIFTS; attempt++) {
                if (tau > 0) {
                    for (int j = 0; j < k; j++) {
                        scaled[j * k + j] += tau;
                    }
                }
                boolean ok = Cholesky.factor(scaled, k, PIVOT_FLOOR, factor);
                if (tau > 0) {
                    for (int j = 0; j < k; j++) {
                        scaled[j * k + j] -= tau;
                    }
                }
                if (ok) {
                    Cholesky.solve(factor, k, rhs, p);
                    for (int j = 0; j < k; j++) {
                        p[j] *= scale[j];
                    }
                    double slope = dot(grad, p, k);
                    if (slope < 0 && allFinite(p, k)) {
                        return slope;
                    }
                    break;
                }
                tau = Math.max(10 * tau, SHIFT_FLOOR);
            }
            // steepest descent in the scaled variables (a diagonal Newton step where Hⱼⱼ > 0)
            for (int j = 0; j < k; j++) {
                p[j] = -scale[j] * scale[j] * grad[j];
            }
            return dot(grad, p, k);
        }

        /** max_j |gⱼ| / bⱼ, the gradient measured against the per-column tolerance. */
        private double relativeGradient(double[] g, int k) {
            double m = 0;
            for (int j = 0; j < k; j++) {
                m = Math.max(m, Math.abs(g[j]) / Math.max(strict[j], Double.MIN_NORMAL));
            }
            return m;
        }

        /**
         * ψ with derivatives at the trial point: with the Hessian, or without it when ψ prices it
         * separately (then asked for only where the search continues from there).
         */
        private double evaluateTrial(SubspaceObjective psi) {
            trialHessianMissing = separate;
            return separate ? psi.valueAndGradient(trial, gTrial) : psi.valueGradientHessian(trial, gTrial, hTrial);
        }

        private void acceptTrial() {
            hessianMissing = trialHessianMissing;
            double[] tmp = t;
            t = trial;
            trial = tmp;
            tmp = grad;
            grad = gTrial;
            gTrial = tmp;
            tmp = hess;
            hess = hTrial;
            hTrial = tmp;
        }

        private SubspaceSearchResult finish(SubspaceSearchStatus status, int k, double value, double gradientNorm,
                int iterations, int evaluations, boolean atZero) {
            double[] out = new double[k];
            if (!atZero) {
                System.arraycopy(t, 0, out, 0, k);
            }
            return new SubspaceSearchResult(status, out, value, gradientNorm, iterations, evaluations);
        }

        private static boolean usable(double[] w, int k) {
            boolean nonZero = false;
            for (int j = 0; j < k; j++) {
                if (!Double.isFinite(w[j])) {
                    return false;
                }
                nonZero |= w[j] != 0;
            }
            return nonZero;
        }

        private static boolean within(double[] g, double[] bound, int k) {
            for (int j = 0; j < k; j++) {
                if (!(Math.abs(g[j]) <= bound[j])) {
                    return false;
                }
            }
            return true;
        }

        private static boolean allFinite(double[] v, int k) {
            for (int j = 0; j < k; j++) {
                if (!Double.isFinite(v[j])) {
                    return false;
                }
            }
            return true;
        }

        private static double dot(double[] a, double[] b, int k) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += a[j] * b[j];
            }
            return s;
        }

        private static double norm(double[] v, int k) {
            return Math.sqrt(dot(v, v, k));
        }
    }
}
