package org.planesearch.core.linalg;

/**
 * Serial vector kernels on {@code double[]}, in EJML's conventions: static methods, the output
 * argument last, shapes checked at entry. Every BLAS-1 loop of the library lives here (or in
 * {@link DataMatrix} implementations); optimizers, models and searches call these and never
 * write index loops of their own.
 *
 * <p>Stateless and thread-safe.
 */
public final class Vec {

    private Vec() {
    }

    /** Returns xᵀy over the first n entries. x, y: not modified. */
    public static double dot(double[] x, double[] y, int n) {
        checkLength("x", x, n);
        checkLength("y", y, n);
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[i] * y[i];
            s1 += x[i + 1] * y[i + 1];
            s2 += x[i + 2] * y[i + 2];
            s3 += x[i + 3] * y[i + 3];
        }
        for (; i < n; i++) {
            s0 += x[i] * y[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Returns xᵀy; x and y must have the same length. */
    public static double dot(double[] x, double[] y) {
        checkSame("x", x, "y", y);
        return dot(x, y, x.length);
    }

    /** Returns xᵀy over [offset, offset + length). */
    public static double dot(double[] x, double[] y, int offset, int length) {
        checkRange("x", x, offset, length);
        checkRange("y", y, offset, length);
        double s = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** y ← y + a·x. x: not modified. y: modified. */
    public static void axpy(double a, double[] x, double[] y) {
        checkSame("x", x, "y", y);
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    /** y ← y + a·x over [offset, offset + length). x: not modified. y: modified. */
    public static void axpy(double a, double[] x, double[] y, int offset, int length) {
        checkRange("x", x, offset, length);
        checkRange("y", y, offset, length);
        for (int i = offset, end = offset + length; i < end; i++) {
            y[i] += a * x[i];
        }
    }

    /** out ← a·x + b·y. x, y: not modified. out: modified (may alias x or y). */
    public static void axpby(double a, double[] x, double b, double[] y, double[] out) {
        checkSame("x", x, "y", y);
        checkSame("x", x, "out", out);
        for (int i = 0; i < x.length; i++) {
            out[i] = a * x[i] + b * y[i];
        }
    }

    /** x ← a·x. Modified. */
    public static void scal(double a, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }

    /** out ← a·x. x: not modified. out: modified (may alias x). */
    public static void scale(double a, double[] x, double[] out) {
        checkSame("x", x, "out", out);
        for (int i = 0; i < x.length; i++) {
            out[i] = a * x[i];
        }
    }

    /** out ← a·x over [offset, offset + length). x: not modified. out: modified there (may alias x). */
    public static void scale(double a, double[] x, double[] out, int offset, int length) {
        checkRange("x", x, offset, length);
        checkRange("out", out, offset, length);
        for (int i = offset, end = offset + length; i < end; i++) {
            out[i] = a * x[i];
        }
    }

    /** out ← x − y. x, y: not modified. out: modified (may alias). */
    public static void subtract(double[] x, double[] y, double[] out) {
        checkSame("x", x, "y", y);
        checkSame("x", x, "out", out);
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] - y[i];
        }
    }

    /** Returns ‖x‖₂, computed without overflow for large entries. */
    public static double nrm2(double[] x) {
        return nrm2(x, 0, x.length);
    }

    /** Returns ‖x‖₂ over [offset, offset + length), computed without overflow for large entries. x: not modified. */
    public static double nrm2(double[] x, int offset, int length) {
        checkRange("x", x, offset, length);
        double scale = 0;
        double ssq = 1;
        for (int i = offset, end = offset + length; i < end; i++) {
            double v = x[i];
            if (v != 0) {
                double a = Math.abs(v);
                if (scale < a) {
                    double r = scale / a;
                    ssq = 1 + ssq * r * r;
                    scale = a;
                } else {
                    double r = a / scale;
                    ssq += r * r;
                }
            } else if (Double.isNaN(v)) {
                return Double.NaN;
            }
        }
        return scale * Math.sqrt(ssq);
    }

    /** Returns ‖x‖₁ = Σ |xᵢ|. */
    public static double asum(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.abs(x[i]);
        }
        return s;
    }

    /** Returns max |xᵢ| (NaN if any entry is NaN). */
    public static double normInf(double[] x) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            double a = Math.abs(x[i]);
            if (a > m || Double.isNaN(a)) {
                m = a;
                if (Double.isNaN(a)) {
                    return a;
                }
            }
        }
        return m;
    }

    /** Copies src into dst (same length). */
    public static void copy(double[] src, double[] dst) {
        checkSame("src", src, "dst", dst);
        System.arraycopy(src, 0, dst, 0, src.length);
    }

    /** Sets every entry of x to v. */
    public static void fill(double[] x, double v) {
        java.util.Arrays.fill(x, v);
    }

    /** True when every entry is finite. */
    public static boolean allFinite(double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }

    static void checkLength(String name, double[] x, int n) {
        if (x.length < n) {
            throw new IllegalArgumentException(name + " has length " + x.length + ", needs at least " + n);
        }
    }

    static void checkSame(String nx, double[] x, String ny, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(nx + " has length " + x.length + " but " + ny + " has length " + y.length);
        }
    }

    static void checkRange(String name, double[] x, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > x.length) {
            throw new IllegalArgumentException(name + ": range [" + offset + ", " + (offset + length)
                    + ") is outside an array of length " + x.length);
        }
    }
}
