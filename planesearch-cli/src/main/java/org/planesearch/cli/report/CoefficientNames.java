package org.planesearch.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Names for a step's coefficients, for people and for plots: "learning rate" for the coefficient
 * of the direction d, "momentum" for that of the previous step (plane search), "momentum1 …
 * momentum&lt;m&gt;" for the last m steps (so&lt;m&gt;), each prefixed by its layer ("layer1 learning
 * rate") for a {@code :per-layer} rule over more than one layer. A step with fewer coefficients
 * than the rule's full set (the first steps of momentum rules, before there is a previous step)
 * is split evenly over the layers, so that its columns keep their layer.
 *
 * <p>The training command names its coefficients with this class (and stores the full set in
 * summary.json as {@code rates.names}); a report reads them back with {@link #infer(List)}.
 *
 * @param layers the layers' names of a per-layer rule over more than one layer; empty for one group
 * @param momentumColumns the number of previous-step columns per group (0 for line rules)
 */
public record CoefficientNames(List<String> layers, int momentumColumns) {

    /** The suffix of every learning-rate name. */
    public static final String LEARNING_RATE = "learning rate";

    /** The stem of every momentum name. */
    public static final String MOMENTUM = "momentum";

    public CoefficientNames {
        layers = List.copyOf(layers);
        if (momentumColumns < 0) {
            throw new IllegalArgumentException("CoefficientNames: momentumColumns must be >= 0, got " + momentumColumns);
        }
    }

    /** The names of a step with {@code count} coefficients. */
    public List<String> names(int count) {
        int groups = Math.max(1, layers.size());
        int perGroup = Math.max(1, count / groups);
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int group = i / perGroup;
            int column = i % perGroup;
            String name = column == 0 ? LEARNING_RATE : momentumColumns == 1 ? MOMENTUM : MOMENTUM + column;
            names.add(groups > 1 && group < groups ? layers.get(group) + " " + name : name);
        }
        return names;
    }

    /**
     * The naming rule behind a stored full set of names (summary.json's {@code rates.names}), or
     * null when they do not follow it (none stored, or no learning rate among them).
     */
    public static CoefficientNames infer(List<String> stored) {
        if (stored == null || stored.isEmpty()) {
            return null;
        }
        List<String> prefixes = new ArrayList<>();
        for (String name : stored) {
            if (name != null && name.endsWith(LEARNING_RATE)) {
                prefixes.add(name.substring(0, name.length() - LEARNING_RATE.length()).strip());
            }
        }
        if (prefixes.isEmpty()) {
            return null;
        }
        boolean perLayer = prefixes.size() > 1 || !prefixes.get(0).isEmpty();
        List<String> layers = perLayer ? prefixes : List.of();
        int momentum = Math.max(0, stored.size() / prefixes.size() - 1);
        CoefficientNames rule = new CoefficientNames(layers, momentum);
        return rule.names(stored.size()).equals(stored) ? rule : null;
    }

    /** Names for coefficients whose rule is unknown: "coefficient 1", "coefficient 2", … */
    public static List<String> unnamed(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            names.add("coefficient " + i);
        }
        return names;
    }
}
