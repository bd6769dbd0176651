package org.planesearch.core.linesearch;

import java.util.function.DoubleUnaryOperator;
import org.planesearch.core.objective.SubspaceObjective;

/** A one-column subspace objective from a scalar function and its derivative (test helper). */
final class Line implements SubspaceObjective {
    final String name;
    final DoubleUnaryOperator f;
    final DoubleUnaryOperator df;

    Line(String name, DoubleUnaryOperator f, DoubleUnaryOperator df) {
        this.name = name;
        this.f = f;
        this.df = df;
    }

    @Override
    public int dimension() {
        return 1;
    }

    @Override
    public double value(double[] t) {
        return f.applyAsDouble(t[0]);
    }

    @Override
    public double valueGradientHessian(double[] t, double[] g, double[] h) {
        g[0] = df.applyAsDouble(t[0]);
        if (h != null) {
            h[0] = Double.NaN;
        }
        return value(t);
    }

    double phi(double a) {
        return f.applyAsDouble(a);
    }

    double slope(double a) {
        return df.applyAsDouble(a);
    }

    @Override
    public String toString() {
        return name;
    }

    /** φ(α) = −α/(α² + β), β = 2: Moré &amp; Thuente (1994), function 1, minimiser √2. */
    static Line moreThuente1() {
        double b = 2;
        return new Line("MT1", a -> -a / (a * a + b), a -> (a * a - b) / ((a * a + b) * (a * a + b)));
    }

    /** φ(α) = (α + β)⁵ − 2(α + β)⁴, β = 0.004: Moré &amp; Thuente, function 2, minimiser 1.6. */
    static Line moreThuente2() {
        double b = 0.004;
        return new Line("MT2", a -> Math.pow(a + b, 5) - 2 * Math.pow(a + b, 4),
                a -> 5 * Math.pow(a + b, 4) - 8 * Math.pow(a + b, 3));
    }

    /** Yanai, Ozawa &amp; Kaneko's function as used by Moré &amp; Thuente (functions 4–6). */
    static Line yanai(double b1, double b2) {
        double g1 = Math.sqrt(1 + b1 * b1) - b1;
        double g2 = Math.sqrt(1 + b2 * b2) - b2;
        return new Line("YOK(" + b1 + "," + b2 + ")",
                a -> g1 * Math.sqrt((1 - a) * (1 - a) + b2 * b2) + g2 * Math.sqrt(a * a + b1 * b1),
                a -> -g1 * (1 - a) / Math.sqrt((1 - a) * (1 - a) + b2 * b2) + g2 * a / Math.sqrt(a * a + b1 * b1));
    }

    /** φ(α) = c(α − m)² − c m²: a parabola with minimiser m. */
    static Line parabola(double c, double m) {
        return new Line("parabola(" + c + "," + m + ")", a -> c * (a - m) * (a - m) - c * m * m, a -> 2 * c * (a - m));
    }

    /** φ(α) = −log(1 − α/w) − 2α/w... finite only for α &lt; w, minimiser w/2. */
    static Line barrier(double w) {
        return new Line("barrier(" + w + ")",
                a -> a < w ? -Math.log(1 - a / w) - 2 * a / w : Double.NaN,
                a -> a < w ? 1 / (w - a) - 2 / w : Double.NaN);
    }
}
