package org.planesearch.core.direction;

import org.planesearch.core.text.Numbers;

import org.planesearch.core.layout.ParameterLayout;

/**
 * Nesterov's accelerated gradient in PyTorch's momentum-buffer form (Sutskever, Martens, Dahl
 * and Hinton 2013, "On the importance of initialization and momentum in deep learning", eq. (3)–(4),
 * rewritten at the look-ahead point as in {@code torch.optim.SGD(nesterov=True)}):
 * <pre>
 *   v_k = β v_{k−1} + g_k        (v_{−1} = 0)
 *   d_k = −(g_k + β v_k)
 * </pre>
 * With a fixed step α this is Nesterov's method (1983) in the variables PyTorch uses.
 *
 * <p>Warning: d_k need not be a descent direction (the momentum may point uphill after an
 * overshoot). A fixed step takes it as it is, as the classic method does; for a step rule that
 * requires descent ({@code StepRule.requiresDescentDirection()}: Armijo, Wolfe) the optimizer
 * replaces it by −g and resets the buffer.
 *
 * <p>Thread-safe (immutable); states are not.
 *
 * @param momentum β, in [0, 1); default 0.9. β = 0 gives {@link Gradient}.
 */
public record Nesterov(double momentum) implements DirectionRule {

    public Nesterov {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("Nesterov: momentum must be in [0, 1), got " + momentum);
        }
    }

    /** β = 0.9. */
    public static Nesterov defaults() {
        return new Nesterov(0.9);
    }

    @Override
    public DirectionState newState(ParameterLayout layout) {
        if (layout == null) {
            throw new IllegalArgumentException("Nesterov: layout must not be null");
        }
        return new MomentumState(momentum, true, layout.dimension());
    }

    @Override
    public String describe() {
        return "nesterov(momentum=" + Numbers.shortest(momentum) + ")";
    }
}
