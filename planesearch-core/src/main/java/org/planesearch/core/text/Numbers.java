package org.planesearch.core.text;

/**
 * Numbers in the form configurations print them ({@code describe()}, {@code toString()}): the
 * shortest text that parses back to the same double, without a trailing ".0" and with a
 * lower-case exponent: {@code 0.9}, {@code 1e-8}, {@code 10}. Stateless and thread-safe.
 */
public final class Numbers {

    private Numbers() {
    }

    /** The shortest round-trip text of v. */
    public static String shortest(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "e" + s.substring(e + 1);
    }
}
