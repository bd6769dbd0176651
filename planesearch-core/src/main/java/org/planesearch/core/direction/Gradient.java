package org.planesearch.core.direction;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;

/**
 * The negative gradient, the direction of gradient descent:
 * <pre>
 *   d_k = −g_k
 * </pre>
 * It has no parameters and no history. With a fixed step α it is gradient descent
 * x_{k+1} = x_k − α g_k (Cauchy 1847); with line optimization it is steepest descent with exact
 * line search; with plane search over [d, s₁] it is gradient descent with per-iteration learning
 * and momentum rates. Written {@code gd} in method names.
 *
 * <p>Thread-safe (immutable); its state holds nothing.
 */
public record Gradient() implements DirectionRule {

    /** The only configuration. */
    public static Gradient defaults() {
        return new Gradient();
    }

    @Override
    public DirectionState newState(ParameterLayout layout) {
        if (layout == null) {
            throw new IllegalArgumentException("Gradient: layout must not be null");
        }
        return new State(layout.dimension());
    }

    @Override
    public String describe() {
        return "gd";
    }

    /** The (empty) state of a {@link Gradient} rule. */
    public static final class State implements DirectionState {
        private final int dimension;

        private State(int dimension) {
            this.dimension = dimension;
        }

        /** dOut ← −g. x, g: not modified. dOut: modified. */
        @Override
        public void direction(double[] x, double[] g, double[] dOut) {
            if (g.length != dimension) {
                throw new IllegalArgumentException("Gradient: g has length " + g.length + ", layout has " + dimension);
            }
            Vec.scale(-1.0, g, dOut);
        }

        /** Ignored: the gradient keeps no curvature pairs. */
        @Override
        public void update(double[] s, double[] y) {
        }

        /** Nothing to forget. */
        @Override
        public void reset() {
        }
    }
}
