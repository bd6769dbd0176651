package org.planesearch.core.direction;

import org.planesearch.core.text.Numbers;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;

/**
 * Limited-memory BFGS: d_k = −H_k g_k, where H_k is the BFGS inverse-Hessian approximation built
 * from the last m accepted curvature pairs (s_i, y_i), s_i = x_{i+1} − x_i, y_i = g_{i+1} − g_i,
 * applied by the two-loop recursion (Nocedal and Wright 2006, "Numerical Optimization", 2nd ed.,
 * Algorithm 7.4; Nocedal 1980, "Updating quasi-Newton matrices with limited storage"):
 * <pre>
 *   q ← g
 *   for i = k−1, …, k−m:   α_i ← ρ_i s_iᵀq;   q ← q − α_i y_i          (ρ_i = 1 / y_iᵀs_i)
 *   r ← γ q,   γ = s_{k−1}ᵀy_{k−1} / y_{k−1}ᵀy_{k−1}                     (H₀ = γI, eq. (7.20))
 *   for i = k−m, …, k−1:   β ← ρ_i y_iᵀr;     r ← r + (α_i − β) s_i
 *   d ← −r
 * </pre>
 * With no pair stored (first iteration, after a reset) d = −g.
 *
 * <p><b>Cautious update.</b> A pair is stored only if
 * <pre>
 *   s_iᵀy_i &gt; ε ‖s_i‖ ‖y_i‖       (and every quantity is finite)
 * </pre>
 * that is, if the cosine between s and y exceeds ε; otherwise it is skipped and the memory is
 * left as it was. This keeps H_k positive definite (so d is a descent direction) on non-convex
 * problems and after inexact steps. It is in the spirit of Li and Fukushima (2001), "On the
 * global convergence of the BFGS method for nonconvex unconstrained optimization problems",
 * SIAM J. Optim. 11(4), whose test is s_iᵀy_i / ‖s_i‖² ≥ ε‖g‖^α; we use the cosine form because
 * it is invariant to the scale of x and of f. The default ε = 1e-10 matches minFunc's skipping
 * constant; it only rejects pairs of non-positive or numerically zero curvature (a convex
 * quadratic with condition number κ has cos(s, y) ≥ 2√κ/(κ + 1), far above 1e-10).
 *
 * <p>Composes with any step rule: with strong Wolfe (c₂ &lt; 1) every pair has positive
 * curvature on smooth problems; with line optimization on a quadratic, L-BFGS generates the
 * conjugate-gradient iterates and ends in at most n iterations. The pairs are the accepted steps,
 * whatever subspace the step rule searched (for plane search s = α d + β s₁).
 *
 * <p>Cost: O(m·n) per direction, no allocation. Memory: 2·m·n doubles, allocated by
 * {@link #newState}. Thread-safe (immutable); states are not.
 *
 * @param memory m, the number of pairs kept, ≥ 1; default 10
 * @param curvatureThreshold ε, the smallest cosine between s and y for a pair to be stored, in
 *     [0, 1); default 1e-10
 */
public record Lbfgs(int memory, double curvatureThreshold) implements DirectionRule {

    public Lbfgs {
        if (memory < 1) {
            throw new IllegalArgumentException("Lbfgs: memory must be >= 1, got " + memory);
        }
        if (!(curvatureThreshold >= 0 && curvatureThreshold < 1)) {
            throw new IllegalArgumentException("Lbfgs: curvatureThreshold must be in [0, 1), got " + curvatureThreshold);
        }
    }

    /** m = 10 (SciPy's and minFunc's order of magnitude), ε = 1e-10. */
    public static Lbfgs defaults() {
        return new Lbfgs(10, 1e-10);
    }

    @Override
    public DirectionState newState(ParameterLayout layout) {
        if (layout == null) {
            throw new IllegalArgumentException("Lbfgs: layout must not be null");
        }
        return new State(this, layout.dimension());
    }

    @Override
    public String describe() {
        return "lbfgs(memory=" + memory + ", curvatureThreshold=" + Numbers.shortest(curvatureThreshold) + ")";
    }

    /**
     * The curvature pairs of one run, in ring buffers allocated once. Names map to Nocedal and
     * Wright's: {@code s[slot]} = s_i, {@code y[slot]} = y_i, {@code rho[slot]} = ρ_i,
     * {@code alpha[slot]} = α_i of the first loop, {@code gamma} = γ. Not thread-safe.
     */
    public static final class State implements DirectionState {
        private final int memory;
        private final double threshold;
        private final double[][] s;
        private final double[][] y;
        private final double[] rho;
        private final double[] alpha;
        /** Slot of the newest pair. */
        private int newest = -1;
        /** Pairs stored, ≤ memory. */
        private int count;
        private double gamma = 1.0;
        private long skipped;

        private State(Lbfgs rule, int dimension) {
            this.memory = rule.memory();
            this.threshold = rule.curvatureThreshold();
            this.s = new double[memory][dimension];
            this.y = new double[memory][dimension];
            this.rho = new double[memory];
            this.alpha = new double[memory];
        }

        /** dOut ← −H g by the two-loop recursion. x, g: not modified. dOut: modified (q, then r, then d). */
        @Override
        public void direction(double[] x, double[] g, double[] dOut) {
            Vec.copy(g, dOut);
            for (int i = 0; i < count; i++) {
                int slot = slot(i);
                alpha[slot] = rho[slot] * Vec.dot(s[slot], dOut);
                Vec.axpy(-alpha[slot], y[slot], dOut);
            }
            Vec.scal(gamma, dOut);
            for (int i = count - 1; i >= 0; i--) {
                int slot = slot(i);
                double beta = rho[slot] * Vec.dot(y[slot], dOut);
                Vec.axpy(alpha[slot] - beta, s[slot], dOut);
            }
            Vec.scal(-1.0, dOut);
        }

        /**
         * Stores (s, y) as the newest pair, dropping the oldest when m are stored, unless the
         * cautious test sᵀy &gt; ε‖s‖‖y‖ fails (then the pair is skipped and counted). s, y: not
         * modified (copied).
         */
        @Override
        public void update(double[] sNew, double[] yNew) {
            double sy = Vec.dot(sNew, yNew);
            double yy = Vec.dot(yNew, yNew);
            double ss = Vec.dot(sNew, sNew);
            if (!(Double.isFinite(sy) && Double.isFinite(yy) && Double.isFinite(ss)
                    && sy > threshold * Math.sqrt(ss) * Math.sqrt(yy) && sy > 0)) {
                skipped++;
                return;
            }
            newest = (newest + 1) % memory;
            Vec.copy(sNew, s[newest]);
            Vec.copy(yNew, y[newest]);
            rho[newest] = 1.0 / sy;
            gamma = sy / yy;
            if (count < memory) {
                count++;
            }
        }

        /** Forgets every pair: the next direction is −g. */
        @Override
        public void reset() {
            newest = -1;
            count = 0;
            gamma = 1.0;
        }

        /** Pairs stored now (≤ m). */
        public int pairs() {
            return count;
        }

        /** Pairs rejected by the cautious test since the state was created. */
        public long skippedPairs() {
            return skipped;
        }

        /** γ = sᵀy/yᵀy of the newest pair (1 when none is stored), the scale of H₀ = γI. */
        public double initialScale() {
            return gamma;
        }

        /** Slot of the i-th newest pair (i = 0 is the newest). */
        private int slot(int i) {
            int k = newest - i;
            return k < 0 ? k + memory : k;
        }
    }
}
