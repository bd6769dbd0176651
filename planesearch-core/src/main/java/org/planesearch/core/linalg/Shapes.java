package org.planesearch.core.linalg;

/** Shape checks shared by the matrix implementations. */
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
}
