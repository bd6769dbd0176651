package org.planesearch.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.planesearch.cli.report.CoefficientNames;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.optim.IterationListener;
import org.planesearch.core.optim.IterationRecord;
import org.planesearch.core.stepsize.ArmijoStep;
import org.planesearch.core.stepsize.FixedStep;
import org.planesearch.core.stepsize.LineOptimization;
import org.planesearch.core.stepsize.PlaneSearch;
import org.planesearch.core.stepsize.StepRule;
import org.planesearch.core.stepsize.SubspaceOptimization;
import org.planesearch.core.stepsize.WolfeStep;

/**
 * Records the step coefficients the step rule chose on every iteration and names them for
 * people: "learning rate" for the coefficient of the direction d, "momentum" for that of the
 * previous step (plane search), "momentum1 … momentum<m>" for the last m steps (so&lt;m&gt;), each
 * prefixed by its layer for {@code :per-layer} rules. Not thread-safe (one run).
 */
final class ChosenRates implements IterationListener {

    private final StepRule step;
    private final ParameterLayout layout;
    private final List<double[]> coefficients = new ArrayList<>();

    ChosenRates(StepRule step, ParameterLayout layout) {
        this.step = step;
        this.layout = layout;
    }

    @Override
    public boolean onIteration(IterationRecord r) {
        if (r.iteration() > 0) {
            coefficients.add(r.coefficients());
        }
        return true;
    }

    /** The number of steps recorded. */
    int steps() {
        return coefficients.size();
    }

    /** The coefficients of step k (1-based), or an empty array. */
    double[] step(int k) {
        return k >= 1 && k <= coefficients.size() ? coefficients.get(k - 1).clone() : new double[0];
    }

    /** The coefficients of the last step, or an empty array when no step was taken. */
    double[] last() {
        return step(coefficients.size());
    }

    /**
     * The median of each coefficient over the steps that have it (the first steps of momentum
     * rules have fewer coefficients: they are matched by name, so that with {@code :per-layer}
     * a layer's learning rate is never mixed with another's momentum); length of the longest
     * step; NaN where none has it.
     */
    double[] median() {
        int k = 0;
        for (double[] c : coefficients) {
            k = Math.max(k, c.length);
        }
        List<String> all = names(k);
        double[][] values = new double[k][coefficients.size()];
        int[] counts = new int[k];
        for (double[] c : coefficients) {
            List<String> own = names(c.length);
            for (int j = 0; j < c.length; j++) {
                int at = all.indexOf(own.get(j));
                if (at >= 0) {
                    values[at][counts[at]++] = c[j];
                }
            }
        }
        double[] out = new double[k];
        for (int j = 0; j < k; j++) {
            int n = counts[j];
            if (n == 0) {
                out[j] = Double.NaN;
                continue;
            }
            double[] v = values[j];
            Arrays.sort(v, 0, n);
            out[j] = n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
        }
        return out;
    }

    /** Whether the rule chooses the coefficients (false for a fixed step). */
    boolean chosen() {
        return !(step instanceof FixedStep);
    }

    /** How the rule chooses them, for people: "plane search (learning rate and momentum, exact)". */
    String how() {
        String perLayer = perLayer() ? ", per layer" : "";
        if (step instanceof FixedStep f) {
            return "fixed learning rate " + Fmt.sig(f.learningRate(), 4) + " (not searched)";
        }
        if (step instanceof ArmijoStep) {
            return "learning rate by Armijo backtracking";
        }
        if (step instanceof WolfeStep) {
            return "learning rate by a strong Wolfe line search";
        }
        if (step instanceof LineOptimization) {
            return "learning rate chosen by exact line optimization every iteration" + perLayer;
        }
        if (step instanceof PlaneSearch) {
            return "learning rate and momentum chosen by plane search every iteration" + perLayer;
        }
        if (step instanceof SubspaceOptimization so) {
            return "learning rate and " + so.memory() + " momentum rate" + Fmt.s(so.memory())
                    + " chosen by subspace optimization every iteration" + perLayer;
        }
        return "step by " + step.describe();
    }

    /** Names for a coefficient vector of the given length (see the class comment and {@link CoefficientNames}). */
    List<String> names(int count) {
        List<String> layers = new ArrayList<>();
        if (perLayer() && layout.layerCount() > 1) {
            for (int i = 0; i < layout.layerCount(); i++) {
                layers.add(layout.layer(i).name());
            }
        }
        return new CoefficientNames(layers, momentumColumns()).names(count);
    }

    private int momentumColumns() {
        if (step instanceof PlaneSearch) {
            return 1;
        }
        if (step instanceof SubspaceOptimization so) {
            return so.memory();
        }
        return 0;
    }

    private boolean perLayer() {
        if (step instanceof LineOptimization lo) {
            return lo.perLayer();
        }
        if (step instanceof PlaneSearch ps) {
            return ps.perLayer();
        }
        if (step instanceof SubspaceOptimization so) {
            return so.perLayer();
        }
        return false;
    }
}
