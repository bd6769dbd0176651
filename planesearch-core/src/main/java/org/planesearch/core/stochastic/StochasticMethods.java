package org.planesearch.core.stochastic;

import java.util.ArrayList;
import java.util.List;
import org.planesearch.core.direction.AdaGradNorm;
import org.planesearch.core.direction.Adam;
import org.planesearch.core.direction.DirectionRule;
import org.planesearch.core.direction.Gradient;
import org.planesearch.core.direction.HeavyBall;
import org.planesearch.core.direction.Nesterov;
import org.planesearch.core.objective.CurvatureKind;
import org.planesearch.core.optim.MethodName;

/**
 * Mini-batch method names, in the core's {@code <direction>+<step>[:per-layer]} naming:
 * <ul>
 *   <li>{@code <d>+fixed}, d ∈ {gd, heavyball, nesterov, adam, adamw, adagradnorm}: a fixed
 *       learning rate (SGD, SGD-momentum, Adam/AdamW, AdaGrad-Norm) — {@link FixedRate};</li>
 *   <li>{@code gd+adagradnorm[:per-layer]}: AdaGrad-Norm with the paper's η = 1 (one accumulator,
 *       or one per layer);</li>
 *   <li>{@code <d>+layerwise}, d ∈ {gd, heavyball, nesterov, adam, adamw}: layer-wise curvature
 *       step sizes — {@link LayerwiseCurvature} (the names {@code heavyball+layerwise} and
 *       {@code adamw+layerwise} are SGD-m and AdamW with layer-wise steps);</li>
 *   <li>{@code gd+armijo} (SLS) and {@code heavyball+armijo} (SlsAcc): the stochastic Armijo
 *       line search — {@link StochasticArmijo}; {@code adam+salsa}: SaLSa — {@link Salsa};</li>
 *   <li>{@code <d>+lo|ps|so<m>[:per-layer]}: subspace steps on each batch — {@link BatchSubspace}.</li>
 * </ul>
 * {@code adamw} is Adam's direction with decoupled weight decay ({@code weightDecay}, default 0:
 * the objective's λ already regularizes the weights).
 */
public final class StochasticMethods {

    /** The step names for mini-batches. */
    public static final List<String> STEPS = List.of("fixed", "adagradnorm", "layerwise", "armijo", "salsa", "lo", "ps",
            "so<m>");

    private StochasticMethods() {
    }

    /**
     * The rule of this name.
     *
     * @throws IllegalArgumentException naming the bad part and the valid choices
     */
    public static StochasticRule parse(String name, StochasticOptions o) {
        MethodName parts = MethodName.parse(name, "heavyball+layerwise", "step in " + STEPS);
        boolean perLayer = parts.perLayer();
        String d = parts.direction();
        String step = parts.step();
        List<String> used = new ArrayList<>();
        StochasticRule rule;
        switch (step) {
            case "fixed" -> {
                noPerLayer(name, perLayer);
                used.add("learningRate");
                used.add("weightDecay");
                DirectionRule dir = direction(name, d, o, used, true);
                double lr = !Double.isNaN(o.learningRate()) ? o.learningRate() : d.equals("adagradnorm") ? 1 : 0.01;
                rule = new FixedRate(dir, lr, or(o.weightDecay(), 0));
            }
            case "adagradnorm" -> {
                if (!d.equals("gd")) {
                    throw new IllegalArgumentException("method '" + name + "': adagradnorm is written gd+adagradnorm[:per-layer]");
                }
                used.add("learningRate");
                used.add("adagradInitialScale");
                double b0 = or(o.adagradInitialScale(), AdaGradNorm.defaults().initialScale());
                DirectionRule dir = perLayerAdaGradNorm(name, perLayer, b0);
                rule = new FixedRate(dir, or(o.learningRate(), 1), 0);
            }
            case "armijo" -> {
                noPerLayer(name, perLayer);
                if (!d.equals("gd") && !d.equals("heavyball")) {
                    throw new IllegalArgumentException("method '" + name + "': the stochastic Armijo search is gd+armijo (SLS)"
                            + " or heavyball+armijo (SlsAcc, Polyak momentum 0.6)");
                }
                if (d.equals("heavyball")) {
                    used.add("momentum");
                    StochasticArmijo acc = StochasticArmijo.accelerated();
                    rule = Double.isNaN(o.momentum()) ? acc : acc.withMomentum(o.momentum());
                } else {
                    rule = StochasticArmijo.defaults();
                }
            }
            case "salsa" -> {
                noPerLayer(name, perLayer);
                if (!d.equals("adam") && !d.equals("adamw")) {
                    throw new IllegalArgumentException("method '" + name + "': SaLSa searches along Adam's direction; write adam+salsa");
                }
                used.add("weightDecay");
                rule = Salsa.defaults().withWeightDecay(or(o.weightDecay(), 0));
            }
            case "layerwise" -> {
                noPerLayer(name, perLayer);
                used.add("weightDecay");
                used.add("curvature");
                used.add("averaging");
                used.add("maxRate");
                DirectionRule dir = direction(name, d, o, used, false);
                LayerwiseCurvature l = LayerwiseCurvature.defaults(dir);
                l = new LayerwiseCurvature(dir, o.curvature() == null ? l.curvature() : o.curvature(),
                        or(o.averaging(), l.averaging()), or(o.maxRate(), l.maxRate()), l.damping(), l.adaptiveDamping(),
                        l.period(),
                        Math.min(l.initialRate(), or(o.maxRate(), l.maxRate())), or(o.weightDecay(), 0), l.coupling(),
                        l.previousDirection());
                rule = l;
            }
            default -> {
                int memory = subspaceMemory(name, step);
                used.add("averaging");
                DirectionRule dir = direction(name, d, o, used, false);
                rule = new BatchSubspace(dir, memory, perLayer, or(o.averaging(), 0.9), BatchSubspace.batchSearch(), true);
            }
        }
        reject(name, o, used);
        return rule;
    }

    private static DirectionRule perLayerAdaGradNorm(String name, boolean perLayer, double b0) {
        return perLayer ? new org.planesearch.core.direction.LayerAdaGradNorm(b0) : new AdaGradNorm(b0);
    }

    private static int subspaceMemory(String name, String step) {
        switch (step) {
            case "lo":
                return 0;
            case "ps":
                return 1;
            default:
                if (step.startsWith("so") && step.length() > 2 && step.length() <= 4
                        && step.substring(2).chars().allMatch(Character::isDigit)) {
                    int m = Integer.parseInt(step.substring(2));
                    if (m >= 1) {
                        return m;
                    }
                }
                throw new IllegalArgumentException("method '" + name + "': unknown mini-batch step '" + step
                        + "'; expected one of " + STEPS);
        }
    }

    private static DirectionRule direction(String name, String d, StochasticOptions o, List<String> used, boolean allowAdaGrad) {
        switch (d) {
            case "gd":
                return new Gradient();
            case "heavyball":
                used.add("momentum");
                return Double.isNaN(o.momentum()) ? HeavyBall.defaults() : new HeavyBall(o.momentum());
            case "nesterov":
                used.add("momentum");
                return Double.isNaN(o.momentum()) ? Nesterov.defaults() : new Nesterov(o.momentum());
            case "adam":
            case "adamw":
                return Adam.defaults();
            case "adagradnorm":
                if (allowAdaGrad) {
                    used.add("adagradInitialScale");
                    return Double.isNaN(o.adagradInitialScale()) ? AdaGradNorm.defaults() : new AdaGradNorm(o.adagradInitialScale());
                }
                // fall through
            default:
                throw new IllegalArgumentException("method '" + name + "': unknown or unsupported direction '" + d
                        + "' here; expected one of [gd, heavyball, nesterov, adam, adamw" + (allowAdaGrad ? ", adagradnorm]" : "]"));
        }
    }

    private static void noPerLayer(String name, boolean perLayer) {
        if (perLayer) {
            throw new IllegalArgumentException("method '" + name + "': :per-layer applies to adagradnorm, lo, ps and so<m>");
        }
    }

    private static void reject(String name, StochasticOptions o, List<String> used) {
        check(name, "learning rate", "learningRate", !Double.isNaN(o.learningRate()), used);
        check(name, "momentum", "momentum", !Double.isNaN(o.momentum()), used);
        check(name, "weight decay", "weightDecay", !Double.isNaN(o.weightDecay()), used);
        check(name, "AdaGrad-Norm b0", "adagradInitialScale", !Double.isNaN(o.adagradInitialScale()), used);
        check(name, "curvature", "curvature", o.curvature() != null, used);
        check(name, "averaging", "averaging", !Double.isNaN(o.averaging()), used);
        check(name, "max rate", "maxRate", !Double.isNaN(o.maxRate()), used);
    }

    private static void check(String name, String what, String key, boolean given, List<String> used) {
        if (given && !used.contains(key)) {
            throw new IllegalArgumentException("mini-batch method '" + name + "' has no " + what + " to set");
        }
    }

    private static double or(double v, double fallback) {
        return Double.isNaN(v) ? fallback : v;
    }

    /** The curvature kind of a CLI value (hessian, gauss-newton, fisher, auto). */
    public static CurvatureKind curvature(String id) {
        return CurvatureKind.parse(id);
    }
}
