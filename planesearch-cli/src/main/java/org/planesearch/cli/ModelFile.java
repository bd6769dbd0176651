package org.planesearch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.planesearch.data.LabelMap;
import org.planesearch.data.LabelTask;
import org.planesearch.data.read.LabelColumn;
import org.planesearch.data.transform.Standardizer;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.models.linear.LossKind;
import org.planesearch.models.network.Activation;
import org.planesearch.models.network.NetworkModel;
import org.planesearch.models.network.OutputLoss;

/**
 * A trained model on disk: one JSON document, format {@value #FORMAT}, version {@value #VERSION}
 * (written), versions {@value #LINEAR_VERSION} to {@value #VERSION} (read).
 *
 * <p><b>Versions.</b>
 * <ul>
 *   <li>Version 1: a linear model; no {@code "kind"}.
 *   <li>Version 2 adds {@code "kind"}, {@code "linear"} or {@code "network"}, and networks. (A
 *       version bump rather than an optional {@code "kind"}: a linear-only reader cannot read a
 *       network, and its version says so.)
 *   <li>Version 3 adds {@code "checksum"}, required: {@code "sha256:"} and the 64 hex digits of the
 *       SHA-256 of the document's canonical form (below), so that a damaged file (truncated, a bit
 *       flipped in a parameter, a stray edit) is refused with one clear line instead of predicting
 *       with wrong weights. {@code "kind"} is required for every model.
 * </ul>
 * This program writes version 3 for every model and reads all three: version-1 and 2 files
 * (written before checksums) are read as before, without a checksum; a {@code "checksum"} in them
 * is an error. Older programs refuse version-3 files with "version 3 is not supported". The
 * checksum detects damage, not tampering: it is not a signature (anyone can recompute it).
 *
 * <p><b>Canonical form</b> (what the checksum covers; {@link Checksum}): the parsed document
 * without its top-level {@code "checksum"} member, so that whitespace, key order and escapes do
 * not matter, fed to SHA-256 as bytes by this recursion (an integer is a number written without
 * fraction or exponent):
 * <pre>
 *   object  'o' count, then per member sorted by key (UTF-16 order): the key as a string, the value
 *   array   'a' count, then the elements
 *   string  's' length, then its UTF-8 bytes          (count and length: 4 bytes, big-endian)
 *   integer 'i' its decimal digits with sign, ';'
 *   other number 'd' the 8 bytes of its IEEE 754 binary64 value, big-endian
 *   true 't', false 'f', null 'n'
 * </pre>
 * Doubles enter by their bits, not their text, so the checksum does not depend on how a Java
 * version prints them. The writer computes it over the document as it will be read back.
 *
 * <p><b>Limits.</b> A model file is at most {@link #MAX_BYTES} bytes (1 GiB: about 40 million
 * parameters), checked before it is read; JSON nesting is at most 1000 deep and a number at most
 * 1000 characters (Jackson's defaults); a key given twice is an error. Sizes in the file (features,
 * widths) are validated before anything is allocated from them, and the parameter count is checked
 * against them.
 *
 * <pre>
 * {
 *   "format": "planesearch-model", "version": 3, "kind": "linear",   (version 1: no "kind")
 *   "model": "logistic" | "softmax" | "least-squares" | "huber" | "smoothed-hinge",   ({@link LossKind#id()})
 *   "lossParameter": 1.0,                    (huber's δ, smoothed-hinge's γ; only for those)
 *   "features": d, "outputs": c,             (c = 1 for binary and regression models)
 *   "intercept": true,
 *   COMMON FIELDS,
 *   "parameters": [...]                      (the flat parameter vector: weights d×c row-major, then c intercepts)
 *   "checksum": "sha256:…"                   (version 3)
 * }
 * {
 *   "format": "planesearch-model", "version": 3, "kind": "network",   (version 2: no "checksum")
 *   "widths": [d, h₁, …, c],                 (every width ≥ 1, at least one hidden layer; c = 1 for logistic
 *                                             and least-squares, the number of classes for softmax)
 *   "activation": "tanh" | "sigmoid" | "softplus" | "gelu" | "relu",   ({@link Activation#id()})
 *   "loss": "softmax" | "logistic" | "least-squares",                  ({@link OutputLoss#id()})
 *   COMMON FIELDS,
 *   "parameters": [...]                      (the flat parameter vector in {@link NetworkModel#layout()} order:
 *                                             layer1.weights (d×h₁ row-major, entry (input j, unit o) at j·h₁ + o),
 *                                             layer1.bias (h₁), layer2.weights, layer2.bias, …)
 *   "checksum": "sha256:…"                   (version 3)
 * }
 * COMMON FIELDS:
 *   "labels": ["-1", "1"],                   (class labels in model order; absent for regression)
 *   "featureNames": ["age", ...],            (the training data's header; absent when it had none)
 *   "labelColumn": "y",                      (the CSV --label-column trained with; absent for the last column)
 *   "standardizer": {"means": [...], "scales": [...]},   (absent when not standardized)
 *   "lambda": 1e-4,                          (the L2 penalty; of the weights only: never intercepts or biases)
 *   "training": { "method": ..., "data": ..., "date": ..., "termination": ..., ... },   (provenance, free form)
 * </pre>
 * The label task follows from the loss: binary for logistic and smoothed-hinge, multiclass for
 * softmax, regression otherwise. Reading validates every field (widths positive, activation and
 * loss ids known, as many finite parameters as the model's dimension, labels that fit the loss)
 * and reports the file and the field on error ({@link UserError}: one line, exit code 2). Doubles are written in Java's
 * shortest round-trip form, so parameters read back bit for bit. Never Java serialization.
 *
 * @param model the linear model (loss, d, c, intercept, loss parameter) or the network (widths,
 *     activation, output loss)
 * @param labels the classes in model order (c for softmax, 2 for binary models), null for regression
 * @param featureNames the d feature names of the training data, or null when it had none;
 *     evaluate and predict check them against the data's header
 * @param labelColumn the CSV label column as given to train ({@code --label-column}), or null for the
 *     last column; the default label column of evaluate and predict
 * @param means the standardizer's μ (length d), or null when the data was not standardized
 * @param scales the standardizer's σ (length d), null exactly when means is
 * @param lambda the L2 penalty λ the model was trained with (≥ 0)
 * @param training provenance: free-form, JSON-compatible values
 * @param parameters the parameter vector, length {@code model.dimension()}, finite
 */
record ModelFile(TrainableModel model, List<String> labels, List<String> featureNames, String labelColumn,
                 double[] means, double[] scales, double lambda, Map<String, Object> training, double[] parameters) {

    static final String FORMAT = "planesearch-model";
    /** The newest version, with a checksum, which this program writes. */
    static final int VERSION = 3;
    /** The first version with networks and "kind" (read only). */
    static final int NETWORK_VERSION = 2;
    /** The version of the first linear-model files (no "kind"; read only). */
    static final int LINEAR_VERSION = 1;
    static final String LINEAR = "linear";
    static final String NETWORK = "network";
    /** The checksum's field and its prefix. */
    static final String CHECKSUM = "checksum";
    static final String SHA256 = "sha256:";
    /** The largest model file read, in bytes (1 GiB). */
    static final long MAX_BYTES = 1L << 30;

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Validates the parts against one another (programmer errors: {@link IllegalArgumentException}). */
    ModelFile {
        if (model == null || parameters == null) {
            throw new IllegalArgumentException("model and parameters must not be null");
        }
        if (parameters.length != model.dimension()) {
            throw new IllegalArgumentException("parameters has " + parameters.length + " entries, expected " + model.dimension());
        }
        if ((means == null) != (scales == null)) {
            throw new IllegalArgumentException("means and scales must both be given or both be null");
        }
        if (means != null && (means.length != model.features() || scales.length != model.features())) {
            throw new IllegalArgumentException("standardizer has " + means.length + " means and " + scales.length
                    + " scales, expected " + model.features());
        }
        String labelProblem = labelProblem(model, labels);
        if (labelProblem != null) {
            throw new IllegalArgumentException(labelProblem);
        }
        String outputsProblem = outputsProblem(model);
        if (outputsProblem != null) {
            throw new IllegalArgumentException(outputsProblem);
        }
        if (featureNames != null && featureNames.size() != model.features()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + model.features() + " features");
        }
        if (labelColumn != null) {
            LabelColumn.parse(labelColumn);
        }
        labels = labels == null ? null : List.copyOf(labels);
        featureNames = featureNames == null ? null : List.copyOf(featureNames);
        means = means == null ? null : means.clone();
        scales = scales == null ? null : scales.clone();
        parameters = parameters.clone();
        training = training == null ? Map.of() : new LinkedHashMap<>(training);
    }

    /** The label map stored with the model. */
    LabelMap labelMap() {
        return LabelMap.of(model.task(), labels == null ? List.of() : labels);
    }

    /** The label column to read CSV data with by default, or null for the last one. */
    LabelColumn defaultLabelColumn() {
        return labelColumn == null ? null : LabelColumn.parse(labelColumn);
    }

    /** The stored standardizer, or null when the model was trained on raw features. */
    Standardizer standardizer() {
        return means == null ? null : Standardizer.of(means, scales);
    }

    @Override
    public double[] means() {
        return means == null ? null : means.clone();
    }

    @Override
    public double[] scales() {
        return scales == null ? null : scales.clone();
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    /** Writes the model as JSON to {@code file} (replacing it): version {@value #VERSION}, with its checksum. */
    void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        if (model instanceof TrainableModel.Network n) {
            NetworkModel network = n.model();
            root.put("kind", NETWORK);
            ArrayNode widths = root.putArray("widths");
            int[] w = network.widths();
            for (int i = 0; i < w.length; i++) {
                widths.add(w[i]);
            }
            root.put("activation", network.activation().id());
            root.put("loss", network.loss().id());
        } else {
            LinearModel linear = ((TrainableModel.Linear) model).model();
            root.put("kind", LINEAR);
            root.put("model", linear.loss().id());
            if (linear.loss().hasParameter()) {
                root.put("lossParameter", linear.lossParameter());
            }
            root.put("features", linear.features());
            root.put("outputs", linear.outputs());
            root.put("intercept", linear.intercept());
        }
        if (labels != null) {
            ArrayNode a = root.putArray("labels");
            for (String l : labels) {
                a.add(l);
            }
        }
        if (featureNames != null) {
            ArrayNode a = root.putArray("featureNames");
            for (String n : featureNames) {
                a.add(n);
            }
        }
        if (labelColumn != null) {
            root.put("labelColumn", labelColumn);
        }
        if (means != null) {
            ObjectNode s = root.putObject("standardizer");
            putArray(s.putArray("means"), means);
            putArray(s.putArray("scales"), scales);
        }
        root.put("lambda", lambda);
        root.set("training", JSON.valueToTree(training));
        putArray(root.putArray("parameters"), parameters);
        // the checksum of the document as a reader will see it (numbers as parsed back)
        root.put(CHECKSUM, SHA256 + Checksum.sha256(JSON.readTree(JSON.writeValueAsBytes(root)), CHECKSUM));
        JSON.writeValue(file.toFile(), root);
    }

    /**
     * The JSON text with its checksum recomputed: for tests and tools that change a model file on
     * purpose (a damaged file must fail; a deliberately edited one is resealed). Throws
     * {@link UserError} if the text is not a JSON object.
     */
    static byte[] resealed(byte[] json) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(utf8(Path.of("(text)"), json));
        } catch (JsonProcessingException e) {
            throw new UserError("not JSON: " + oneLine(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new UserError("not a JSON object");
        }
        ObjectNode o = (ObjectNode) root;
        o.remove(CHECKSUM);
        o.put(CHECKSUM, SHA256 + Checksum.sha256(o, CHECKSUM));
        return JSON.writeValueAsBytes(o);
    }

    /** Reads and validates a model file; every problem is a {@link UserError} naming the file and the field. */
    static ModelFile read(Path file) throws IOException {
        JsonNode root;
        try {
            if (Files.isDirectory(file)) {
                throw new UserError(file + ": is a folder, not a model file" + (Files.isRegularFile(file.resolve("model.json"))
                        ? " (did you mean " + file.resolve("model.json") + "?)" : ""));
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new UserError(file + ": is " + (size >> 20) + " MiB, larger than a model file may be ("
                        + (MAX_BYTES >> 20) + " MiB); is it a model file?");
            }
            root = JSON.readTree(utf8(file, Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": model file not found");
        } catch (AccessDeniedException e) {
            throw new UserError(file + ": model file cannot be read (permission denied)");
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new UserError(file + at + ": not a JSON model file (" + oneLine(e.getOriginalMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new UserError(file + ": not a Planesearch model file (expected a JSON object)");
        }
        String format = text(file, root, "format");
        if (!FORMAT.equals(format)) {
            throw new UserError(file + ": \"format\" is " + quote(format) + ", expected '" + FORMAT + "'");
        }
        int version = integer(file, root, "version");
        if (version < LINEAR_VERSION || version > VERSION) {
            throw new UserError(file + ": model format version " + version + " is not supported (this program reads "
                    + "versions " + LINEAR_VERSION + " to " + VERSION + ")");
        }
        checkChecksum(file, (ObjectNode) root, version);
        String kind = LINEAR;
        if (version == LINEAR_VERSION) {
            if (root.has("kind")) {
                throw new UserError(file + ": a version-" + LINEAR_VERSION + " model file has no \"kind\" (it is a "
                        + "linear model); \"kind\" needs \"version\": " + NETWORK_VERSION + " or later");
            }
        } else {
            kind = text(file, root, "kind");
            if (!kind.equals(LINEAR) && !kind.equals(NETWORK)) {
                throw new UserError(file + ": \"kind\" is " + quote(kind) + ", expected '" + LINEAR + "' or '" + NETWORK + "'");
            }
        }
        TrainableModel model = kind.equals(NETWORK) ? readNetwork(file, root) : readLinear(file, root);
        int features = model.features();
        List<String> labels = strings(file, root, "labels");
        String labelProblem = labelProblem(model, labels);
        if (labelProblem != null) {
            throw new UserError(file + ": " + labelProblem);
        }
        if (labels != null) {
            try {
                LabelMap.of(model.task(), labels);
            } catch (IllegalArgumentException e) {
                throw new UserError(file + ": \"labels\": " + e.getMessage());
            }
        }
        List<String> featureNames = strings(file, root, "featureNames");
        if (featureNames != null && featureNames.size() != features) {
            throw new UserError(file + ": \"featureNames\" has " + featureNames.size() + " names, expected " + features);
        }
        String labelColumn = null;
        if (root.has("labelColumn") && !root.get("labelColumn").isNull()) {
            labelColumn = text(file, root, "labelColumn");
            try {
                LabelColumn.parse(labelColumn);
            } catch (IllegalArgumentException e) {
                throw new UserError(file + ": \"labelColumn\": " + e.getMessage());
            }
        }
        double[] means = null;
        double[] scales = null;
        JsonNode st = root.get("standardizer");
        if (st != null && !st.isNull()) {
            if (!st.isObject()) {
                throw new UserError(file + ": \"standardizer\" must be an object with \"means\" and \"scales\"");
            }
            means = doubles(file, st, "standardizer.means", "means");
            scales = doubles(file, st, "standardizer.scales", "scales");
            if (means.length != features || scales.length != features) {
                throw new UserError(file + ": standardizer has " + means.length + " means and " + scales.length
                        + " scales, expected " + features + " each");
            }
            try {
                Standardizer.of(means, scales);
            } catch (IllegalArgumentException e) {
                throw new UserError(file + ": \"standardizer\": " + e.getMessage());
            }
        }
        double lambda = number(file, root, "lambda");
        if (lambda < 0) {
            throw new UserError(file + ": \"lambda\" is " + lambda + ", expected a number >= 0");
        }
        Map<String, Object> training = Map.of();
        JsonNode trainingNode = root.get("training");
        if (trainingNode != null && !trainingNode.isNull()) {
            if (!trainingNode.isObject()) {
                throw new UserError(file + ": \"training\" must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> t = JSON.convertValue(trainingNode, Map.class);
            training = t;
        }
        double[] parameters = doubles(file, root, "parameters", "parameters");
        if (parameters.length != model.dimension()) {
            throw new UserError(file + ": \"parameters\" has " + parameters.length + " values, expected " + model.dimension()
                    + " for " + shape(model));
        }
        return new ModelFile(model, labels, featureNames, labelColumn, means, scales, lambda, training, parameters);
    }

    /**
     * Checks the checksum of a version-3 file against its content; refuses one in an older file.
     * A mismatch means the file was damaged or edited after it was written.
     */
    private static void checkChecksum(Path file, ObjectNode root, int version) {
        JsonNode stored = root.get(CHECKSUM);
        if (version < VERSION) {
            if (stored != null) {
                throw new UserError(file + ": a version-" + version + " model file has no \"" + CHECKSUM + "\" (checksums "
                        + "came with version " + VERSION + ")");
            }
            return;
        }
        if (stored == null) {
            throw new UserError(file + ": missing \"" + CHECKSUM + "\" (a version-" + VERSION + " model file has one); "
                    + "the file is damaged or was cut short");
        }
        String text = stored.isTextual() ? stored.asText() : stored.toString();
        if (!stored.isTextual() || !text.matches("sha256:[0-9a-f]{64}")) {
            throw new UserError(file + ": \"" + CHECKSUM + "\" is " + quote(text) + ", expected \"" + SHA256
                    + "\" and 64 lower-case hex digits");
        }
        String actual = Checksum.sha256(root, CHECKSUM);
        String expected = text.substring(SHA256.length());
        if (!actual.equals(expected)) {
            throw new UserError(file + ": checksum mismatch: the content's SHA-256 is " + actual.substring(0, 12)
                    + "…, the file says " + expected.substring(0, 12) + "…; the file is damaged or was edited after it "
                    + "was written (retrain, or restore it from a copy)");
        }
    }

    /**
     * The file's text, decoded strictly as UTF-8 (JSON's encoding, RFC 8259 §8.1): Jackson would
     * otherwise guess UTF-16 or UTF-32 from the first bytes and fail with a message that does not
     * name the file.
     */
    private static String utf8(Path file, byte[] bytes) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UserError(file + ": not a JSON model file (not UTF-8 text)");
        }
    }

    /** A value from the file as a message shows it: quoted, control characters escaped, long ones cut. */
    private static String quote(String s) {
        return org.planesearch.data.DataFormatException.quote(s);
    }

    /** The linear model of a version-1 file (or a version-2 or 3 file of kind "linear"). */
    private static TrainableModel readLinear(Path file, JsonNode root) {
        String id = text(file, root, "model");
        LossKind loss = null;
        for (LossKind k : LossKind.values()) {
            if (k.id().equals(id)) {
                loss = k;
            }
        }
        if (loss == null) {
            throw new UserError(file + ": \"model\" is " + quote(id) + ", expected one of " + ids());
        }
        int features = integer(file, root, "features");
        int outputs = integer(file, root, "outputs");
        boolean intercept = bool(file, root, "intercept");
        double lossParameter = 0;
        if (loss.hasParameter()) {
            lossParameter = number(file, root, "lossParameter");
        } else if (root.has("lossParameter")) {
            throw new UserError(file + ": a " + loss.id() + " model has no \"lossParameter\"");
        }
        try {
            return new TrainableModel.Linear(new LinearModel(loss, features, outputs, intercept, lossParameter));
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": " + e.getMessage());
        }
    }

    /** The network of a version-2 file of kind "network". */
    private static TrainableModel readNetwork(Path file, JsonNode root) {
        JsonNode node = root.get("widths");
        if (node == null || !node.isArray()) {
            throw new UserError(file + ": missing array \"widths\" (the layer widths: inputs, hidden widths..., outputs)");
        }
        if (node.size() < 3) {
            throw new UserError(file + ": \"widths\" has " + node.size() + " entr" + (node.size() == 1 ? "y" : "ies")
                    + ", expected at least 3 (inputs, hidden widths..., outputs)");
        }
        int[] widths = new int[node.size()];
        for (int i = 0; i < widths.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
                throw new UserError(file + ": \"widths\"[" + i + "] is " + quote(v.toString()) + ", expected a whole number >= 1");
            }
            widths[i] = v.intValue();
        }
        Activation activation;
        try {
            activation = Activation.fromId(text(file, root, "activation"));
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": \"activation\": " + e.getMessage());
        }
        OutputLoss loss;
        try {
            loss = OutputLoss.fromId(text(file, root, "loss"));
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": \"loss\": " + e.getMessage());
        }
        TrainableModel model;
        try {
            model = new TrainableModel.Network(NetworkModel.of(widths, activation, loss));
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": \"widths\" " + Arrays.toString(widths) + ": " + e.getMessage());
        }
        String outputsProblem = outputsProblem(model);
        if (outputsProblem != null) {
            throw new UserError(file + ": " + outputsProblem);
        }
        return model;
    }

    /**
     * What is wrong with the number of outputs, or null: a least-squares network here predicts
     * one value per row (the data has one label column), so it has one output.
     */
    private static String outputsProblem(TrainableModel model) {
        if (model instanceof TrainableModel.Network n && n.model().loss() == OutputLoss.SQUARED && n.outputs() != 1) {
            return "\"widths\" " + Arrays.toString(n.model().widths()) + " ends in " + n.outputs() + " outputs; "
                    + "a least-squares network predicts one value (1 output)";
        }
        return null;
    }

    /** The model's shape for a message: "13 features and 1 outputs with intercept", "widths [4, 10, 3]". */
    private static String shape(TrainableModel model) {
        if (model instanceof TrainableModel.Network n) {
            return "widths " + Arrays.toString(n.model().widths());
        }
        LinearModel m = ((TrainableModel.Linear) model).model();
        return m.features() + " features and " + m.outputs() + " outputs" + (m.intercept() ? " with intercept" : "");
    }

    /** What is wrong with the labels for this model, or null. */
    private static String labelProblem(TrainableModel model, List<String> labels) {
        LabelTask task = model.task();
        if (task == LabelTask.REGRESSION) {
            return labels == null ? null : "a " + model.noun() + " has no \"labels\"";
        }
        int expected = task == LabelTask.MULTICLASS ? model.outputs() : 2;
        if (labels == null || labels.size() != expected) {
            return "a " + model.noun() + " with " + model.outputs() + " output" + (model.outputs() == 1 ? "" : "s")
                    + " needs " + expected + " \"labels\", found " + (labels == null ? "none" : labels.size());
        }
        return null;
    }

    private static String ids() {
        List<String> ids = new ArrayList<>();
        for (LossKind k : LossKind.values()) {
            ids.add(k.id());
        }
        return ids.toString();
    }

    private static void putArray(ArrayNode a, double[] v) {
        for (double x : v) {
            a.add(x);
        }
    }

    /** An optional array of strings: null when absent. */
    private static List<String> strings(Path file, JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new UserError(file + ": \"" + field + "\" must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode l : node) {
            if (!l.isTextual()) {
                throw new UserError(file + ": \"" + field + "\" must be an array of strings, found " + l);
            }
            out.add(l.asText());
        }
        return out;
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
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new UserError(file + ": missing or non-integer field \"" + field + "\"");
        }
        return n.intValue();
    }

    private static boolean bool(Path file, JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isBoolean()) {
            throw new UserError(file + ": \"" + field + "\" must be true or false");
        }
        return n.booleanValue();
    }

    private static double number(Path file, JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new UserError(file + ": missing or non-numeric field \"" + field + "\"" + (n == null ? "" : ", found " + n));
        }
        return n.asDouble();
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
                throw new UserError(file + ": \"" + path + "\"[" + i + "] is " + quote(v.toString()) + ", not a finite number");
            }
            out[i] = v.asDouble();
        }
        return out;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelFile m && m.model.equals(model) && java.util.Objects.equals(m.labels, labels)
                && java.util.Objects.equals(m.featureNames, featureNames) && java.util.Objects.equals(m.labelColumn, labelColumn)
                && Arrays.equals(m.means, means) && Arrays.equals(m.scales, scales)
                && Double.compare(m.lambda, lambda) == 0 && m.training.equals(training)
                && Arrays.equals(m.parameters, parameters);
    }

    @Override
    public int hashCode() {
        return 31 * model.hashCode() + Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
        return "ModelFile[" + model + ", labels=" + labels + ", standardized=" + (means != null) + ", lambda=" + lambda
                + ", " + parameters.length + " parameters]";
    }
}
