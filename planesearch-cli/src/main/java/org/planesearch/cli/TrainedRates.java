package org.planesearch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The learning rates a training run chose, read back from a model file's provenance
 * ({@code "training" → "rates"}, written by {@link TrainReport#json()}: {@code names}, and the
 * coefficients of the {@code first} and {@code last} steps and their {@code median}, in the order
 * of the names). Only the learning-rate coefficients are kept (names ending in "learning rate":
 * "learning rate" for a global rule, "layer1 learning rate" for a {@code :per-layer} one); the
 * momentum coefficients have no 2/λ counterpart.
 *
 * @param name the coefficient's name as stored ("learning rate", "layer2 learning rate")
 * @param layer the layer prefix of a per-layer rate, or null for a global one
 * @param first the first step's rate (NaN when not stored)
 * @param last the last step's rate (NaN when not stored)
 * @param median the median over the steps (NaN when not stored)
 */
record TrainedRates(String name, String layer, double first, double last, double median) {

    static final String LEARNING_RATE = "learning rate";

    /**
     * The learning rates stored in a model file's training provenance, in stored order; empty
     * when the file has none (an older file, a fixed step, or no step taken). Never throws on
     * a malformed entry: provenance is free form, so what cannot be read is skipped.
     */
    static List<TrainedRates> read(Map<String, Object> training) {
        List<TrainedRates> out = new ArrayList<>();
        if (training == null || !(training.get("rates") instanceof Map<?, ?> rates)) {
            return out;
        }
        if (!(rates.get("names") instanceof List<?> names)) {
            return out;
        }
        for (int j = 0; j < names.size(); j++) {
            if (!(names.get(j) instanceof String name) || !name.endsWith(LEARNING_RATE)) {
                continue;
            }
            String prefix = name.substring(0, name.length() - LEARNING_RATE.length()).strip();
            out.add(new TrainedRates(name, prefix.isEmpty() ? null : prefix, at(rates.get("first"), j),
                    at(rates.get("last"), j), at(rates.get("median"), j)));
        }
        return out;
    }

    /**
     * The rates that apply to the Hessian block of the given layer: the layer's own per-layer
     * rate when the run was per layer, else the global rate (one step size for all parameters,
     * so also for this layer's block). layer null (the full Hessian): the global rate, or every
     * per-layer rate when the run was per layer (each is then compared with the full 2/λ_max).
     */
    static List<TrainedRates> matching(List<TrainedRates> rates, String layer) {
        if (layer == null) {
            return rates;
        }
        List<TrainedRates> own = new ArrayList<>();
        for (TrainedRates r : rates) {
            if (r.layer() == null || r.layer().equals(layer)) {
                own.add(r);
            }
        }
        return own;
    }

    private static double at(Object list, int j) {
        if (list instanceof List<?> l && j < l.size() && l.get(j) instanceof Number n) {
            return n.doubleValue();
        }
        return Double.NaN;
    }
}
