package org.planesearch.models.linear;

/**
 * Validation and conversion of labels at the boundary (programmer errors throw
 * {@link IllegalArgumentException} naming the row and the value). Returned arrays are copies.
 */
final class Labels {

    private Labels() {
    }

    private static void checkCount(int length, int rows) {
        if (length != rows) {
            throw new IllegalArgumentException("there are " + length + " labels but the data has " + rows + " rows");
        }
    }

    /** A copy of y after checking every entry is −1 or +1. */
    static double[] plusMinusOne(double[] y, int rows, LossKind kind) {
        if (y == null) {
            throw new IllegalArgumentException("labels must not be null");
        }
        checkCount(y.length, rows);
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 1.0 && y[i] != -1.0) {
                throw new IllegalArgumentException(kind.id() + " label at row " + i + " is " + y[i]
                        + "; binary labels must be -1 or +1");
            }
        }
        return y.clone();
    }

    /** A copy of y after checking every entry is finite. */
    static double[] finite(double[] y, int rows, LossKind kind) {
        if (y == null) {
            throw new IllegalArgumentException("targets must not be null");
        }
        checkCount(y.length, rows);
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException(kind.id() + " target at row " + i + " is " + y[i]
                        + "; targets must be finite");
            }
        }
        return y.clone();
    }

    /** A copy of the classes after checking every entry is in [0, classCount). */
    static int[] classes(int[] classes, int rows, int classCount) {
        if (classes == null) {
            throw new IllegalArgumentException("classes must not be null");
        }
        checkCount(classes.length, rows);
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] >= classCount) {
                throw new IllegalArgumentException("class at row " + i + " is " + classes[i]
                        + "; classes must be in 0.." + (classCount - 1));
            }
        }
        return classes.clone();
    }

    /** Class indices from labels that must be whole numbers in [0, classCount). */
    static int[] classes(double[] labels, int rows, int classCount) {
        if (labels == null) {
            throw new IllegalArgumentException("classes must not be null");
        }
        checkCount(labels.length, rows);
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            double v = labels[i];
            if (!(v >= 0 && v < classCount) || v != Math.rint(v)) {
                throw new IllegalArgumentException("class at row " + i + " is " + v
                        + "; classes must be whole numbers in 0.." + (classCount - 1));
            }
            out[i] = (int) v;
        }
        return out;
    }
}
