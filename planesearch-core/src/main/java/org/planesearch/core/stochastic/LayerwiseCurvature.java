package org.planesearch.core.stochastic;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.planesearch.core.direction.DirectionRule;
import org.planesearch.core.direction.DirectionState;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.CurvatureKind;
import org.planesearch.core.objective.LayerCurvature;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.text.Numbers;

/**
 * Layer-wise curvature step sizes (after Bahamou and Goldfarb, arXiv 2305.13664, "layer-wise
 * adaptive step-sizes for stochastic first-order methods"; the update below is our
 * reconstruction, see the spec "layerwise-and-adaptive-steps" §A.2): a base direction rule
 * (heavy-ball momentum: SGD-m; Adam: AdamW) gives p = −d, and each layer l takes the exact
 * minimiser of its own diagonal block's quadratic model on the batch,
 * <pre>
 *   α_l = N_l / D_l,   N_l ← β N_l + (1−β) g_lᵀp_l,   D_l ← β D_l + (1−β) (p_lᵀB_ll p_l + δ‖p_l‖²)
 *   x_l ← x_l − κ α_l p_l − α_l w x_l
 * </pre>
 * with B the curvature of {@link CurvatureKind} (default AUTO: exact Gauss–Newton blocks for
 * shallow networks, the sampled Fisher for deep ones: about one extra gradient for all layers),
 * β the averaging of the numerators and denominators (noise), δ an optional damping, w decoupled
 * weight decay. Without averaging, on a quadratic with exact blocks, α_l is exactly
 * argmin_α of the block model m_l(α) = f − α g_lᵀp_l + ½α² p_lᵀH_ll p_l.
 *
 * <p><b>Safeguards</b> (each one logged as a {@link StepEvent}):
 * <ol>
 *   <li>Negative curvature or a non-descent layer direction (N_l ≤ 0 or D_l ≤ 0): the layer keeps
 *       its previous α_l ({@code initialRate} before the first valid one) —
 *       {@link StepEvent#KEPT_PREVIOUS_RATE}.</li>
 *   <li>Bounds: α_l is clipped to [0, maxRate] — {@link StepEvent#RATE_CLIPPED}.</li>
 *   <li>Coupling between layers: independent exact layer steps are a block-Jacobi step and can
 *       diverge when the layers are coupled (the spec's case H = 0.1 I + 0.9·11ᵀ: f grows ×3.2 per
 *       step). The oracle gives the whole projected matrix C_lm = p_lᵀB p_m at no extra cost, so
 *       the joint step s = Σ α_l p_l is checked against the batch's quadratic model: the common
 *       factor κ = min(1, gᵀs / sᵀBs) (the model's minimiser along s, never above 1) scales all
 *       layers — {@link StepEvent#COUPLING_SHRUNK} when κ &lt; 1. If gᵀs ≤ 0 the model predicts no
 *       decrease and the step is skipped — {@link StepEvent#STEP_SKIPPED} (the momentum buffer
 *       keeps accumulating). We shrink whenever κ &lt; 1 rather than only when the model predicts
 *       an increase (the spec's test, κ ≤ ½): the stronger rule costs nothing and never lets the
 *       joint step pass the model's minimiser. For an indefinite C (Hessian kind) with sᵀBs ≤ 0,
 *       κ = 1.</li>
 *   <li>Noise: the averages above (β = 0.9 by default; 0 turns averaging off); and a period T:
 *       the curvature is measured every T steps, the α_l kept in between (κ = 1 then).</li>
 * </ol>
 * Objectives that do not implement {@link LayerCurvature} get exact Hessian blocks by one
 * Hessian-vector product per layer (for generalized linear models the Hessian is the
 * Gauss–Newton matrix).
 *
 * @param direction the base direction rule (heavyball for SGD-m, adam for AdamW)
 * @param curvature what B is
 * @param averaging β ∈ [0, 1)
 * @param maxRate upper bound on every α_l, &gt; 0
 * @param damping δ ≥ 0
 * @param period T ≥ 1
 * @param initialRate α_l before the first valid curvature step, &gt; 0
 * @param weightDecay w ≥ 0 (decoupled, AdamW-style)
 * @param coupling whether the cross-layer safeguard runs
 */
public record LayerwiseCurvature(DirectionRule direction, CurvatureKind curvature, double averaging, double maxRate,
                                 double damping, boolean adaptiveDamping, int period, double initialRate, double weightDecay,
                                 boolean coupling, boolean previousDirection) implements StochasticRule {

    /** Factor by which the adaptive damping grows (ρ &lt; ¼) or shrinks (ρ &gt; ¾); squared on a rejected step. */
    public static final double DAMPING_FACTOR = 1.5;
    /** Bounds of the adaptive damping δ. */
    public static final double MIN_DAMPING = 1e-6;
    public static final double MAX_DAMPING = 1e6;

    public LayerwiseCurvature {
        if (direction == null || curvature == null) {
            throw new IllegalArgumentException("LayerwiseCurvature: direction and curvature must not be null");
        }
        if (!(averaging >= 0 && averaging < 1)) {
            throw new IllegalArgumentException("layer-wise averaging must be in [0, 1), got " + averaging);
        }
        if (!(maxRate > 0)) {
            throw new IllegalArgumentException("layer-wise max rate must be > 0, got " + maxRate);
        }
        if (!(damping >= 0 && damping <= MAX_DAMPING)) {
            throw new IllegalArgumentException("layer-wise damping must be in [0, " + MAX_DAMPING + "], got " + damping);
        }
        if (period < 1) {
            throw new IllegalArgumentException("layer-wise period must be >= 1, got " + period);
        }
        if (!(initialRate > 0 && initialRate <= maxRate)) {
            throw new IllegalArgumentException("layer-wise initial rate must be in (0, maxRate], got " + initialRate);
        }
        if (!(weightDecay >= 0 && weightDecay < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + weightDecay);
        }
    }

    /**
     * AUTO curvature, β = 0.9, maxRate 10, adaptive damping from δ₀ = 10⁻³, T = 1, initial rate
     * 10⁻³, no weight decay, coupling safeguard on.
     */
    public static LayerwiseCurvature defaults(DirectionRule direction) {
        return new LayerwiseCurvature(direction, CurvatureKind.AUTO, 0.9, 10, 1e-3, true, 1, 1e-3, 0, true, true);
    }

    /** The same rule with another weight decay. */
    public LayerwiseCurvature withWeightDecay(double w) {
        return new LayerwiseCurvature(direction, curvature, averaging, maxRate, damping, adaptiveDamping, period, initialRate, w, coupling, previousDirection);
    }

    /** The same rule with another curvature. */
    public LayerwiseCurvature withCurvature(CurvatureKind kind) {
        return new LayerwiseCurvature(direction, kind, averaging, maxRate, damping, adaptiveDamping, period, initialRate, weightDecay, coupling, previousDirection);
    }

    /** The same rule with another averaging β. */
    public LayerwiseCurvature withAveraging(double beta) {
        return new LayerwiseCurvature(direction, curvature, beta, maxRate, damping, adaptiveDamping, period, initialRate, weightDecay, coupling, previousDirection);
    }

    /** The same rule measuring along the previous step's direction (true) or the current one (false). */
    public LayerwiseCurvature withPreviousDirection(boolean on) {
        return new LayerwiseCurvature(direction, curvature, averaging, maxRate, damping, adaptiveDamping, period, initialRate,
                weightDecay, coupling, on);
    }

    /** The same rule with the coupling safeguard on or off. */
    public LayerwiseCurvature withCoupling(boolean on) {
        return new LayerwiseCurvature(direction, curvature, averaging, maxRate, damping, adaptiveDamping, period, initialRate, weightDecay, on, previousDirection);
    }

    @Override
    public StochasticState newState(ParameterLayout layout, long seed) {
        return new State(layout, direction.newState(layout), new SplittableRandom(seed));
    }

    @Override
    public String describe() {
        return direction.describe() + " + layerwise(curvature=" + curvature.id() + ", averaging=" + Numbers.shortest(averaging)
                + ", maxRate=" + Numbers.shortest(maxRate) + ", damping=" + Numbers.shortest(damping)
                + (adaptiveDamping ? " adaptive" : "") + ", period=" + period
                + ", coupling=" + coupling + (previousDirection ? ", measured along the previous direction" : "") + (weightDecay > 0 ? ", weightDecay=" + Numbers.shortest(weightDecay) : "") + ")";
    }

    /** One run's averages and rates. Not thread-safe. */
    final class State implements StochasticState {
        private final List<ParameterLayout.Layer> layers;
        private final ParameterLayout layout;
        private final DirectionState directionState;
        private final SplittableRandom random;
        private final double[] gradient;
        private final double[] d;
        private final double[] p;
        private final double[] matrix;
        private final double[] numerator;
        private final double[] denominator;
        private final double[] rates;
        private final double[] applied;
        private final double[] slope;
        private final double[] norms;
        private final double[] before;
        private double delta;
        private final double[] probe;
        private boolean haveProbe;
        private long steps;

        State(ParameterLayout layout, DirectionState directionState, SplittableRandom random) {
            this.layout = layout;
            this.layers = layout.layers();
            this.directionState = directionState;
            this.random = random;
            int dim = layout.dimension();
            int count = layers.size();
            gradient = new double[dim];
            d = new double[dim];
            p = new double[dim];
            matrix = new double[count * count];
            numerator = new double[count];
            denominator = new double[count];
            rates = new double[count];
            java.util.Arrays.fill(rates, initialRate);
            applied = new double[count];
            slope = new double[count];
            norms = new double[count];
            before = adaptiveDamping ? new double[dim] : null;
            delta = damping;
            probe = new double[dim];
        }

        @Override
        public BatchStep step(Objective batch, double[] x) {
            int count = layers.size();
            Set<StepEvent> events = EnumSet.noneOf(StepEvent.class);
            double f = batch.valueAndGradient(x, gradient);
            directionState.direction(x, gradient, d);
            // the step moves along p = −d; the model (slopes, curvature) is measured along q: p
            // itself, or with independent batches the previous step's p (made from earlier batches)
            double[] q = previousDirection && haveProbe ? probe : p;
            Vec.scale(-1.0, d, p);
            int curvatures = 0;
            int values = 0;
            double kappa = 1;
            double predicted = Double.NaN;
            double pp = 0;
            for (int l = 0; l < count; l++) {
                ParameterLayout.Layer layer = layers.get(l);
                slope[l] = Vec.dot(gradient, q, layer.offset(), layer.length());
                norms[l] = Vec.dot(q, q, layer.offset(), layer.length());
                pp += norms[l];
            }
            boolean measure = steps % period == 0;
            steps++;
            if (measure) {
                if (batch instanceof LayerCurvature oracle) {
                    oracle.layerCurvature(x, q, curvature, random, matrix);
                    curvatures = 1;
                } else {
                    LayerCurvature.byHessianProducts(batch, layout, x, q, matrix);
                    curvatures = count;
                }
                double trace = 0;
                for (int l = 0; l < count; l++) {
                    trace += matrix[l * count + l];
                }
                // the damping's scale: the mean curvature per unit of ‖p‖² along the layer directions
                double scale = pp > 0 && trace > 0 && Double.isFinite(trace) ? trace / pp : 0;
                for (int l = 0; l < count; l++) {
                    numerator[l] = averaging * numerator[l] + (1 - averaging) * slope[l];
                    denominator[l] = averaging * denominator[l] + (1 - averaging) * matrix[l * count + l];
                    double den = denominator[l] + delta * scale * norms[l];
                    double a = numerator[l] / den;
                    if (!(numerator[l] > 0 && den > 0 && Double.isFinite(a))) {
                        events.add(StepEvent.KEPT_PREVIOUS_RATE);
                    } else if (a > maxRate) {
                        rates[l] = maxRate;
                        events.add(StepEvent.RATE_CLIPPED);
                    } else {
                        rates[l] = a;
                    }
                }
                double linear = 0;
                double quadratic = 0;
                double damped = 0;
                for (int l = 0; l < count; l++) {
                    linear += rates[l] * slope[l];
                    for (int m = 0; m < count; m++) {
                        quadratic += rates[l] * matrix[l * count + m] * rates[m];
                    }
                    damped += delta * scale * rates[l] * rates[l] * norms[l];
                }
                if (coupling) {
                    if (!(linear > 0)) {
                        kappa = 0;
                        events.add(StepEvent.STEP_SKIPPED);
                    } else if (quadratic + damped > 0 && linear < quadratic + damped) {
                        kappa = linear / (quadratic + damped);
                        events.add(StepEvent.COUPLING_SHRUNK);
                    }
                }
                predicted = kappa * linear - 0.5 * kappa * kappa * quadratic;
            }
            boolean check = measure && adaptiveDamping && kappa > 0;
            if (check) {
                System.arraycopy(x, 0, before, 0, x.length);
            }
            for (int l = 0; l < count; l++) {
                ParameterLayout.Layer layer = layers.get(l);
                double a = kappa * rates[l];
                applied[l] = a;
                double keep = 1 - rates[l] * weightDecay;
                for (int i = layer.offset(), end = layer.end(); i < end; i++) {
                    x[i] = keep * x[i] - a * p[i];
                }
            }
            if (check) {
                double next = batch.value(x);
                values = 1;
                double rho = (f - next) / predicted;
                if (!(next <= f)) {
                    System.arraycopy(before, 0, x, 0, x.length);
                    java.util.Arrays.fill(applied, 0.0);
                    delta = Math.min(MAX_DAMPING, Math.max(delta, MIN_DAMPING) * DAMPING_FACTOR * DAMPING_FACTOR);
                    events.add(StepEvent.STEP_REJECTED);
                } else if (!(rho >= 0.25)) {
                    delta = Math.min(MAX_DAMPING, Math.max(delta, MIN_DAMPING) * DAMPING_FACTOR);
                    events.add(StepEvent.DAMPING_RAISED);
                } else if (rho > 0.75) {
                    delta = delta / DAMPING_FACTOR < MIN_DAMPING ? 0 : delta / DAMPING_FACTOR;
                }
            }
            System.arraycopy(p, 0, probe, 0, p.length);
            haveProbe = true;
            return new BatchStep(f, applied.clone(), values, 1, curvatures, events);
        }

        /** The current adaptive damping δ. */
        double damping() {
            return delta;
        }

        @Override
        public String[] rateNames() {
            String[] names = new String[layers.size()];
            for (int l = 0; l < names.length; l++) {
                names[l] = layers.get(l).name();
            }
            return names;
        }
    }
}
