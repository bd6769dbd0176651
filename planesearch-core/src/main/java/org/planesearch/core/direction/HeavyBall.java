package org.planesearch.core.direction;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;

/**
 * Polyak's heavy-ball momentum in PyTorch's momentum-buffer form:
 * <pre>
 *   v_k = β v_{k−1} + g_k        (v_{−1} = 0, so v_0 = g_0)
 *   d_k = −v_k
 * </pre>
 * With a fixed step α the update x_{k+1} = x_k − α v_k is exactly the classic heavy-ball method
 * x_{k+1} = x_k − α g_k + β (x_k − x_{k−1}) (Polyak 1964, "Some methods of speeding up the
 * convergence of iteration methods", USSR Comput. Math. Math. Phys. 4(5)), since
 * α v_{k−1} = x_{k−1} − x_k. With other step
 * rules the buffer is still v_k and the step rule only scales d_k; note that the buffer does not
 * know the step that was actually taken, so with a varying step size the update is no longer
 * Polyak's (use plane search over [−g, s₁] for per-iteration momentum rates instead).
 *
 * <p>Warning: −v_k need not be a descent direction (the momentum may point uphill after an
 * overshoot). A fixed step takes it as it is, as the classic method does; for a step rule that
 * requires descent ({@code StepRule.requiresDescentDirection()}: Armijo, Wolfe) the optimizer
 * replaces it by −g and resets the buffer.
 *
 * <p>Thread-safe (immutable); states are not.
 *
 * @param momentum β, in [0, 1); default 0.9. β = 0 gives {@link Gradient}.
 */
public record HeavyBall(double momentum) implements DirectionRule {

    public HeavyBall {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("HeavyBall: momentum must be in [0, 1), got " + momentum);
        }
    }

    /** β = 0.9, PyTorch's and most papers' choice. */
    public static HeavyBall defaults() {
        return new HeavyBall(0.9);
    }

    @Override
    public DirectionState newState(ParameterLayout layout) {
        if (layout == null) {
            throw new IllegalArgumentException("HeavyBall: layout must not be null");
        }
        return new State(momentum, layout.dimension());
    }

    @Override
    public String describe() {
        return "heavyball(momentum=" + Describe.number(momentum) + ")";
    }

    /** The momentum buffer v of one run. Not thread-safe. */
    public static final class State implements DirectionState {
        private final double momentum;
        /** v, the momentum buffer (zero after a reset). */
        private final double[] buffer;

        private State(double momentum, int dimension) {
            this.momentum = momentum;
            this.buffer = new double[dimension];
        }

        /** v ← βv + g; dOut ← −v. x, g: not modified. dOut: modified. */
        @Override
        public void direction(double[] x, double[] g, double[] dOut) {
            Vec.axpby(momentum, buffer, 1.0, g, buffer);
            Vec.scale(-1.0, buffer, dOut);
        }

        /** Ignored: the buffer is updated in {@link #direction}. */
        @Override
        public void update(double[] s, double[] y) {
        }

        /** v ← 0. */
        @Override
        public void reset() {
            Vec.fill(buffer, 0.0);
        }
    }
}
