package org.planesearch.core.optim;

import java.util.ArrayList;
import java.util.List;
import org.planesearch.core.direction.AdaGradNorm;
import org.planesearch.core.direction.Adam;
import org.planesearch.core.direction.DirectionRule;
import org.planesearch.core.direction.Gradient;
import org.planesearch.core.direction.HeavyBall;
import org.planesearch.core.direction.Lbfgs;
import org.planesearch.core.direction.Nesterov;
import org.planesearch.core.linesearch.Backtracking;
import org.planesearch.core.linesearch.InitialStepGuess;
import org.planesearch.core.stepsize.ArmijoStep;
import org.planesearch.core.stepsize.FixedStep;
import org.planesearch.core.stepsize.LineOptimization;
import org.planesearch.core.stepsize.PlaneSearch;
import org.planesearch.core.stepsize.StepRule;
import org.planesearch.core.stepsize.StepRules;
import org.planesearch.core.stepsize.SubspaceOptimization;
import org.planesearch.core.stepsize.WolfeStep;

/**
 * A training method: a {@link DirectionRule} and a {@link StepRule}, named
 * {@code <direction>+<step>[:per-layer]} with
 * <ul>
 *   <li>direction ∈ {@code gd, heavyball, nesterov, lbfgs, adam, adagradnorm};</li>
 *   <li>step ∈ {@code fixed, armijo, wolfe, lo, ps, so<m>} (line optimization, plane search over
 *       d and the last step, subspace optimization over d and the last m steps);</li>
 *   <li>{@code :per-layer} splits the subspace per layout layer (lo, ps, so&lt;m&gt; only).</li>
 * </ul>
 * Examples: {@code gd+ps} (GD with momentum, both rates chosen by plane search), {@code lbfgs+wolfe},
 * {@code adam+lo}, {@code lbfgs+so3}. Parsing maps the name and {@link MethodOptions} one-to-one
 * onto the rules' config records. Immutable.
 */
public record Method(DirectionRule direction, StepRule step) {

    /** The direction names, in the order help texts list them. */
    public static final List<String> DIRECTIONS = List.of("gd", "heavyball", "nesterov", "lbfgs", "adam", "adagradnorm");
    /** The step names (so&lt;m&gt; stands for so1, so2, …). */
    public static final List<String> STEPS = List.of("fixed", "armijo", "wolfe", "lo", "ps", "so<m>");

    public Method {
        if (direction == null || step == null) {
            throw new IllegalArgumentException("a method needs a direction rule and a step rule");
        }
    }

    /** Parses a method name with default options. */
    public static Method parse(String name) {
        return parse(name, MethodOptions.defaults());
    }

    /**
     * Parses a method name; options not used by the named rules are rejected.
     *
     * @throws IllegalArgumentException with a message naming the bad part and the valid choices
     */
    public static Method parse(String name, MethodOptions options) {
        MethodName parts = MethodName.parse(name, "gd+ps", "direction in " + DIRECTIONS + " and step in " + STEPS);
        boolean perLayer = parts.perLayer();
        String dName = parts.direction();
        String sName = parts.step();
        List<String> used = new ArrayList<>();
        DirectionRule direction = direction(name, dName, options, used);
        StepRule step = step(name, dName, sName, options, used);
        if (perLayer) {
            step = StepRules.perLayer(step);
        }
        rejectUnused(name, options, used);
        return new Method(direction, step);
    }

    /** An optimizer running this method until the criterion holds. */
    public Optimizer optimizer(StopCriterion stop) {
        return new Optimizer(direction, step, stop);
    }

    /** The rules with their parameters, e.g. {@code lbfgs(memory=10, …) + ps}. */
    public String describe() {
        return direction.describe() + " + " + step.describe();
    }

    private static DirectionRule direction(String name, String d, MethodOptions o, List<String> used) {
        switch (d) {
            case "gd":
                return new Gradient();
            case "heavyball":
                used.add("momentum");
                return Double.isNaN(o.momentum()) ? HeavyBall.defaults() : new HeavyBall(o.momentum());
            case "nesterov":
                used.add("momentum");
                return Double.isNaN(o.momentum()) ? Nesterov.defaults() : new Nesterov(o.momentum());
            case "lbfgs":
                used.add("memory");
                Lbfgs l = Lbfgs.defaults();
                return o.memory() == 0 ? l : new Lbfgs(o.memory(), l.curvatureThreshold());
            case "adam":
                used.add("adamBeta1");
                used.add("adamBeta2");
                used.add("adamEpsilon");
                Adam a = Adam.defaults();
                return new Adam(or(o.adamBeta1(), a.beta1()), or(o.adamBeta2(), a.beta2()), or(o.adamEpsilon(), a.epsilon()));
            case "adagradnorm":
                used.add("adagradInitialScale");
                return Double.isNaN(o.adagradInitialScale()) ? AdaGradNorm.defaults() : new AdaGradNorm(o.adagradInitialScale());
            default:
                throw new IllegalArgumentException("method '" + name + "': unknown direction '" + d + "'; expected one of " + DIRECTIONS);
        }
    }

    private static StepRule step(String name, String d, String s, MethodOptions o, List<String> used) {
        boolean unitStep = d.equals("lbfgs");
        switch (s) {
            case "fixed":
                used.add("learningRate");
                return Double.isNaN(o.learningRate()) ? FixedStep.defaults() : new FixedStep(o.learningRate());
            case "armijo":
                return unitStep ? new ArmijoStep(Backtracking.defaults(), InitialStepGuess.constant(1)) : ArmijoStep.defaults();
            case "wolfe":
                return WolfeStep.defaults();
            case "lo":
                return LineOptimization.defaults();
            case "ps":
                return PlaneSearch.defaults();
            default:
                if (s.startsWith("so") && s.length() > 2 && s.substring(2).chars().allMatch(Character::isDigit) && s.length() <= 5) {
                    int m = Integer.parseInt(s.substring(2));
                    if (m < 1) {
                        throw new IllegalArgumentException("method '" + name + "': so<m> needs m >= 1, got so" + m);
                    }
                    return SubspaceOptimization.defaults().withMemory(m);
                }
                throw new IllegalArgumentException("method '" + name + "': unknown step '" + s + "'; expected one of " + STEPS);
        }
    }

    private static void rejectUnused(String name, MethodOptions o, List<String> used) {
        check(name, "learning rate", "learningRate", !Double.isNaN(o.learningRate()), used, "the fixed step (e.g. gd+fixed)");
        check(name, "momentum", "momentum", !Double.isNaN(o.momentum()), used, "heavyball and nesterov");
        check(name, "memory", "memory", o.memory() != 0, used, "lbfgs (so<m> takes its memory in its name)");
        check(name, "Adam β₁", "adamBeta1", !Double.isNaN(o.adamBeta1()), used, "adam");
        check(name, "Adam β₂", "adamBeta2", !Double.isNaN(o.adamBeta2()), used, "adam");
        check(name, "Adam ε", "adamEpsilon", !Double.isNaN(o.adamEpsilon()), used, "adam");
        check(name, "AdaGrad-Norm b₀", "adagradInitialScale", !Double.isNaN(o.adagradInitialScale()), used, "adagradnorm");
    }

    private static void check(String name, String what, String key, boolean given, List<String> used, String owners) {
        if (given && !used.contains(key)) {
            throw new IllegalArgumentException("method '" + name + "' has no " + what + " to set: it applies to " + owners);
        }
    }

    private static double or(double v, double fallback) {
        return Double.isNaN(v) ? fallback : v;
    }
}
