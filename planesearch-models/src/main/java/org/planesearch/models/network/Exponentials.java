package org.planesearch.models.network;

/**
 * eˣ and eˣ − 1 for blocks of arguments, in straight-line array loops that HotSpot's superword
 * pass can turn into vector code. Every activation except ReLU and both exponential losses need
 * them for each of the n·h hidden values of a forward pass, where a call of {@code Math.exp} or
 * {@code Math.tanh} per value would cost more than the arithmetic around it.
 *
 * <p>Method (Cody &amp; Waite's range reduction): x = k·ln 2 + r with k = rint(x·log₂e) and
 * |r| ≤ ln 2 / 2 + ε, where r = (x − k·c₁) − k·c₂ uses ln 2 = c₁ + c₂ split so that k·c₁ is exact
 * (c₁ has 32 significant bits, |k| ≤ 1022). Then with p = eʳ − 1 = r + r²·q(r), q the Taylor
 * polynomial of (eʳ − 1 − r)/r² to degree 11 (truncation error below 2·10⁻¹⁷ relative to p),
 * <pre>
 *   eˣ     = 2ᵏ·(1 + p)
 *   eˣ − 1 = 2ᵏ·p + (2ᵏ − 1)
 * </pre>
 * both exact up to the final roundings (2ᵏ·p and 2ᵏ − 1 are exact for the k that occur, and the
 * terms of the last sum have the same sign or |2ᵏ − 1| ≤ 1/2 ≤ 2ᵏ, so it does not cancel). For
 * |x| &lt; ln 2 / 2, k = 0 and eˣ − 1 = p has no cancellation at all, so tiny arguments keep their
 * relative accuracy. Measured errors (test {@code ExponentialsTest}, 2·10⁶ arguments over the
 * whole domain and down to |x| = 10⁻¹²) against {@code StrictMath.exp} and
 * {@code StrictMath.expm1} (fdlibm, themselves within 1 ulp): at most 1 ulp for eˣ and 2 ulp
 * for eˣ − 1. Speed on the build machine (AMD EPYC, JDK 17, blocks of 256 in L1): 1.5 ns per
 * value for eˣ, 1.6 ns for both.
 *
 * <p>Domain: arguments are clamped to [{@link #MIN_ARGUMENT}, {@link #MAX_ARGUMENT}]: below,
 * eˣ is given as e⁻⁷⁰⁸ ≈ 3.3·10⁻³⁰⁸ (the true value is subnormal or zero) and eˣ − 1 as −1
 * (exact in double precision); above, e⁷⁰⁹ ≈ 8.2·10³⁰⁷ instead of a larger value or +∞. NaN
 * gives NaN.
 *
 * <p>The scalar methods perform the same operations in the same order as the block methods, so a
 * value has the same bits from either (Java never fuses a·b + c). Stateless and thread-safe.
 */
final class Exponentials {

    /** Smallest argument used: e⁻⁷⁰⁸ is still a normal double. */
    static final double MIN_ARGUMENT = -708.0;
    /** Largest argument used: e⁷⁰⁹ is finite. */
    static final double MAX_ARGUMENT = 709.0;

    private static final double LOG2_E = 1.4426950408889634;
    /** ln 2 rounded to 32 significant bits (0x3FE62E42FEE00000): k·LN2_HIGH is exact for |k| ≤ 2¹⁰. */
    private static final double LN2_HIGH = Double.longBitsToDouble(0x3FE62E42FEE00000L);
    /** ln 2 − LN2_HIGH, to double precision. */
    private static final double LN2_LOW = 1.90821492927058770002e-10;

    private Exponentials() {
    }

    /** eˣ; the same bits as {@link #exp(double[], int, double[], double[])}. */
    static double exp(double x) {
        double xc = Math.min(Math.max(x, MIN_ARGUMENT), MAX_ARGUMENT);
        double k = Math.rint(xc * LOG2_E);
        double p = expm1Reduced((xc - k * LN2_HIGH) - k * LN2_LOW);
        return (1 + p) * twoTo(k);
    }

    /** eˣ − 1; the same bits as {@link #expAndExpm1}. */
    static double expm1(double x) {
        double xc = Math.min(Math.max(x, MIN_ARGUMENT), MAX_ARGUMENT);
        double k = Math.rint(xc * LOG2_E);
        double p = expm1Reduced((xc - k * LN2_HIGH) - k * LN2_LOW);
        double s = twoTo(k);
        return s * p + (s - 1);
    }

    /**
     * out[i] = e^{x[i]} for i ∈ [0, length), with work[0, length) as workspace. x: not modified.
     * out, work: modified. The three arrays must be distinct.
     */
    static void exp(double[] x, int length, double[] out, double[] work) {
        // three loops of independent lanes: reduction, polynomial, scaling
        for (int i = 0; i < length; i++) {
            double xc = Math.min(Math.max(x[i], MIN_ARGUMENT), MAX_ARGUMENT);
            double k = Math.rint(xc * LOG2_E);
            work[i] = k;
            out[i] = (xc - k * LN2_HIGH) - k * LN2_LOW;
        }
        for (int i = 0; i < length; i++) {
            out[i] = expm1Reduced(out[i]);
        }
        for (int i = 0; i < length; i++) {
            out[i] = (1 + out[i]) * twoTo(work[i]);
        }
    }

    /**
     * expOut[i] = e^{x[i]} and expm1Out[i] = e^{x[i]} − 1 for i ∈ [0, length), from one
     * reduction. x: not modified. expOut, expm1Out: modified. The three arrays must be distinct.
     */
    static void expAndExpm1(double[] x, int length, double[] expOut, double[] expm1Out) {
        for (int i = 0; i < length; i++) {
            double xc = Math.min(Math.max(x[i], MIN_ARGUMENT), MAX_ARGUMENT);
            double k = Math.rint(xc * LOG2_E);
            expOut[i] = k;
            expm1Out[i] = (xc - k * LN2_HIGH) - k * LN2_LOW;
        }
        for (int i = 0; i < length; i++) {
            expm1Out[i] = expm1Reduced(expm1Out[i]);
        }
        for (int i = 0; i < length; i++) {
            double s = twoTo(expOut[i]);
            double p = expm1Out[i];
            expOut[i] = (1 + p) * s;
            expm1Out[i] = s * p + (s - 1);
        }
    }

    /** 2ᵏ for a whole number k ∈ [−1022, 1023], from its exponent bits. */
    private static double twoTo(double k) {
        return Double.longBitsToDouble(((long) k + 1023) << 52);
    }

    /** eʳ − 1 = r + r²·Σ_{j=0}^{11} rʲ/(j + 2)! for |r| ≤ 0.35, Horner form. */
    private static double expm1Reduced(double r) {
        double q = 1.0 / 6227020800.0;          // 1/13!
        q = q * r + 1.0 / 479001600.0;          // 1/12!
        q = q * r + 1.0 / 39916800.0;
        q = q * r + 1.0 / 3628800.0;
        q = q * r + 1.0 / 362880.0;
        q = q * r + 1.0 / 40320.0;
        q = q * r + 1.0 / 5040.0;
        q = q * r + 1.0 / 720.0;
        q = q * r + 1.0 / 120.0;
        q = q * r + 1.0 / 24.0;
        q = q * r + 1.0 / 6.0;
        q = q * r + 0.5;
        return r + (r * r) * q;
    }
}
