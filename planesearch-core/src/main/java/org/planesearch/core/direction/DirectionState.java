package org.planesearch.core.direction;

/**
 * The mutable state of one {@link DirectionRule} in one run. Not thread-safe, never shared.
 *
 * <p>Per iteration the optimizer calls {@link #direction} once, then, after the step is
 * accepted, {@link #update} with the step and the change of gradient.
 */
public interface DirectionState {

    /**
     * Writes the direction at x (gradient g) into dOut. May update internal moments (Adam,
     * AdaGrad-Norm, momentum buffers). x, g: not modified. dOut: modified.
     */
    void direction(double[] x, double[] g, double[] dOut);

    /**
     * Records an accepted step s = x_{k+1} − x_k and y = ∇f(x_{k+1}) − ∇f(x_k). Rules that keep
     * no curvature pairs ignore it. s, y: not modified (copy what you keep).
     */
    void update(double[] s, double[] y);

    /** Forgets all history, as after a non-descent direction or a failed step. */
    void reset();
}
