package org.planesearch.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps raw labels to a model's targets, and back.
 *
 * <ul>
 *   <li>{@link LabelTask#BINARY}: exactly two distinct labels. The <b>smaller</b> label maps to
 *       −1 (class index 0) and the <b>larger</b> to +1 (class index 1): by numeric value when
 *       every label is a number ({-1, +1}: +1 is +1; {0, 1}: 1 is +1), otherwise by
 *       {@link String#compareTo} ({"benign", "malignant"}: "malignant" is +1).
 *   <li>{@link LabelTask#MULTICLASS}: c ≥ 2 distinct labels, sorted the same way, map to
 *       0 … c−1.
 *   <li>{@link LabelTask#REGRESSION}: numeric labels are the targets; no classes.
 * </ul>
 *
 * <p>The map is stored with a model as {@link #task()} plus {@link #classes()} (a list of label
 * strings, numbers spelled {@linkplain NumberSyntax#canonical canonically}) and rebuilt with
 * {@link #of(LabelTask, List)}, so test data is mapped exactly as the training data was. A label
 * that was not seen in training is an error naming its line.
 *
 * <p>Immutable and thread-safe.
 */
public final class LabelMap {

    /** The default largest number of classes {@link #multiclass(Labels)} accepts. */
    public static final int DEFAULT_MAX_CLASSES = 1000;

    /** How many labels an error message lists before "… and N more". */
    private static final int LISTED = 10;

    private final LabelTask task;
    private final List<String> classes;
    /** Sorted class values when numeric, else null. */
    private final double[] numericClasses;
    /** Class index of each label string when not numeric, else null. */
    private final Map<String, Integer> index;

    private LabelMap(LabelTask task, List<String> classes, double[] numericClasses) {
        this.task = task;
        this.classes = List.copyOf(classes);
        this.numericClasses = numericClasses;
        if (numericClasses == null) {
            Map<String, Integer> m = new HashMap<>();
            for (int c = 0; c < classes.size(); c++) {
                m.put(classes.get(c), c);
            }
            this.index = m;
        } else {
            this.index = null;
        }
    }

    /** Fits a map for the given task; see {@link #binary}, {@link #multiclass}, {@link #regression}. */
    public static LabelMap fit(LabelTask task, Labels labels) throws DataFormatException {
        switch (task) {
            case BINARY:
                return binary(labels);
            case MULTICLASS:
                return multiclass(labels);
            case REGRESSION:
                return regression(labels);
            default:
                throw new IllegalArgumentException("task " + task);
        }
    }

    /**
     * A binary map: exactly two distinct labels, the larger is +1.
     *
     * @throws DataFormatException if labels are absent or there are not exactly two distinct ones
     *     (the message lists those found and where each first appears)
     */
    public static LabelMap binary(Labels labels) throws DataFormatException {
        requirePresent(labels, LabelTask.BINARY);
        List<String> distinct = labels.distinct();
        if (distinct.size() != 2) {
            throw new DataFormatException(labels.source(), "a binary model needs exactly 2 distinct labels, found "
                    + distinct.size() + ": " + listWithFirstRows(labels, distinct)
                    + (distinct.size() > 2 ? " (train a multiclass model for more than 2 classes)" : ""));
        }
        return build(LabelTask.BINARY, labels, distinct);
    }

    /** A multiclass map with at most {@link #DEFAULT_MAX_CLASSES} classes. */
    public static LabelMap multiclass(Labels labels) throws DataFormatException {
        return multiclass(labels, DEFAULT_MAX_CLASSES);
    }

    /**
     * A multiclass map: c distinct labels, 2 ≤ c ≤ maxClasses, sorted, mapped to 0 … c−1.
     *
     * @throws DataFormatException if labels are absent, or there are fewer than 2 or more than
     *     maxClasses distinct ones (a guard against regression targets read as classes)
     */
    public static LabelMap multiclass(Labels labels, int maxClasses) throws DataFormatException {
        if (maxClasses < 2) {
            throw new IllegalArgumentException("maxClasses must be >= 2, got " + maxClasses);
        }
        requirePresent(labels, LabelTask.MULTICLASS);
        List<String> distinct = labels.distinct();
        if (distinct.size() < 2) {
            throw new DataFormatException(labels.source(), "a multiclass model needs at least 2 distinct labels, found "
                    + distinct.size() + ": " + listWithFirstRows(labels, distinct));
        }
        if (distinct.size() > maxClasses) {
            throw new DataFormatException(labels.source(), "found " + distinct.size()
                    + " distinct labels, more than the limit of " + maxClasses + " classes: "
                    + listWithFirstRows(labels, distinct)
                    + "; if these are numeric targets, train a regression model, otherwise raise the class limit");
        }
        return build(LabelTask.MULTICLASS, labels, distinct);
    }

    /**
     * A regression map: every label must be a finite number.
     *
     * @throws DataFormatException at the first label that is not a number
     */
    public static LabelMap regression(Labels labels) throws DataFormatException {
        requirePresent(labels, LabelTask.REGRESSION);
        if (!labels.isNumeric()) {
            for (int i = 0; i < labels.size(); i++) {
                if (!NumberSyntax.isNumber(labels.get(i))) {
                    throw new DataFormatException(labels.source(), labels.line(i), 0, "label "
                            + DataFormatException.quote(labels.get(i)) + at(labels, i)
                            + " is not a number; a regression model needs numeric targets");
                }
            }
            throw new DataFormatException(labels.source(), "labels are not all finite numbers; "
                    + "a regression model needs numeric targets");
        }
        return new LabelMap(LabelTask.REGRESSION, List.of(), new double[0]);
    }

    /**
     * Rebuilds a map from its stored form.
     *
     * @param classes for BINARY exactly 2, for MULTICLASS at least 2, for REGRESSION none;
     *     distinct and sorted as {@link #classes()} gives them; not modified
     * @throws IllegalArgumentException if the stored form is inconsistent
     */
    public static LabelMap of(LabelTask task, List<String> classes) {
        if (task == null || classes == null) {
            throw new IllegalArgumentException("task and classes must not be null");
        }
        if (task == LabelTask.REGRESSION) {
            if (!classes.isEmpty()) {
                throw new IllegalArgumentException("a regression label map has no classes, got " + classes);
            }
            return new LabelMap(task, List.of(), new double[0]);
        }
        if (task == LabelTask.BINARY && classes.size() != 2) {
            throw new IllegalArgumentException("a binary label map needs exactly 2 classes, got " + classes);
        }
        if (classes.size() < 2) {
            throw new IllegalArgumentException("a multiclass label map needs at least 2 classes, got " + classes);
        }
        boolean numeric = true;
        for (String c : classes) {
            if (c == null) {
                throw new IllegalArgumentException("class labels must not be null: " + classes);
            }
            numeric &= NumberSyntax.isNumber(c) && Double.isFinite(NumberSyntax.parse(c));
        }
        if (numeric) {
            double[] v = new double[classes.size()];
            List<String> canonical = new ArrayList<>();
            for (int c = 0; c < v.length; c++) {
                v[c] = NumberSyntax.parse(classes.get(c)) + 0.0;
                if (c > 0 && !(v[c] > v[c - 1])) {
                    throw new IllegalArgumentException("numeric classes must be distinct and increasing: " + classes);
                }
                canonical.add(NumberSyntax.canonical(v[c]));
            }
            return new LabelMap(task, canonical, v);
        }
        for (int c = 1; c < classes.size(); c++) {
            if (classes.get(c).compareTo(classes.get(c - 1)) <= 0) {
                throw new IllegalArgumentException("classes must be distinct and sorted: " + classes);
            }
        }
        return new LabelMap(task, classes, null);
    }

    /** The task. */
    public LabelTask task() {
        return task;
    }

    /** The classes in index order (BINARY: [negative, positive]); empty for regression. */
    public List<String> classes() {
        return classes;
    }

    /** The number of classes c (0 for regression). */
    public int numClasses() {
        return classes.size();
    }

    /** True if labels are matched by numeric value. */
    public boolean isNumeric() {
        return numericClasses != null;
    }

    /** The label of a class index (BINARY: 0 is the −1 class, 1 the +1 class). */
    public String label(int classIndex) {
        if (classIndex < 0 || classIndex >= classes.size()) {
            throw new IndexOutOfBoundsException("class " + classIndex + " of " + classes.size());
        }
        return classes.get(classIndex);
    }

    /**
     * The class index of each row: 0 … c−1 (BINARY: 0 for −1, 1 for +1).
     *
     * @throws DataFormatException at the first label not seen in training
     * @throws IllegalStateException for a regression map
     */
    public int[] classIndices(Labels labels) throws DataFormatException {
        if (task == LabelTask.REGRESSION) {
            throw new IllegalStateException("a regression label map has no class indices");
        }
        requirePresent(labels, task);
        int[] out = new int[labels.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = classIndex(labels, i);
        }
        return out;
    }

    /**
     * The model's targets: ±1 for BINARY, the class index for MULTICLASS, the value for
     * REGRESSION.
     *
     * @throws DataFormatException at the first label not seen in training (or not a number for
     *     regression)
     */
    public double[] targets(Labels labels) throws DataFormatException {
        requirePresent(labels, task);
        double[] out = new double[labels.size()];
        if (task == LabelTask.REGRESSION) {
            if (!labels.isNumeric()) {
                regression(labels); // throws, naming the first non-number
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = labels.value(i);
            }
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            int c = classIndex(labels, i);
            out[i] = task == LabelTask.BINARY ? (c == 1 ? 1.0 : -1.0) : c;
        }
        return out;
    }

    /** The class index of row i. @throws DataFormatException if its label was not seen in training */
    public int classIndex(Labels labels, int i) throws DataFormatException {
        String raw = labels.get(i);
        int c = -1;
        if (numericClasses != null) {
            double v;
            if (labels.isNumeric()) {
                v = labels.value(i);
            } else {
                v = NumberSyntax.isNumber(raw) ? NumberSyntax.parse(raw) : Double.NaN;
            }
            if (Double.isFinite(v)) {
                int k = Arrays.binarySearch(numericClasses, v + 0.0);
                c = k >= 0 ? k : -1;
            }
        } else {
            Integer k = index.get(raw);
            c = k == null ? -1 : k;
        }
        if (c < 0) {
            throw new DataFormatException(labels.source(), labels.line(i), 0, "label " + DataFormatException.quote(raw)
                    + at(labels, i) + " was not seen in training; known labels: " + quoteAll(classes));
        }
        return c;
    }

    @Override
    public String toString() {
        return "LabelMap[" + task.id() + (classes.isEmpty() ? "" : ", classes " + classes) + "]";
    }

    private static LabelMap build(LabelTask task, Labels labels, List<String> distinct) {
        if (labels.isNumeric()) {
            double[] v = new double[distinct.size()];
            for (int c = 0; c < v.length; c++) {
                v[c] = NumberSyntax.parse(distinct.get(c)) + 0.0;
            }
            return new LabelMap(task, distinct, v);
        }
        return new LabelMap(task, distinct, null);
    }

    private static void requirePresent(Labels labels, LabelTask task) throws DataFormatException {
        if (!labels.isPresent()) {
            throw new DataFormatException(labels.source(), "has no labels; a " + task.id() + " model needs them");
        }
    }

    /** " (row 17)" when rows are not lines (the location prefix then has no line), else "". */
    private static String at(Labels labels, int i) {
        return labels.line(i) > 0 ? "" : " (" + labels.where(i) + ")";
    }

    private static String listWithFirstRows(Labels labels, List<String> distinct) {
        Map<String, Integer> first = new LinkedHashMap<>();
        for (String key : distinct.subList(0, Math.min(LISTED, distinct.size()))) {
            first.put(key, -1);
        }
        int found = 0;
        for (int i = 0; i < labels.size() && found < first.size(); i++) {
            String key = labels.key(i);
            Integer seen = first.get(key);
            if (seen != null && seen < 0) {
                first.put(key, i);
                found++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : first.entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(DataFormatException.quote(e.getKey()));
            if (e.getValue() >= 0) {
                sb.append(" (first at ").append(labels.where(e.getValue())).append(')');
            }
        }
        if (distinct.size() > LISTED) {
            sb.append(", … and ").append(distinct.size() - LISTED).append(" more");
        }
        return sb.toString();
    }

    private static String quoteAll(List<String> values) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(LISTED, values.size());
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(DataFormatException.quote(values.get(i)));
        }
        if (values.size() > n) {
            sb.append(", … and ").append(values.size() - n).append(" more");
        }
        return sb.toString();
    }
}
