package org.planesearch.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Number formatting for people (summaries, tables): short, locale-independent, ASCII. */
final class Fmt {

    private Fmt() {
    }

    /**
     * v with about {@code digits} significant digits: plain notation for 1e-3 ≤ |v| &lt; 1e6
     * ({@code 0.3487}, {@code 12.5}), scientific otherwise ({@code 8.7e-07}); trailing zeros dropped.
     */
    static String sig(double v, int digits) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e6) {
            BigDecimal b = new BigDecimal(v).round(new MathContext(digits));
            String s = b.stripTrailingZeros().toPlainString();
            return s;
        }
        String s = String.format(Locale.ROOT, "%." + Math.max(0, digits - 1) + "e", v);
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        String exponent = s.substring(e + 1);
        boolean negative = exponent.startsWith("-");
        exponent = exponent.replaceFirst("^[+-]", "").replaceFirst("^0+(?=\\d)", "");
        return mantissa + "e" + (negative ? "-" : "") + exponent;
    }

    /** A fraction as a percentage with one decimal: {@code 84.4%}. */
    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** Seconds for people: {@code 0.042 s}, {@code 3.1 s}, {@code 2 min 5 s}. */
    static String seconds(double s) {
        if (s < 60) {
            return sig(s, s < 1 ? 2 : 3) + " s";
        }
        long total = Math.round(s);
        return total / 60 + " min " + total % 60 + " s";
    }

    /** An integer with thousands separators: {@code 60,000}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The plural "s" for n. */
    static String s(long n) {
        return n == 1 ? "" : "s";
    }
}
