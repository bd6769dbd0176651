package org.planesearch.core.direction;

import org.planesearch.core.linalg.Vec;

/**
 * The momentum buffer of {@link HeavyBall} and {@link Nesterov} for one run: v ← βv + g, then
 * d = −v (heavy ball) or d = −(g + βv) (Nesterov). Not thread-safe.
 */
final class MomentumState implements DirectionState {
    private final double momentum;
    private final boolean lookAhead;
    /** v, the momentum buffer (zero after a reset). */
    private final double[] buffer;

    MomentumState(double momentum, boolean lookAhead, int dimension) {
        this.momentum = momentum;
        this.lookAhead = lookAhead;
        this.buffer = new double[dimension];
    }

    /** v ← βv + g; dOut ← −v, or −(g + βv) with look-ahead. x, g: not modified. dOut: modified. */
    @Override
    public void direction(double[] x, double[] g, double[] dOut) {
        Vec.axpby(momentum, buffer, 1.0, g, buffer);
        if (lookAhead) {
            Vec.axpby(-1.0, g, -momentum, buffer, dOut);
        } else {
            Vec.scale(-1.0, buffer, dOut);
        }
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
