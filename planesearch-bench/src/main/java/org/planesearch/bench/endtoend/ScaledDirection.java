package org.planesearch.bench.endtoend;

import org.planesearch.core.direction.DirectionRule;
import org.planesearch.core.direction.DirectionState;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.text.Numbers;

/**
 * A direction rule times a constant: the "base learning rate" of a direction whose step a
 * subspace rule chooses (for example Adam's −lr·m̂/(√v̂ + ε) under plane search). Used by the
 * insensitivity benchmark: a step rule that absorbs the scale gives the same run whatever lr is.
 * Immutable; states are not thread-safe.
 */
public record ScaledDirection(DirectionRule inner, double scale) implements DirectionRule {

    public ScaledDirection {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
        }
    }

    @Override
    public DirectionState newState(ParameterLayout layout) {
        DirectionState state = inner.newState(layout);
        return new DirectionState() {
            @Override
            public void direction(double[] x, double[] g, double[] dOut) {
                state.direction(x, g, dOut);
                for (int i = 0; i < dOut.length; i++) {
                    dOut[i] *= scale;
                }
            }

            @Override
            public void update(double[] s, double[] y) {
                state.update(s, y);
            }

            @Override
            public void reset() {
                state.reset();
            }
        };
    }

    @Override
    public String describe() {
        return Numbers.shortest(scale) + "·" + inner.describe();
    }
}
