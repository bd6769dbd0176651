package org.planesearch.core.direction;

/**
 * Formats parameters for {@code describe()}: {@code name(key=value, …)} with numbers in the
 * shortest form that parses back to the same double ({@code 0.9}, {@code 1e-8}, {@code 10}).
 */
final class Describe {

    private Describe() {
    }

    /** The shortest round-trip text of v, without a trailing ".0" and with a lower-case exponent. */
    static String number(double v) {
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
