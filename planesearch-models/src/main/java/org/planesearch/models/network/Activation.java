package org.planesearch.models.network;

/**
 * The activation σ of a network's hidden layers, applied entry by entry to the pre-activations
 * P = H·W + 1·bᵀ, with its first and second derivatives (the gradient needs σ', the exact
 * Hessian-vector product σ'' as well). As written in model files and on the command line
 * ({@link #id()}):
 *
 * <table>
 *   <caption>Activations</caption>
 *   <tr><th>kind</th><th>σ(u)</th><th>σ'(u)</th><th>σ''(u)</th></tr>
 *   <tr><td>{@link #TANH}</td><td>tanh u</td><td>1 − tanh²u</td><td>−2 tanh u (1 − tanh²u)</td></tr>
 *   <tr><td>{@link #SIGMOID}</td><td>s(u) = 1/(1 + e⁻ᵘ)</td><td>s(u)s(−u)</td><td>−s'(u) tanh(u/2)</td></tr>
 *   <tr><td>{@link #SOFTPLUS}</td><td>log(1 + eᵘ)</td><td>s(u)</td><td>s(u)s(−u)</td></tr>
 *   <tr><td>{@link #GELU}</td><td>u·s(v(u)), v = 2√(2/π)(u + 0.044715u³)</td>
 *       <td>s(v) + u s'(v) v'</td><td>2 s'(v) v' + u (s''(v) v'² + s'(v) v'')</td></tr>
 *   <tr><td>{@link #RELU}</td><td>max(u, 0)</td><td>1 if u &gt; 0, else 0</td><td>0</td></tr>
 * </table>
 *
 * <p><b>GELU</b> is the tanh approximation of Hendrycks &amp; Gimpel (2016), "Gaussian Error
 * Linear Units (GELUs)", arXiv:1606.08415, eq. (2): ½u(1 + tanh(√(2/π)(u + 0.044715u³))), which
 * equals u·s(v) with v as above (since ½(1 + tanh a) = s(2a)); it is the form of BERT and GPT-2
 * and PyTorch's {@code gelu(approximate="tanh")}. We chose it over the exact u·Φ(u) because it
 * is built from the same vectorized exponential as the other activations, its derivatives are
 * closed forms of s, and an erf accurate to a few ulp over the whole line (tails included) would
 * need a long minimax table of its own. It differs from u·Φ(u) by at most 4.73·10⁻⁴ (at
 * u ≈ −2.70; test {@code ActivationTest}); everything here (values, gradients, Hessians) is exact for the
 * approximation, which is the function the model defines. For |u| &gt; 20 the polynomial v is
 * evaluated at ±20, where s(v) is already 1 or below 10⁻²⁶⁰: the values change by less than
 * 10⁻²⁵⁰ and the derivative terms u s'(v) v' stay finite.
 *
 * <p><b>ReLU</b> is piecewise linear: σ'' = 0 and σ'(0) = 0. The Hessian of a ReLU network is
 * then the generalized Hessian of the piecewise-smooth objective: exact wherever no
 * pre-activation is exactly 0 (the kinks, a set of measure zero in parameter space), and a
 * one-sided element of Clarke's generalized Hessian at the kinks. Finite-difference checks must
 * stay away from the kinks.
 *
 * <p><b>Numerics.</b> Everything is computed from e = exp(−|u|) (−2|u| for tanh, −|v| for GELU)
 * and e − 1 ({@link Exponentials}), in forms that neither overflow nor cancel for any finite u:
 * tanh|u| = −(e − 1)/(1 + e) and sech²u = 4e/(1 + e)²; s(u) = 1/(1 + e) or e/(1 + e) by the sign
 * of u, s'(u) = e/(1 + e)², tanh(u/2) = ±(1 − e)/(1 + e); log(1 + eᵘ) = max(u, 0) + log1p(e),
 * with log1p(e) = log w − (w − 1 − e)/w, w = fl(1 + e) (one {@code Math.log}). Measured worst
 * errors over 4·10⁵ arguments in [−30, 30] and down to |u| = 10⁻¹⁰, against stable
 * {@code StrictMath} forms (test {@code ActivationTest}), in ulp for σ / σ' / σ'': tanh
 * 4 / 8 / 10, sigmoid 2 / 3 / 6, softplus 2 / 2 / 3. GELU agrees with u·s(v) computed by
 * {@code StrictMath} to a few ulp times 1 + |v|, the condition number of e⁻|v| (the rounding of
 * v itself, shared by any implementation). Tiny arguments keep their relative accuracy
 * (tanh(10⁻²⁰) = 10⁻²⁰ exactly).
 *
 * <p><b>Kernels.</b> {@link #apply} works through its range in blocks of {@link #BLOCK} values
 * as short loops of pure arithmetic over the zero-based arrays of a {@link Scratch} (the shape
 * HotSpot vectorizes): |u|, then the exponentials, then 1/(1 + e), then one loop per requested
 * output. Only the softplus value calls a library function ({@code Math.log}, an intrinsic).
 * Measured on the build machine (AMD EPYC, JDK 17, blocks in L1): tanh 2.7 ns per value against
 * 19 ns for a loop of {@code Math.tanh}. The scalar methods ({@link #value}, {@link #derivative}, {@link #secondDerivative}) run the same
 * kernel on one value and give the same bits; they allocate, for tests and single values.
 *
 * <p>Immutable and thread-safe; a {@link Scratch} is not.
 */
public enum Activation {
    /** Hyperbolic tangent. */
    TANH("tanh"),
    /** The logistic function s(u) = 1/(1 + e⁻ᵘ). */
    SIGMOID("sigmoid"),
    /** log(1 + eᵘ), a smooth ReLU. */
    SOFTPLUS("softplus"),
    /** The Gaussian error linear unit, tanh approximation (see the class comment). */
    GELU("gelu"),
    /** max(u, 0); piecewise linear (see the class comment for its Hessian). */
    RELU("relu");

    /** Values per block of the kernels: the scratch arrays' length. */
    public static final int BLOCK = 256;

    /** √(2/π), GELU's scale. */
    private static final double GELU_SCALE = 0.7978845608028654;
    /** GELU's cubic coefficient. */
    private static final double GELU_CUBIC = 0.044715;
    /** |u| beyond which GELU's polynomial is evaluated at ±GELU_CLAMP. */
    private static final double GELU_CLAMP = 20.0;
    /** Above 2⁻⁶⁰ the sign blend of s(u) is exactly 1 (see {@link #logistic}). */
    private static final double BLEND_SCALE = 0x1p60;

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /**
     * Workspace of the kernels: three arrays of {@link #BLOCK} values. One per thread; reused
     * across calls, never shared between concurrent calls.
     */
    public static final class Scratch {
        final double[] x;
        final double[] e;
        final double[] em;

        /** A workspace for {@link Activation#apply}. */
        public Scratch() {
            this(BLOCK);
        }

        Scratch(int size) {
            x = new double[size];
            e = new double[size];
            em = new double[size];
        }
    }

    /** The name in model files and on the command line, e.g. {@code tanh}. */
    public String id() {
        return id;
    }

    /** The activation with the given {@link #id()}. */
    public static Activation fromId(String id) {
        Activation[] all = values();
        for (int i = 0; i < all.length; i++) {
            if (all[i].id.equals(id)) {
                return all[i];
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (int i = 0; i < all.length; i++) {
            allowed.append(i == 0 ? "" : ", ").append(all[i].id);
        }
        throw new IllegalArgumentException("unknown activation '" + id + "'; expected one of: " + allowed);
    }

    /** True for {@link #RELU}: σ'' = 0 and the Hessian is generalized at the kinks. */
    public boolean isPiecewiseLinear() {
        return this == RELU;
    }

    /** σ(u). Allocates; the same bits as {@link #apply}. */
    public double value(double u) {
        double[] out = new double[1];
        apply(new double[] {u}, 0, 1, out, null, null, new Scratch(1));
        return out[0];
    }

    /** σ'(u). Allocates; the same bits as {@link #apply}. */
    public double derivative(double u) {
        double[] out = new double[1];
        apply(new double[] {u}, 0, 1, null, out, null, new Scratch(1));
        return out[0];
    }

    /** σ''(u). Allocates; the same bits as {@link #apply}. */
    public double secondDerivative(double u) {
        double[] out = new double[1];
        apply(new double[] {u}, 0, 1, null, null, out, new Scratch(1));
        return out[0];
    }

    /**
     * For i ∈ [offset, offset + length): valueOut[i] = σ(u[i]), firstOut[i] = σ'(u[i]),
     * secondOut[i] = σ''(u[i]); an output that is null is not computed. valueOut may be u itself
     * (σ in place: each block's values are written after its u[i] are last read); firstOut and
     * secondOut must not be u, and the outputs must be distinct arrays. u: not modified unless it
     * is valueOut. Outputs: modified in the range. scratch: modified.
     *
     * @throws IllegalArgumentException if the range does not fit an array, or the outputs alias
     *     each other or firstOut or secondOut is u
     */
    public void apply(double[] u, int offset, int length, double[] valueOut, double[] firstOut, double[] secondOut,
                      Scratch scratch) {
        checkRange("u", u, offset, length);
        if (valueOut != null) {
            checkRange("valueOut", valueOut, offset, length);
        }
        if (firstOut != null) {
            checkRange("firstOut", firstOut, offset, length);
        }
        if (secondOut != null) {
            checkRange("secondOut", secondOut, offset, length);
        }
        if ((valueOut != null && (valueOut == firstOut || valueOut == secondOut))
                || (firstOut != null && firstOut == secondOut)) {
            throw new IllegalArgumentException("valueOut, firstOut and secondOut must be distinct arrays");
        }
        if (firstOut == u || secondOut == u) {
            throw new IllegalArgumentException("firstOut and secondOut must not be the same array as u");
        }
        if (scratch == null) {
            throw new IllegalArgumentException("scratch must not be null");
        }
        int block = scratch.x.length;
        int end = offset + length;
        for (int at = offset; at < end; at += block) {
            int m = Math.min(block, end - at);
            switch (this) {
                case TANH:
                    tanh(u, at, m, valueOut, firstOut, secondOut, scratch);
                    break;
                case SIGMOID:
                    sigmoid(u, at, m, valueOut, firstOut, secondOut, scratch);
                    break;
                case SOFTPLUS:
                    softplus(u, at, m, valueOut, firstOut, secondOut, scratch);
                    break;
                case GELU:
                    gelu(u, at, m, valueOut, firstOut, secondOut, scratch);
                    break;
                case RELU:
                    relu(u, at, m, valueOut, firstOut, secondOut);
                    break;
                default:
                    throw new IllegalStateException("unhandled activation " + this);
            }
        }
    }

    private static void checkRange(String name, double[] a, int offset, int length) {
        if (a == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (offset < 0 || length < 0 || (long) offset + length > a.length) {
            throw new IllegalArgumentException(name + " has length " + a.length + ", needs the range [" + offset + ", "
                    + ((long) offset + length) + ")");
        }
    }

    // ---------------------------------------------------------------- block kernels (m ≤ BLOCK values at `at`)

    /** e = exp(−2|u|), em = e − 1, x = 1/(1 + e); tanh|u| = −em·x, sech²u = 4e·x². */
    private static void tanh(double[] u, int at, int m, double[] valueOut, double[] firstOut, double[] secondOut,
                             Scratch s) {
        double[] x = s.x;
        double[] e = s.e;
        double[] em = s.em;
        for (int q = 0; q < m; q++) {
            x[q] = -2 * Math.abs(u[at + q]);
        }
        Exponentials.expAndExpm1(x, m, e, em);
        for (int q = 0; q < m; q++) {
            x[q] = 1 / (1 + e[q]);
        }
        if (secondOut != null) {
            // before the value: u may be valueOut
            for (int q = 0; q < m; q++) {
                double t = Math.copySign(-em[q] * x[q], u[at + q]);
                secondOut[at + q] = -2 * t * (4 * e[q] * (x[q] * x[q]));
            }
        }
        if (valueOut != null) {
            for (int q = 0; q < m; q++) {
                valueOut[at + q] = Math.copySign(-em[q] * x[q], u[at + q]);
            }
        }
        if (firstOut != null) {
            for (int q = 0; q < m; q++) {
                firstOut[at + q] = 4 * e[q] * (x[q] * x[q]);
            }
        }
    }

    /**
     * s(w) from e = exp(−|w|) and x = 1/(1 + e): (g + (1 − g)e)·x with g = min(1, max(0, 2⁶⁰w)),
     * which is e·x for w ≤ 0, exactly x for w ≥ 2⁻⁶⁰, and within 2⁻⁶⁰ of both in between (there
     * e rounds to 1): the choice by the sign of w without a branch.
     */
    private static double logistic(double w, double e, double x) {
        double g = Math.min(1.0, Math.max(0.0, BLEND_SCALE * w));
        return (g + (1 - g) * e) * x;
    }

    /** e = exp(−|u|), em = e − 1, x = 1/(1 + e); s = logistic, s' = e·x², s'' = −s'·tanh(u/2), tanh(|u|/2) = −em·x. */
    private static void sigmoid(double[] u, int at, int m, double[] valueOut, double[] firstOut, double[] secondOut,
                                Scratch s) {
        double[] x = s.x;
        double[] e = s.e;
        double[] em = s.em;
        for (int q = 0; q < m; q++) {
            x[q] = -Math.abs(u[at + q]);
        }
        if (secondOut != null) {
            Exponentials.expAndExpm1(x, m, e, em);
        } else {
            Exponentials.exp(x, m, e, em);
        }
        for (int q = 0; q < m; q++) {
            x[q] = 1 / (1 + e[q]);
        }
        if (secondOut != null) {
            for (int q = 0; q < m; q++) {
                double d1 = e[q] * (x[q] * x[q]);
                secondOut[at + q] = -d1 * Math.copySign(-em[q] * x[q], u[at + q]);
            }
        }
        if (firstOut != null) {
            for (int q = 0; q < m; q++) {
                firstOut[at + q] = e[q] * (x[q] * x[q]);
            }
        }
        if (valueOut != null) {
            for (int q = 0; q < m; q++) {
                valueOut[at + q] = logistic(u[at + q], e[q], x[q]);
            }
        }
    }

    /** e = exp(−|u|), x = 1/(1 + e); log(1 + eᵘ) = max(u, 0) + log1p(e), σ' = s(u), σ'' = e·x². */
    private static void softplus(double[] u, int at, int m, double[] valueOut, double[] firstOut, double[] secondOut,
                                 Scratch s) {
        double[] x = s.x;
        double[] e = s.e;
        for (int q = 0; q < m; q++) {
            x[q] = -Math.abs(u[at + q]);
        }
        Exponentials.exp(x, m, e, s.em);
        for (int q = 0; q < m; q++) {
            x[q] = 1 / (1 + e[q]);
        }
        if (secondOut != null) {
            for (int q = 0; q < m; q++) {
                secondOut[at + q] = e[q] * (x[q] * x[q]);
            }
        }
        if (firstOut != null) {
            for (int q = 0; q < m; q++) {
                firstOut[at + q] = logistic(u[at + q], e[q], x[q]);
            }
        }
        if (valueOut != null) {
            for (int q = 0; q < m; q++) {
                double w = 1 + e[q];
                // log1p(e) = log w − (w − 1 − e)/w: w's rounding error corrected to first order
                double log1p = Math.log(w) - ((w - 1) - e[q]) * x[q];
                valueOut[at + q] = Math.max(u[at + q], 0.0) + log1p;
            }
        }
    }

    /** The clamped argument of GELU's polynomial. */
    private static double geluArgument(double u) {
        return Math.min(Math.max(u, -GELU_CLAMP), GELU_CLAMP);
    }

    /**
     * v = 2√(2/π)(a + 0.044715a³), a = clamp(u); e = exp(−|v|), em = e − 1, x = 1/(1 + e), then
     * s(v), s'(v) = e·x², s''(v) = −s'(v)·tanh(v/2) and the chain rule with v' = 2√(2/π)(1 + 3·0.044715a²),
     * v'' = 12√(2/π)·0.044715a.
     */
    private static void gelu(double[] u, int at, int m, double[] valueOut, double[] firstOut, double[] secondOut,
                             Scratch s) {
        double[] x = s.x;
        double[] e = s.e;
        double[] em = s.em;
        for (int q = 0; q < m; q++) {
            double a = geluArgument(u[at + q]);
            x[q] = -Math.abs(2 * GELU_SCALE * (a * (1 + GELU_CUBIC * (a * a))));
        }
        if (secondOut != null) {
            Exponentials.expAndExpm1(x, m, e, em);
        } else {
            Exponentials.exp(x, m, e, em);
        }
        for (int q = 0; q < m; q++) {
            x[q] = 1 / (1 + e[q]);
        }
        if (secondOut != null) {
            for (int q = 0; q < m; q++) {
                double a = geluArgument(u[at + q]);
                double v = 2 * GELU_SCALE * (a * (1 + GELU_CUBIC * (a * a)));
                double v1 = 2 * GELU_SCALE * (1 + 3 * GELU_CUBIC * (a * a));
                double v2 = 12 * GELU_SCALE * GELU_CUBIC * a;
                double d1 = e[q] * (x[q] * x[q]);
                double d2 = -d1 * Math.copySign(-em[q] * x[q], v);
                secondOut[at + q] = 2 * d1 * v1 + a * (d2 * (v1 * v1) + d1 * v2);
            }
        }
        if (firstOut != null) {
            for (int q = 0; q < m; q++) {
                double a = geluArgument(u[at + q]);
                double v = 2 * GELU_SCALE * (a * (1 + GELU_CUBIC * (a * a)));
                double v1 = 2 * GELU_SCALE * (1 + 3 * GELU_CUBIC * (a * a));
                firstOut[at + q] = logistic(v, e[q], x[q]) + a * (e[q] * (x[q] * x[q])) * v1;
            }
        }
        if (valueOut != null) {
            for (int q = 0; q < m; q++) {
                double a = geluArgument(u[at + q]);
                double v = 2 * GELU_SCALE * (a * (1 + GELU_CUBIC * (a * a)));
                valueOut[at + q] = u[at + q] * logistic(v, e[q], x[q]);
            }
        }
    }

    private static void relu(double[] u, int at, int m, double[] valueOut, double[] firstOut, double[] secondOut) {
        if (secondOut != null) {
            java.util.Arrays.fill(secondOut, at, at + m, 0.0);
        }
        if (firstOut != null) {
            for (int q = 0; q < m; q++) {
                firstOut[at + q] = u[at + q] > 0 ? 1.0 : 0.0;
            }
        }
        if (valueOut != null) {
            for (int q = 0; q < m; q++) {
                valueOut[at + q] = Math.max(u[at + q], 0.0);
            }
        }
    }
}
