package org.planesearch.data.read;

/**
 * Which CSV column holds the labels.
 *
 * @param kind how the column is chosen
 * @param name the header name, for {@link Kind#NAMED}; null otherwise
 * @param number the 1-based column number, for {@link Kind#NUMBER}; 0 otherwise
 */
public record LabelColumn(Kind kind, String name, int number) {

    /** How the label column is chosen. */
    public enum Kind {
        /** The last column (the default). */
        LAST,
        /** The column whose header is {@link #name()} (requires a header). */
        NAMED,
        /** The column at 1-based position {@link #number()}. */
        NUMBER,
        /** No label column: every column is a feature and the dataset is unlabeled. */
        NONE
    }

    /** Validates that name and number fit the kind. */
    public LabelColumn {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if ((kind == Kind.NAMED) != (name != null)) {
            throw new IllegalArgumentException("a name is given exactly for NAMED label columns, got " + kind + " '"
                    + name + "'");
        }
        if (kind == Kind.NAMED && name.isEmpty()) {
            throw new IllegalArgumentException("label column name must not be empty");
        }
        if (kind == Kind.NUMBER ? number < 1 : number != 0) {
            throw new IllegalArgumentException("a 1-based number (>= 1) is given exactly for NUMBER label columns, got "
                    + kind + " " + number);
        }
    }

    /** The last column. */
    public static LabelColumn last() {
        return new LabelColumn(Kind.LAST, null, 0);
    }

    /** The column with this header name. */
    public static LabelColumn named(String name) {
        return new LabelColumn(Kind.NAMED, name, 0);
    }

    /** The column at this 1-based position. */
    public static LabelColumn number(int oneBased) {
        return new LabelColumn(Kind.NUMBER, null, oneBased);
    }

    /** No labels. */
    public static LabelColumn none() {
        return new LabelColumn(Kind.NONE, null, 0);
    }

    /**
     * From a command-line value: "last", "none", a positive integer (1-based position), or else a
     * header name. (A header name that is all digits needs {@link #named(String)}.)
     */
    public static LabelColumn parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("label column must not be empty");
        }
        if (text.equals("last")) {
            return last();
        }
        if (text.equals("none")) {
            return none();
        }
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (text.length() > 9 || Integer.parseInt(text) < 1) {
                throw new IllegalArgumentException("label column number must be between 1 and 999999999, got " + text);
            }
            return number(Integer.parseInt(text));
        }
        return named(text);
    }

    @Override
    public String toString() {
        switch (kind) {
            case NAMED:
                return "'" + name + "'";
            case NUMBER:
                return Integer.toString(number);
            default:
                return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
