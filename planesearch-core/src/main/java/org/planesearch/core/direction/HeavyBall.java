package org.planesearch.core.direction;

import org.planesearch.core.text.Numbers;

import org.planesearch.core.layout.ParameterLayout;

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
        return new MomentumState(momentum, false, layout.dimension());
    }

    @Override
    public String describe() {
        return "heavyball(momentum=" + Numbers.shortest(momentum) + ")";
    }
}
