package org.planesearch.core.spectrum;

import org.planesearch.core.linalg.Vec;

/**
 * The Lanczos process with full re-orthogonalisation: from a start vector r, an orthonormal
 * basis v₁ … vₘ of the Krylov space span{r, Hr, …, Hᵐ⁻¹r} and the symmetric tridiagonal
 * Tₘ = VₘᵀHVₘ (diagonal α₁…αₘ, off-diagonal β₁…βₘ₋₁), float64 throughout. It is Algorithm 1
 * of Ghorbani, Krishnan &amp; Xiao (2019) as their code implements it, plus a second
 * orthogonalisation pass and a breakdown test:
 * <pre>
 *   v₁ = r/‖r‖,  β₀ = 0
 *   for i = 1 … m:
 *     w = H vᵢ                                   (one product; ν = ‖w‖)
 *     w ← w − βᵢ₋₁ vᵢ₋₁;  αᵢ = wᵀvᵢ;  w ← w − αᵢ vᵢ          (three-term recurrence)
 *     for j = 1 … i−1:  w ← w − (wᵀvⱼ) vⱼ                    (full re-orthogonalisation, modified Gram–Schmidt)
 *     if ‖w‖ &lt; η ν:  for j = 1 … i:  c = wᵀvⱼ;  w ← w − c vⱼ;  αᵢ ← αᵢ + c [j = i]   (second pass)
 *     βᵢ = ‖w‖
 *     stop with BREAKDOWN if βᵢ ≤ tol · s,  s = max_{j≤i} ‖H vⱼ‖   (or if the second pass lost a factor η again)
 *     vᵢ₊₁ = w/βᵢ
 * </pre>
 *
 * <p><b>Full re-orthogonalisation.</b> In floating point the three-term recurrence alone loses
 * orthogonality as soon as a Ritz value converges (Paige 1971), producing spurious copies
 * ("ghosts") of converged eigenvalues, which would bias a density estimate towards its
 * outliers. Every new vector is therefore orthogonalised against all earlier ones, as in all the
 * authors' implementations and PyHessian. One Gram–Schmidt pass leaves an error proportional to
 * the cancellation it suffered; "twice is enough" (Kahan, in Parlett, <i>The Symmetric
 * Eigenvalue Problem</i>, 1980, §6.9; Giraud, Langou &amp; Rozložník 2005): a second pass is run
 * when the first dropped the norm below η = 1/√2 of ‖Hvᵢ‖ (the criterion of Daniel, Gragg,
 * Kaufman &amp; Stewart 1976), after which w is orthogonal to working precision; if the second
 * pass again drops the norm by η, w lies in the span to working precision and the run ends with
 * {@link LanczosStatus#BREAKDOWN}. The coefficient along vᵢ found by the second pass corrects
 * αᵢ; those along older vectors are rounding and are discarded (T stays tridiagonal). Cost per
 * step: one product plus 2i to 4i vector operations of length n; memory: the basis, up to
 * m·n doubles.
 *
 * <p><b>Breakdown.</b> βᵢ = 0 in exact arithmetic means the Krylov space is invariant: the
 * Ritz values are eigenvalues and the quadrature rule is exact. In floating point the test is
 * relative: βᵢ ≤ tol·s with s = maxⱼ ‖Hvⱼ‖ ≤ ‖H‖₂, a lower bound on the spectral norm that
 * approaches it within a few steps (Lanczos finds the extreme eigenvalues first). Every Ritz
 * pair then has a residual ‖Hy − θy‖ ≤ βᵢ ≤ tol·‖H‖, so tol is the relative accuracy at which
 * the run stops. The default 1e-10 lies well above the rounding level of βᵢ after a true
 * breakdown (about ε·‖H‖, times a modest factor) and well below any accuracy the callers need.
 * A run that breaks down returns T so far, cleanly, with status BREAKDOWN: never a division by
 * a tiny β, never a NaN (TF1 raised {@code ZeroDivisionError} here; JAX did not check).
 *
 * <p><b>Steps are clamped to the dimension.</b> A state for dimension n runs at most
 * min(steps, n) steps: in exact arithmetic the process cannot take more than n (βₙ = 0), and
 * asking for the default 90 steps on a 27-parameter Hessian (the case that made the authors'
 * JAX test flaky) simply yields the complete, exact decomposition. The result reports the steps
 * actually taken.
 *
 * <p><b>Non-finite products</b> end the run at once with {@link LanczosStatus#NON_FINITE}; the
 * result holds T up to the last finite step.
 *
 * <p>The record is immutable and thread-safe. A {@link State} owns the basis (rows of length n,
 * allocated the first time a step reaches them and reused by later runs of the same state) and
 * one scratch vector; steps allocate nothing else.
 *
 * <p>References: C. Lanczos, J. Res. Nat. Bur. Standards 45 (1950); Ghorbani, Krishnan &amp;
 * Xiao, "An Investigation into Neural Net Optimization via Hessian Eigenvalue Density", ICML
 * 2019, Algorithm 1; Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., 2013, §10.1.
 *
 * @param steps m, the most Lanczos steps (= products) per run, ≥ 1 (default 90)
 * @param breakdownTolerance tol of the relative breakdown test, in [0, 1) (default 1e-10); 0
 *     stops only when βᵢ is exactly 0 or the second pass finds w in the span
 */
public record Lanczos(int steps, double breakdownTolerance) {

    /** The default relative breakdown tolerance. */
    public static final double DEFAULT_BREAKDOWN_TOLERANCE = 1e-10;

    /** η: a pass that leaves less than this fraction of the norm is repeated (DGKS). */
    static final double REORTHOGONALIZATION_THRESHOLD = 1 / Math.sqrt(2);

    /**
     * A restart vector orthogonalised against the basis keeps less than this fraction of its norm
     * only when the basis spans the space (to working precision).
     */
    static final double RESTART_FLOOR = Math.sqrt(Math.ulp(1.0));

    public Lanczos {
        if (steps < 1) {
            throw new IllegalArgumentException("Lanczos: steps (m) must be >= 1, got " + steps);
        }
        if (!(breakdownTolerance >= 0 && breakdownTolerance < 1)) {
            throw new IllegalArgumentException("Lanczos: breakdownTolerance must be in [0, 1), got "
                    + breakdownTolerance);
        }
    }

    /** m = 90 steps (the authors' notebooks), breakdown tolerance 1e-10. */
    public static Lanczos defaults() {
        return new Lanczos(90, DEFAULT_BREAKDOWN_TOLERANCE);
    }

    /** m steps with the default breakdown tolerance. */
    public static Lanczos of(int steps) {
        return new Lanczos(steps, DEFAULT_BREAKDOWN_TOLERANCE);
    }

    /** A copy with another step count. */
    public Lanczos withSteps(int m) {
        return new Lanczos(m, breakdownTolerance);
    }

    /** A copy with another breakdown tolerance. */
    public Lanczos withBreakdownTolerance(double tolerance) {
        return new Lanczos(steps, tolerance);
    }

    /** Buffers for operators of the given dimension; the state runs min(steps, dimension) steps. */
    public State newState(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("Lanczos: dimension must be >= 1, got " + dimension);
        }
        return new State(this, dimension);
    }

    /** One run from {@code start} without keeping the basis; see {@link State#run}. */
    public LanczosResult run(SymmetricOperator op, double[] start) {
        return run(op, start, false);
    }

    /** One run from {@code start} in a fresh state; see {@link State#run}. */
    public LanczosResult run(SymmetricOperator op, double[] start, boolean keepBasis) {
        return newState(op.dimension()).run(op, start, keepBasis);
    }

    /**
     * The buffers and progress of Lanczos runs on operators of one dimension. A run is either
     * {@link #run} (all steps at once) or {@link #begin}, then {@link #advance} (possibly several
     * times, to grow m while checking convergence in between) and {@link #result}. Not
     * thread-safe.
     */
    public static final class State {
        private final Lanczos config;
        private final int n;
        private final int capacity;
        private final double[][] basis;
        private final double[] alphas;
        private final double[] betas;
        private final double[] w;
        private SymmetricOperator op;
        private int steps;
        private LanczosStatus status = LanczosStatus.COMPLETED;
        private double scale;
        private long products;

        private State(Lanczos config, int n) {
            this.config = config;
            this.n = n;
            this.capacity = Math.min(config.steps, n);
            this.basis = new double[capacity][];
            this.alphas = new double[capacity];
            this.betas = new double[capacity];
            this.w = new double[n];
        }

        /** The configuration this state runs. */
        public Lanczos config() {
            return config;
        }

        /** n, the operators' dimension. */
        public int dimension() {
            return n;
        }

        /** min(steps, n): the most steps a run of this state takes. */
        public int capacity() {
            return capacity;
        }

        /** Steps taken by the current run. */
        public int steps() {
            return steps;
        }

        /** The current run's status ({@link LanczosStatus#RUNNING} while it may take more steps). */
        public LanczosStatus status() {
            return status;
        }

        /** Products made by the current run, including a final non-finite one. */
        public long products() {
            return products;
        }

        /**
         * Runs min(steps, n) steps from {@code start} (or fewer, on breakdown or a non-finite
         * product) and returns the result.
         *
         * @param op H, of this state's dimension
         * @param start r, nonzero and finite, length n. Not modified.
         * @param keepBasis whether the result holds a copy of v₁ … vₘ (m·n doubles)
         */
        public LanczosResult run(SymmetricOperator op, double[] start, boolean keepBasis) {
            begin(op, start);
            advance(capacity);
            return result(keepBasis);
        }

        /**
         * Starts a run: v₁ = start/‖start‖; no product yet. Forgets any earlier run.
         *
         * @param op H, of this state's dimension; kept until the next begin
         * @param start r, nonzero and finite, length n. Not modified.
         */
        public void begin(SymmetricOperator op, double[] start) {
            if (op == null || op.dimension() != n) {
                throw new IllegalArgumentException("Lanczos: the operator has dimension "
                        + (op == null ? "null" : op.dimension()) + ", this state was made for " + n);
            }
            if (start.length != n) {
                throw new IllegalArgumentException("Lanczos: start has length " + start.length + ", expected " + n);
            }
            double norm = Vec.nrm2(start);
            if (!(norm > 0) || !Double.isFinite(norm)) {
                throw new IllegalArgumentException("Lanczos: start must be nonzero and finite, its norm is " + norm);
            }
            this.op = op;
            steps = 0;
            products = 0;
            scale = 0;
            status = LanczosStatus.RUNNING;
            normalizeInto(start, norm, row(0));
        }

        /**
         * Takes steps until {@code target} steps (clamped to {@link #capacity()}) have been taken
         * in this run, or it breaks down, or a product is not finite. Does nothing once the run
         * has ended.
         *
         * @return the status: {@link LanczosStatus#RUNNING} if the target was reached below the
         *     capacity (the run can be advanced further), else how it ended
         */
        public LanczosStatus advance(int target) {
            if (op == null) {
                throw new IllegalStateException("Lanczos: advance before begin");
            }
            int until = Math.min(target, capacity);
            while (status == LanczosStatus.RUNNING && steps < until) {
                step();
            }
            return status;
        }

        /**
         * After a breakdown, continues the run in the orthogonal complement of the basis from
         * a new vector (orthogonalised against the basis, two passes): T becomes block
         * diagonal (the coupling βᵢ is set to 0; the true one was ≤ tol·s). Used to find
         * eigenvalues that the first Krylov space cannot see, such as the other copies of a
         * multiple eigenvalue. Not for quadrature: the first block alone is the Gauss rule of
         * the start vector.
         *
         * @param vector any vector of length n, finite. Not modified.
         * @return false, leaving the run ended, when the state is full or the vector lies in the
         *     span of the basis to working precision (the basis then spans an invariant
         *     subspace that contains it; for a random vector, the whole space)
         */
        public boolean restart(double[] vector) {
            if (status != LanczosStatus.BREAKDOWN) {
                throw new IllegalStateException("Lanczos: restart is only for a run that broke down, this one is "
                        + status);
            }
            if (vector.length != n || !Vec.allFinite(vector)) {
                throw new IllegalArgumentException("Lanczos: the restart vector must be finite with length " + n);
            }
            if (steps >= capacity) {
                return false;
            }
            double before = Vec.nrm2(vector);
            double[] v = row(steps);
            System.arraycopy(vector, 0, v, 0, n);
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < steps; j++) {
                    Vec.axpy(-Vec.dot(v, basis[j], n), basis[j], v);
                }
            }
            double norm = Vec.nrm2(v);
            if (!(norm > RESTART_FLOOR * before)) {
                return false;
            }
            normalizeInto(v, norm, v);
            betas[steps - 1] = 0;
            status = LanczosStatus.RUNNING;
            return true;
        }

        /**
         * The current run as a result record (copies).
         *
         * @param keepBasis whether to copy the basis v₁ … vₘ into the result
         */
        public LanczosResult result(boolean keepBasis) {
            if (op == null) {
                throw new IllegalStateException("Lanczos: result before begin");
            }
            double[] a = new double[steps];
            System.arraycopy(alphas, 0, a, 0, steps);
            double[] b = new double[Math.max(steps - 1, 0)];
            System.arraycopy(betas, 0, b, 0, b.length);
            double residual = steps > 0 ? betas[steps - 1] : Double.NaN;
            double[][] v = null;
            if (keepBasis) {
                v = new double[steps][];
                for (int i = 0; i < steps; i++) {
                    v[i] = basis[i].clone();
                }
            }
            // a run advanced to a target below the capacity has taken all the steps asked for
            LanczosStatus s = status == LanczosStatus.RUNNING ? LanczosStatus.COMPLETED : status;
            return new LanczosResult(a, b, residual, steps, s, products, v);
        }

        /** Basis vector i (0-based) of the current run, the state's own array: read only. */
        double[] basisVector(int i) {
            return basis[i];
        }

        /** αᵢ₊₁ (0-based i) of the current run. */
        double alpha(int i) {
            return alphas[i];
        }

        /** βᵢ₊₁ (0-based i): the coupling of vectors i and i+1, or the residual norm for the last step. */
        double beta(int i) {
            return betas[i];
        }

        /** One Lanczos step; see the class comment. */
        private void step() {
            int i = steps;
            double[] v = basis[i];
            op.apply(v, w);
            products++;
            double hvNorm = Vec.nrm2(w);
            if (!Double.isFinite(hvNorm)) {
                status = LanczosStatus.NON_FINITE;
                return;
            }
            scale = Math.max(scale, hvNorm);
            if (i > 0) {
                Vec.axpy(-betas[i - 1], basis[i - 1], w);
            }
            double alpha = Vec.dot(w, v, n);
            Vec.axpy(-alpha, v, w);
            for (int j = 0; j < i; j++) {
                Vec.axpy(-Vec.dot(w, basis[j], n), basis[j], w);
            }
            double norm = Vec.nrm2(w);
            boolean vanished = false;
            if (norm < REORTHOGONALIZATION_THRESHOLD * hvNorm) {
                for (int j = 0; j <= i; j++) {
                    double c = Vec.dot(w, basis[j], n);
                    Vec.axpy(-c, basis[j], w);
                    if (j == i) {
                        alpha += c;
                    }
                }
                double again = Vec.nrm2(w);
                vanished = again < REORTHOGONALIZATION_THRESHOLD * norm;
                norm = again;
            }
            alphas[i] = alpha;
            betas[i] = norm;
            steps = i + 1;
            if (vanished || norm <= config.breakdownTolerance * scale) {
                status = LanczosStatus.BREAKDOWN;
                return;
            }
            if (steps == capacity) {
                status = LanczosStatus.COMPLETED;
                return;
            }
            normalizeInto(w, norm, row(steps));
        }

        /** Basis row i, allocated on first use. */
        private double[] row(int i) {
            if (basis[i] == null) {
                basis[i] = new double[n];
            }
            return basis[i];
        }

        /** out = x / norm (out may alias x). */
        private static void normalizeInto(double[] x, double norm, double[] out) {
            double inverse = 1 / norm;
            if (Double.isFinite(inverse)) {
                Vec.scale(inverse, x, out);
            } else {
                for (int k = 0; k < x.length; k++) { // a subnormal norm: divide to avoid overflow
                    out[k] = x[k] / norm;
                }
            }
        }
    }
}
