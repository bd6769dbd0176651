package org.planesearch.core.stochastic;

import java.util.Set;
import org.planesearch.core.direction.DirectionRule;
import org.planesearch.core.direction.DirectionState;
import org.planesearch.core.direction.LayerScaling;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.text.Numbers;

/**
 * The classic mini-batch methods: a direction rule (the negative gradient, heavy-ball momentum,
 * Nesterov, Adam, AdaGrad-Norm) with a fixed learning rate η, and optional decoupled weight
 * decay w (Loshchilov and Hutter 2019, "Decoupled weight decay regularization", ICLR: AdamW):
 * <pre>
 *   x ← x + η d − η w x        (d from the direction rule on the batch gradient)
 * </pre>
 * SGD = {@code gd}, SGD with momentum = {@code heavyball}, AdamW = {@code adam} with w &gt; 0,
 * AdaGrad-Norm = {@code adagradnorm} with η the paper's global step (default 1). The weight
 * decay applies to every entry; use the objective's λ for an L2 penalty on weights only.
 * One gradient per step. Immutable.
 *
 * <p>Rates reported: η ({@code learning rate}); for a direction whose state scales each layer by
 * a factor of its own ({@link LayerScaling}: per-layer AdaGrad-Norm, d_l = −g_l/b_l), the
 * effective rate of every layer, η·φ_l = η/b_l ({@code <layer> learning rate}).
 *
 * @param direction the direction rule
 * @param learningRate η &gt; 0
 * @param weightDecay w ≥ 0
 */
public record FixedRate(DirectionRule direction, double learningRate, double weightDecay) implements StochasticRule {

    public FixedRate {
        if (direction == null) {
            throw new IllegalArgumentException("FixedRate: direction must not be null");
        }
        if (!(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
        }
        if (!(weightDecay >= 0 && weightDecay < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + weightDecay);
        }
    }

    @Override
    public StochasticState newState(ParameterLayout layout, long seed) {
        return new State(direction.newState(layout), layout);
    }

    @Override
    public String describe() {
        return direction.describe() + " + fixed(learningRate=" + Numbers.shortest(learningRate)
                + (weightDecay > 0 ? ", weightDecay=" + Numbers.shortest(weightDecay) : "") + ")";
    }

    private final class State implements StochasticState {
        private final DirectionState directionState;
        /** The direction state as per-layer scaling, or null when it scales all entries alike. */
        private final LayerScaling layerScaling;
        private final String[] names;
        private final double[] gradient;
        private final double[] d;
        private final double[] rates;

        State(DirectionState directionState, ParameterLayout layout) {
            this.directionState = directionState;
            this.layerScaling = directionState instanceof LayerScaling s ? s : null;
            int dim = layout.dimension();
            this.gradient = new double[dim];
            this.d = new double[dim];
            if (layerScaling == null) {
                this.names = new String[] {"learning rate"};
                this.rates = new double[] {learningRate};
            } else {
                int count = layout.layerCount();
                this.names = new String[count];
                for (int l = 0; l < count; l++) {
                    names[l] = layout.layer(l).name() + " learning rate";
                }
                this.rates = new double[count];
            }
        }

        @Override
        public BatchStep step(Objective batch, double[] x) {
            double f = batch.valueAndGradient(x, gradient);
            directionState.direction(x, gradient, d);
            double keep = 1 - learningRate * weightDecay;
            for (int i = 0; i < x.length; i++) {
                x[i] = keep * x[i] + learningRate * d[i];
            }
            if (layerScaling == null) {
                return new BatchStep(f, rates, 0, 1, 0, Set.of());
            }
            layerScaling.layerFactors(rates);
            Vec.scal(learningRate, rates);
            return new BatchStep(f, rates.clone(), 0, 1, 0, Set.of());
        }

        @Override
        public String[] rateNames() {
            return names.clone();
        }
    }
}
