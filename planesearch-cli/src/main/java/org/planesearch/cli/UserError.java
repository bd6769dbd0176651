package org.planesearch.cli;

/**
 * A mistake in what the user asked for or gave (a bad flag value, a file that does not fit the
 * model). The program prints its message on one line and exits with {@link #exitCode()}; never a
 * stack trace. The message is one line whatever it quotes: control characters (a line break in a
 * value read from a file) are escaped here, as backslash-n, backslash-r, backslash-t or a
 * backslash-u and four hex digits.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public UserError(String message) {
        this(message, 2);
    }

    public UserError(String message, int exitCode) {
        super(oneLine(message));
        this.exitCode = exitCode;
    }

    /** The text with control characters and line or paragraph separators escaped. */
    static String oneLine(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (control && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (!control) {
                    sb.append(c);
                } else if (c == '\n') {
                    sb.append("\\n");
                } else if (c == '\r') {
                    sb.append("\\r");
                } else if (c == '\t') {
                    sb.append("\\t");
                } else {
                    sb.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    public int exitCode() {
        return exitCode;
    }
}
