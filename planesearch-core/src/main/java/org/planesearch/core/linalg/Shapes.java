package org.planesearch.core.linalg;

/**
 * Argument checks shared by the matrix implementations. Each throws
 * {@link IllegalArgumentException} with a message that names the argument, its value and what
 * was needed.
 */
final class Shapes {
    private Shapes() {
    }

    static void vector(String name, double[] x, long needed) {
        if (x == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (x.length < needed) {
            throw new IllegalArgumentException(name + " has length " + x.length + ", needs " + needed);
        }
    }

    static void vector(String name, float[] x, long needed) {
        if (x == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (x.length < needed) {
            throw new IllegalArgumentException(name + " has length " + x.length + ", needs " + needed);
        }
    }

    /** A count such as k: must be ≥ 0. */
    static void count(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }

    /** Input and output arrays of a product must not be the same array. */
    static void distinct(String inName, Object in, String outName, Object out) {
        if (in == out) {
            throw new IllegalArgumentException(outName + " must not be the same array as " + inName);
        }
    }

    /** rows·cols values for a dense matrix held in one Java array. */
    static int javaArrayLength(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix shape must be non-negative, got " + rows + "×" + cols);
        }
        long n = (long) rows * cols;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " matrix (" + n
                    + " values) does not fit in one Java array; use the native backend");
        }
        return (int) n;
    }

    /** A row-major array of exactly rows·cols values. */
    static void exactLength(String name, int length, int rows, int cols) {
        if (rows < 0 || cols < 0 || (long) rows * cols != length) {
            throw new IllegalArgumentException(name + ": a dense " + rows + "×" + cols + " matrix needs "
                    + ((long) rows * cols) + " values, got " + length);
        }
    }
}
