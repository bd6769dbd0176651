package org.planesearch.models.linear;

/**
 * The loss ℓ(z, y) of a linear-composition model, as written in model files and on the command
 * line ({@link #id()}). Per example, with the score z = xᵀW + b:
 *
 * <table>
 *   <caption>Losses</caption>
 *   <tr><th>kind</th><th>labels</th><th>ℓ(z, y)</th><th>ℓ''</th></tr>
 *   <tr><td>{@link #LOGISTIC}</td><td>y ∈ {−1, +1}</td><td>log(1 + exp(−y z))</td>
 *       <td>σ(z)σ(−z)</td></tr>
 *   <tr><td>{@link #SOFTMAX}</td><td>y ∈ {0 … c−1}</td><td>log Σₒ exp(zₒ) − z_y</td>
 *       <td>diag(p) − p pᵀ, p = softmax(z)</td></tr>
 *   <tr><td>{@link #LEAST_SQUARES}</td><td>y ∈ ℝ</td><td>½(z − y)²</td><td>1</td></tr>
 *   <tr><td>{@link #HUBER}</td><td>y ∈ ℝ</td><td>½r² if |r| ≤ δ, else δ(|r| − δ/2); r = z − y</td>
 *       <td>1 if |r| ≤ δ, else 0</td></tr>
 *   <tr><td>{@link #SMOOTHED_HINGE}</td><td>y ∈ {−1, +1}</td>
 *       <td>with m = y z: 1 − m − γ/2 if m ≤ 1 − γ; (1 − m)²/(2γ) if 1 − γ &lt; m &lt; 1; 0 if m ≥ 1</td>
 *       <td>1/γ on 1 − γ &lt; m &lt; 1, else 0</td></tr>
 * </table>
 *
 * <p>Huber and the smoothed hinge are once continuously differentiable; their second derivative
 * jumps at the kinks. There "∇²" means the one-sided value given above (the inner piece for Huber,
 * |r| ≤ δ inclusive; the flat pieces for the hinge, m ≤ 1 − γ or m ≥ 1), an element of Clarke's
 * generalized Hessian, so Newton-type searches stay well defined.
 *
 * <p>References: logistic and softmax (multinomial logit) regression, e.g. Bishop (2006),
 * Pattern Recognition and Machine Learning, §4.3.2 and §4.3.4; Huber (1964), "Robust estimation
 * of a location parameter", Ann. Math. Statist. 35(1); smoothed hinge: Rennie &amp; Srebro (2005),
 * "Loss functions for preference levels", IJCAI workshop (γ = 1 there).
 */
public enum LossKind {
    /** Binary logistic regression, labels ±1; one output. */
    LOGISTIC("logistic", false),
    /** Multinomial logistic (softmax cross-entropy), classes 0 … c−1; c outputs. */
    SOFTMAX("softmax", false),
    /** Least squares regression; one output. */
    LEAST_SQUARES("least-squares", false),
    /** Huber regression with threshold δ (parameter, default 1.0); one output. */
    HUBER("huber", true),
    /** Quadratically smoothed hinge (support vector machine), labels ±1, smoothing γ (parameter, default 1.0); one output. */
    SMOOTHED_HINGE("smoothed-hinge", true);

    private final String id;
    private final boolean hasParameter;

    LossKind(String id, boolean hasParameter) {
        this.id = id;
        this.hasParameter = hasParameter;
    }

    /** The name in model files and on the command line, e.g. {@code least-squares}. */
    public String id() {
        return id;
    }

    /** The kind with the given {@link #id()}. */
    public static LossKind fromId(String id) {
        for (LossKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (LossKind k : values()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(k.id);
        }
        throw new IllegalArgumentException("unknown loss '" + id + "'; expected one of: " + allowed);
    }

    /** True for the kinds whose labels are classes (logistic, softmax, smoothed hinge). */
    public boolean isClassification() {
        return this == LOGISTIC || this == SOFTMAX || this == SMOOTHED_HINGE;
    }

    /** True for the two-class kinds with labels ±1 (logistic, smoothed hinge). */
    public boolean isBinary() {
        return this == LOGISTIC || this == SMOOTHED_HINGE;
    }

    /** True when the model gives class probabilities (logistic, softmax). */
    public boolean hasProbabilities() {
        return this == LOGISTIC || this == SOFTMAX;
    }

    /** True when the loss has a parameter: Huber's δ, the smoothed hinge's γ. */
    public boolean hasParameter() {
        return hasParameter;
    }

    /** The parameter's name ("delta", "smoothing"), or null when the loss has none. */
    public String parameterName() {
        return this == HUBER ? "delta" : this == SMOOTHED_HINGE ? "smoothing" : null;
    }

    /** The default parameter: 1.0 for Huber's δ and the hinge's γ; 0 for losses without one. */
    public double defaultParameter() {
        return hasParameter ? 1.0 : 0.0;
    }
}
