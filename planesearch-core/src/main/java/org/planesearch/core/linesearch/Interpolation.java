package org.planesearch.core.linesearch;

/**
 * Minimisers of the interpolating polynomials used by line searches (Nocedal &amp; Wright,
 * <i>Numerical Optimization</i>, 2nd ed., 2006, §3.5). Package-private, stateless.
 */
final class Interpolation {

    private Interpolation() {
    }

    /**
     * Minimiser of the quadratic q with q(a) = fa, q'(a) = da, q(b) = fb (NaN if q is not convex):
     * a − da·w² / (2(fb − fa − da·w)), w = b − a.
     */
    static double quadratic(double a, double fa, double da, double b, double fb) {
        double w = b - a;
        double curvature = 2 * (fb - fa - da * w);
        if (!(curvature > 0)) {
            return Double.NaN;
        }
        return a - da * w * w / curvature;
    }

    /**
     * Minimiser of the cubic interpolating (a, fa, da) and (b, fb, db), N&amp;W eq. (3.59);
     * NaN when it does not exist.
     */
    static double cubic(double a, double fa, double da, double b, double fb, double db) {
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - da * db;
        if (!(disc >= 0)) {
            return Double.NaN;
        }
        double d2 = Math.copySign(Math.sqrt(disc), b - a);
        double denom = db - da + 2 * d2;
        if (denom == 0) {
            return Double.NaN;
        }
        return b - (b - a) * (db + d2 - d1) / denom;
    }

    /**
     * Minimiser of the cubic through φ(0) = f0, φ'(0) = d0, φ(a) = fa, φ(b) = fb (N&amp;W §3.5,
     * the backtracking cubic); NaN when it does not exist.
     */
    static double cubicFromValues(double f0, double d0, double a, double fa, double b, double fb) {
        double ra = fa - f0 - d0 * a;
        double rb = fb - f0 - d0 * b;
        double denom = a * a * b * b * (b - a);
        if (denom == 0) {
            return Double.NaN;
        }
        double c3 = (a * a * rb - b * b * ra) / denom;
        double c2 = (-a * a * a * rb + b * b * b * ra) / denom;
        if (c3 == 0) {
            return c2 > 0 ? -d0 / (2 * c2) : Double.NaN;
        }
        double disc = c2 * c2 - 3 * c3 * d0;
        if (!(disc >= 0)) {
            return Double.NaN;
        }
        return (-c2 + Math.sqrt(disc)) / (3 * c3);
    }
}
