package org.planesearch.data;

/**
 * The one number syntax every reader and label accepts: a plain decimal
 * {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}, or the words {@code nan},
 * {@code inf}, {@code infinity} (any case, optional sign) so that readers can reject them with a
 * "not finite" message instead of "not a number". Java's own extras ({@code 1d}, {@code 0x1p3},
 * surrounding blanks) are not numbers here.
 *
 * <p>Parsing is correctly rounded ({@link Double#parseDouble}). Thread-safe (stateless).
 */
public final class NumberSyntax {

    private NumberSyntax() {
    }

    /** True if s[from, to) is a number in the syntax above. s: not modified. */
    public static boolean isNumber(CharSequence s, int from, int to) {
        int i = from;
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        if (i < to && isWordStart(s.charAt(i))) {
            return isWord(s, i, to);
        }
        int intDigits = 0;
        while (i < to && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < to && s.charAt(i) == '.') {
            i++;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return false;
        }
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == to;
    }

    /** True if the whole string is a number. */
    public static boolean isNumber(String s) {
        return isNumber(s, 0, s.length());
    }

    /**
     * The value of s[from, to), which must satisfy {@link #isNumber}; NaN or ±∞ for the words and
     * for decimals too large for a double (1e400).
     *
     * @throws IllegalArgumentException if it is not a number (check with isNumber first)
     */
    public static double parse(String s, int from, int to) {
        if (!isNumber(s, from, to)) {
            throw new IllegalArgumentException("not a number: " + DataFormatException.quote(s.substring(from, to)));
        }
        int i = from;
        boolean negative = false;
        if (s.charAt(i) == '+' || s.charAt(i) == '-') {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (isWordStart(s.charAt(i))) {
            char c = Character.toLowerCase(s.charAt(i));
            if (c == 'n') {
                return Double.NaN;
            }
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(s.substring(from, to));
    }

    /** The value of the whole string; see {@link #parse(String, int, int)}. */
    public static double parse(String s) {
        return parse(s, 0, s.length());
    }

    /**
     * The canonical spelling of a finite label value: an integer without a decimal point when the
     * value is integral and below 2⁵³ in magnitude ("1" for "+1", "1.0" and "1e0"; "0" for "-0"),
     * otherwise {@link Double#toString(double)}.
     */
    public static String canonical(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return c == 'n' || c == 'N' || c == 'i' || c == 'I';
    }

    private static boolean isWord(CharSequence s, int from, int to) {
        String w = s.subSequence(from, to).toString();
        return w.equalsIgnoreCase("nan") || w.equalsIgnoreCase("inf") || w.equalsIgnoreCase("infinity");
    }
}
