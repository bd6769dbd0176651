package org.planesearch.bench.peers;

import java.util.Arrays;

/**
 * The targets of a comparison: f* + εᵢ·|f*| for εᵢ in {@link #RELATIVE} (ascending difficulty),
 * where f* is the problem's reference optimum.
 */
public record Targets(double fStar, double[] values) {

    /** The relative gaps of the issue: 1e-4, 1e-6, 1e-8. */
    public static final double[] RELATIVE = {1e-4, 1e-6, 1e-8};

    public Targets {
        values = values.clone();
    }

    /** The three targets for this f*. */
    public static Targets of(double fStar) {
        double[] v = new double[RELATIVE.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = fStar + RELATIVE[i] * Math.abs(fStar);
        }
        return new Targets(fStar, v);
    }

    public int count() {
        return values.length;
    }

    public double value(int i) {
        return values[i];
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public String toString() {
        return "Targets[f*=" + fStar + ", " + Arrays.toString(values) + "]";
    }
}
