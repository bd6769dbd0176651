package org.planesearch.core.stepsize;

import org.planesearch.core.linesearch.Backtracking;
import org.planesearch.core.linesearch.InitialStepGuess;
import org.planesearch.core.linesearch.StrongWolfe;
import org.planesearch.core.subspace.SubspaceSearch;
import org.planesearch.core.text.Numbers;

/**
 * Formats step rules for {@code describe()}: {@code name(key=value, …)} listing only the
 * parameters that differ from the defaults, with numbers in the shortest form that parses back
 * to the same double ({@code 0.9}, {@code 1e-8}, {@code 10}).
 */
final class Describe {

    private Describe() {
    }

    /** The shortest round-trip text of v ({@link Numbers#shortest}). */
    static String number(double v) {
        return Numbers.shortest(v);
    }

    /** {@code name} or {@code name(parameters)}. */
    static String call(String name, StringBuilder parameters) {
        return parameters.length() == 0 ? name : name + "(" + parameters + ")";
    }

    static void add(StringBuilder sb, String key, String value) {
        if (sb.length() > 0) {
            sb.append(", ");
        }
        sb.append(key).append('=').append(value);
    }

    /** Non-default parameters of a backtracking search. */
    static StringBuilder backtracking(Backtracking b) {
        Backtracking d = Backtracking.defaults();
        StringBuilder sb = new StringBuilder();
        if (b.sufficientDecrease() != d.sufficientDecrease()) {
            add(sb, "c1", number(b.sufficientDecrease()));
        }
        if (b.shrinkFactor() != d.shrinkFactor()) {
            add(sb, "shrinkFactor", number(b.shrinkFactor()));
        }
        if (b.interpolation() != d.interpolation()) {
            add(sb, "interpolation", b.interpolation().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (b.maxTrials() != d.maxTrials()) {
            add(sb, "maxTrials", Integer.toString(b.maxTrials()));
        }
        return sb;
    }

    /** Non-default parameters of a strong-Wolfe search. */
    static StringBuilder wolfe(StrongWolfe w) {
        StrongWolfe d = StrongWolfe.defaults();
        StringBuilder sb = new StringBuilder();
        if (w.sufficientDecrease() != d.sufficientDecrease()) {
            add(sb, "c1", number(w.sufficientDecrease()));
        }
        if (w.curvatureCondition() != d.curvatureCondition()) {
            add(sb, "c2", number(w.curvatureCondition()));
        }
        if (w.maxEvaluations() != d.maxEvaluations()) {
            add(sb, "maxEvaluations", Integer.toString(w.maxEvaluations()));
        }
        if (w.maxStep() != d.maxStep()) {
            add(sb, "maxStep", number(w.maxStep()));
        }
        return sb;
    }

    /** Non-default parameters of a subspace search. */
    static StringBuilder search(SubspaceSearch s) {
        SubspaceSearch d = SubspaceSearch.defaults();
        StringBuilder sb = new StringBuilder();
        if (s.maxIterations() != d.maxIterations()) {
            add(sb, "maxIterations", Integer.toString(s.maxIterations()));
        }
        if (s.gradientTolerance() != d.gradientTolerance()) {
            add(sb, "tolerance", number(s.gradientTolerance()));
        }
        if (s.sufficientDecrease() != d.sufficientDecrease()) {
            add(sb, "c1", number(s.sufficientDecrease()));
        }
        if (s.maxBacktracks() != d.maxBacktracks()) {
            add(sb, "maxBacktracks", Integer.toString(s.maxBacktracks()));
        }
        if (s.maxEvaluations() != d.maxEvaluations()) {
            add(sb, "maxEvaluations", Integer.toString(s.maxEvaluations()));
        }
        return sb;
    }

    /** An initial-step strategy: {@code constant(1)}, {@code quadratic}, {@code previous(2)}. */
    static String guess(InitialStepGuess g) {
        if (g instanceof InitialStepGuess.Constant c) {
            return "constant(" + number(c.step()) + ")";
        }
        if (g instanceof InitialStepGuess.QuadraticInterpolation q) {
            return q.maxStep() == 1 ? "quadratic" : "quadratic(maxStep=" + number(q.maxStep()) + ")";
        }
        InitialStepGuess.PreviousStep p = (InitialStepGuess.PreviousStep) g;
        return "previous(" + number(p.factor()) + ")";
    }
}
