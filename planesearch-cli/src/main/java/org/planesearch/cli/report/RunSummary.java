package org.planesearch.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.planesearch.data.DataFormatException;

/**
 * What a report shows of a run's {@code summary.json} (written by {@code train --out}): the
 * method, how it ended, its costs, the model and data, the names of the chosen coefficients and
 * the final test metrics. Every field is optional: a run without a summary (or an older one) is
 * still drawn from its history, with the missing entries shown as unknown (null strings, NaN
 * numbers, -1 counts).
 *
 * <p>{@code fStar}: the optimal value f* of the training objective when the run knows it (a
 * benchmark, or added by hand as {@code "fStar": 0.3305}); the report then draws f − f*.
 *
 * @param method the --method value ("gd+ps:per-layer")
 * @param methodDescription the optimizer as it describes itself ("gd + ps")
 * @param termination why it stopped ("GRADIENT_NORM", "MAX_ITERATIONS", …)
 * @param f the final objective
 * @param gradientNorm the final gradient norm
 * @param iterations iterations run
 * @param passes data passes
 * @param seconds wall time
 * @param evaluator "so-friendly" or "generic"
 * @param data the dataset's name
 * @param model the model in a few words ("logistic", "mlp 64-32-10 tanh")
 * @param rateNames the names of the last step's coefficients ({@code rates.names}); empty when unknown
 * @param fStar f*, NaN when unknown
 * @param testAccuracy the final test accuracy (fraction), NaN when none
 * @param testLoss the final mean test loss, NaN when none
 */
public record RunSummary(String method, String methodDescription, String termination, double f, double gradientNorm,
                         long iterations, long passes, double seconds, String evaluator, String data, String model,
                         List<String> rateNames, double fStar, double testAccuracy, double testLoss) {

    /** A run with no summary. */
    public static final RunSummary NONE = new RunSummary(null, null, null, Double.NaN, Double.NaN, -1, -1, Double.NaN,
            null, null, null, List.of(), Double.NaN, Double.NaN, Double.NaN);

    public RunSummary {
        rateNames = List.copyOf(rateNames);
    }

    /**
     * Reads the fields a report uses from a parsed summary.json.
     *
     * @param file the file's name for messages
     * @throws DataFormatException when a field has the wrong type, naming the field and its value
     */
    public static RunSummary fromJson(JsonNode j, String file) throws DataFormatException {
        if (j == null || !j.isObject()) {
            throw new DataFormatException(file, "is not a JSON object (expected the summary.json of 'planesearch train --out')");
        }
        Fields r = new Fields(j, file);
        JsonNode test = j.get("test");
        Fields t = test != null && test.isObject() ? new Fields(test, file) : null;
        return new RunSummary(r.text("method"), r.text("methodDescription"), r.text("termination"), r.number("f"),
                r.number("gradNorm"), r.count("iterations"), r.count("passes"), r.number("seconds"), r.text("evaluator"),
                data(j.get("data")), model(j.get("model")), r.names(), r.number("fStar"),
                t == null ? Double.NaN : t.number("accuracy"), t == null ? Double.NaN : t.number("loss"));
    }

    private static String data(JsonNode d) {
        if (d == null) {
            return null;
        }
        if (d.isTextual()) {
            return d.asText();
        }
        JsonNode name = d.get("name");
        return name != null && name.isValueNode() && !name.isNull() ? name.asText() : null;
    }

    /** "logistic", "huber (delta 1.0)", "mlp 64-32-10 tanh". */
    private static String model(JsonNode m) {
        if (m == null || !m.isObject()) {
            return null;
        }
        String loss = m.hasNonNull("loss") ? m.get("loss").asText() : null;
        if ("network".equals(m.path("kind").asText(null))) {
            StringBuilder b = new StringBuilder("mlp");
            JsonNode widths = m.get("widths");
            if (widths != null && widths.isArray()) {
                b.append(' ');
                for (int i = 0; i < widths.size(); i++) {
                    b.append(i > 0 ? "-" : "").append(widths.get(i).asText());
                }
            }
            if (m.hasNonNull("activation")) {
                b.append(' ').append(m.get("activation").asText());
            }
            if (loss != null) {
                b.append(", ").append(loss);
            }
            return b.toString();
        }
        return loss;
    }

    /** Typed access to an object's fields, with messages naming the file and field. */
    private record Fields(JsonNode j, String file) {
        String text(String name) {
            JsonNode v = j.get(name);
            return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
        }

        double number(String name) throws DataFormatException {
            JsonNode v = j.get(name);
            if (v == null || v.isNull()) {
                return Double.NaN;
            }
            if (!v.isNumber()) {
                throw wrong(name, v, "a number");
            }
            return v.asDouble();
        }

        long count(String name) throws DataFormatException {
            JsonNode v = j.get(name);
            if (v == null || v.isNull()) {
                return -1;
            }
            if (!v.isIntegralNumber() || v.asLong() < 0) {
                throw wrong(name, v, "a count (a whole number >= 0)");
            }
            return v.asLong();
        }

        List<String> names() throws DataFormatException {
            JsonNode rates = j.get("rates");
            JsonNode names = rates == null ? null : rates.get("names");
            List<String> out = new ArrayList<>();
            if (names == null || names.isNull()) {
                return out;
            }
            if (!names.isArray()) {
                throw wrong("rates.names", names, "a list of names");
            }
            for (int i = 0; i < names.size(); i++) {
                if (!names.get(i).isTextual()) {
                    throw wrong("rates.names[" + i + "]", names.get(i), "a name");
                }
                out.add(names.get(i).asText());
            }
            return out;
        }

        private DataFormatException wrong(String name, JsonNode v, String expected) {
            return new DataFormatException(file, "field '" + name + "' is " + DataFormatException.quote(v.toString())
                    + ", not " + expected);
        }
    }
}
