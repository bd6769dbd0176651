package org.planesearch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model on disk: one JSON document, format {@value #FORMAT}, version {@value #VERSION}.
 *
 * <pre>
 * {
 *   "format": "planesearch-model", "version": 1,
 *   "model": "logistic" | "softmax" | "least-squares" | "huber",
 *   "huberDelta": 1.0,                       (huber only)
 *   "features": d, "outputs": c,             (c = 1 for binary and regression models)
 *   "intercept": true,
 *   "labels": ["-1", "1"],                   (class labels in model order; absent for regression)
 *   "standardizer": {"means": [...], "scales": [...]},   (absent when not standardized)
 *   "lambda": 1e-3,
 *   "training": { "method": ..., "data": ..., "iterations": ..., ... },   (provenance, free form)
 *   "parameters": [...]                      (the flat parameter vector: weights d×c row-major, then c intercepts)
 * }
 * </pre>
 * Reading validates every field and reports the file and the field on error. Doubles are written
 * with enough digits to round-trip exactly. Never Java serialization.
 */
record ModelFile(String model, double huberDelta, int features, int outputs, boolean intercept,
                 List<String> labels, double[] means, double[] scales, double lambda,
                 Map<String, Object> training, double[] parameters) {

    static final String FORMAT = "planesearch-model";
    static final int VERSION = 1;
    static final List<String> MODELS = List.of("logistic", "softmax", "least-squares", "huber");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    ModelFile {
        if (!MODELS.contains(model)) {
            throw new IllegalArgumentException("model must be one of " + MODELS + ", got '" + model + "'");
        }
        long expected = (long) features * outputs + (intercept ? outputs : 0);
        if (parameters.length != expected) {
            throw new IllegalArgumentException("parameters has " + parameters.length + " entries, expected " + expected);
        }
        training = training == null ? Map.of() : new LinkedHashMap<>(training);
    }

    void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("model", model);
        if ("huber".equals(model)) {
            root.put("huberDelta", huberDelta);
        }
        root.put("features", features);
        root.put("outputs", outputs);
        root.put("intercept", intercept);
        if (labels != null) {
            ArrayNode a = root.putArray("labels");
            for (String l : labels) {
                a.add(l);
            }
        }
        if (means != null) {
            ObjectNode s = root.putObject("standardizer");
            putArray(s.putArray("means"), means);
            putArray(s.putArray("scales"), scales);
        }
        root.put("lambda", lambda);
        root.set("training", JSON.valueToTree(training));
        putArray(root.putArray("parameters"), parameters);
        JSON.writeValue(file.toFile(), root);
    }

    static ModelFile read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": model file not found");
        } catch (JsonProcessingException e) {
            throw new UserError(file + ": not a JSON model file (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new UserError(file + ": not a Planesearch model file (expected a JSON object)");
        }
        String format = text(file, root, "format");
        if (!FORMAT.equals(format)) {
            throw new UserError(file + ": \"format\" is '" + format + "', expected '" + FORMAT + "'");
        }
        int version = integer(file, root, "version");
        if (version != VERSION) {
            throw new UserError(file + ": model format version " + version + " is not supported (this program reads version " + VERSION + ")");
        }
        String model = text(file, root, "model");
        if (!MODELS.contains(model)) {
            throw new UserError(file + ": \"model\" is '" + model + "', expected one of " + MODELS);
        }
        int features = integer(file, root, "features");
        int outputs = integer(file, root, "outputs");
        if (features < 1 || outputs < 1) {
            throw new UserError(file + ": \"features\" and \"outputs\" must be >= 1, got " + features + " and " + outputs);
        }
        JsonNode interceptNode = root.get("intercept");
        if (interceptNode == null || !interceptNode.isBoolean()) {
            throw new UserError(file + ": \"intercept\" must be true or false");
        }
        boolean intercept = interceptNode.booleanValue();
        List<String> labels = null;
        JsonNode labelsNode = root.get("labels");
        if (labelsNode != null && !labelsNode.isNull()) {
            if (!labelsNode.isArray()) {
                throw new UserError(file + ": \"labels\" must be an array of strings");
            }
            labels = new ArrayList<>();
            for (JsonNode l : labelsNode) {
                labels.add(l.asText());
            }
        }
        double[] means = null;
        double[] scales = null;
        JsonNode st = root.get("standardizer");
        if (st != null && !st.isNull()) {
            means = doubles(file, st, "standardizer.means", "means");
            scales = doubles(file, st, "standardizer.scales", "scales");
            if (means.length != features || scales.length != features) {
                throw new UserError(file + ": standardizer has " + means.length + " means and " + scales.length
                        + " scales, expected " + features + " each");
            }
        }
        double lambda = root.path("lambda").asDouble(0);
        double huberDelta = root.path("huberDelta").asDouble(1.0);
        @SuppressWarnings("unchecked")
        Map<String, Object> training = root.has("training") ? JSON.convertValue(root.get("training"), Map.class) : Map.of();
        double[] parameters = doubles(file, root, "parameters", "parameters");
        long expected = (long) features * outputs + (intercept ? outputs : 0);
        if (parameters.length != expected) {
            throw new UserError(file + ": \"parameters\" has " + parameters.length + " values, expected " + expected
                    + " for " + features + " features and " + outputs + " outputs" + (intercept ? " with intercept" : ""));
        }
        return new ModelFile(model, huberDelta, features, outputs, intercept, labels, means, scales, lambda, training, parameters);
    }

    private static void putArray(ArrayNode a, double[] v) {
        for (double x : v) {
            a.add(x);
        }
    }

    private static String text(Path file, JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new UserError(file + ": missing or non-text field \"" + field + "\"");
        }
        return n.asText();
    }

    private static int integer(Path file, JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new UserError(file + ": missing or non-integer field \"" + field + "\"");
        }
        return n.intValue();
    }

    private static double[] doubles(Path file, JsonNode parent, String path, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isArray()) {
            throw new UserError(file + ": missing array \"" + path + "\"");
        }
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = n.get(i);
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw new UserError(file + ": \"" + path + "\"[" + i + "] is '" + v + "', not a finite number");
            }
            out[i] = v.asDouble();
        }
        return out;
    }
}
