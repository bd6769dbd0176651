package org.planesearch.core.optim;

import java.util.Locale;

/**
 * The parts of a method name {@code <direction>+<step>[:per-layer]}, lower-cased and trimmed:
 * the one grammar of full-batch ({@link Method}) and mini-batch
 * ({@code org.planesearch.core.stochastic.StochasticMethods}) names. Immutable.
 *
 * @param name the name as given
 * @param direction the part before '+'
 * @param step the part after '+', without the suffix
 * @param perLayer whether the name ends in {@code :per-layer}
 */
public record MethodName(String name, String direction, String step, boolean perLayer) {

    /** The suffix that splits a subspace per layer. */
    public static final String PER_LAYER = ":per-layer";

    /**
     * Splits a name.
     *
     * @param example a valid name for the messages, e.g. {@code gd+ps}
     * @param choices what the messages list as valid, e.g. "direction in […] and step in […]"
     * @throws IllegalArgumentException for an empty name or one without exactly one '+'
     */
    public static MethodName parse(String name, String example, String choices) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("method name is empty; expected <direction>+<step>, e.g. " + example);
        }
        String s = name.trim().toLowerCase(Locale.ROOT);
        boolean perLayer = s.endsWith(PER_LAYER);
        if (perLayer) {
            s = s.substring(0, s.length() - PER_LAYER.length());
        }
        int plus = s.indexOf('+');
        if (plus < 0 || plus != s.lastIndexOf('+')) {
            throw new IllegalArgumentException("method '" + name + "' must be <direction>+<step>[:per-layer] with " + choices
                    + ", e.g. " + example);
        }
        return new MethodName(name, s.substring(0, plus), s.substring(plus + 1), perLayer);
    }
}
