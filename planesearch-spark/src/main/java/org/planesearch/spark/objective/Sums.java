package org.planesearch.spark.objective;

import java.io.Serializable;

/**
 * A vector of partial sums that Spark adds up across partitions, in double-double precision: each
 * entry is kept as an unevaluated sum hi + lo (Knuth's TwoSum, Dekker's Fast2Sum), so that the
 * rounded total {@link #value(int)} does not depend on the order in which Spark merges the
 * partitions' results (task completion order, which varies from run to run), except for a total
 * within about 2⁻¹⁰⁶ relative of a rounding boundary. This is what keeps a run reproducible bit
 * for bit although {@code treeAggregate} merges in no fixed order.
 *
 * <p>Reference: Knuth, TAOCP vol. 2, §4.2.2 (TwoSum); Dekker (1971), "A floating-point technique
 * for extending the available precision", Numer. Math. 18 (Fast2Sum). Mutable (the aggregation's
 * accumulator); not thread-safe.
 */
final class Sums implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] hi;
    private final double[] lo;

    Sums(int length) {
        hi = new double[length];
        lo = new double[length];
    }

    int length() {
        return hi.length;
    }

    /** Adds a partition's values (length ≥ {@link #length()}; extra entries ignored); returns this. */
    Sums add(double[] values) {
        if (values.length < hi.length) {
            throw new IllegalArgumentException("partial sums of length " + values.length + ", expected " + hi.length);
        }
        for (int i = 0; i < hi.length; i++) {
            accumulate(i, values[i], 0);
        }
        return this;
    }

    /** Adds another accumulator (of the same length); returns this. */
    Sums merge(Sums other) {
        if (other.hi.length != hi.length) {
            throw new IllegalArgumentException("merging sums of lengths " + hi.length + " and " + other.hi.length);
        }
        for (int i = 0; i < hi.length; i++) {
            accumulate(i, other.hi[i], other.lo[i]);
        }
        return this;
    }

    /** Entry i rounded to the nearest double. */
    double value(int i) {
        return hi[i] + lo[i];
    }

    /** Writes entries [from, from + length) into out[offset …]. */
    void copyTo(int from, double[] out, int offset, int length) {
        for (int i = 0; i < length; i++) {
            out[offset + i] = value(from + i);
        }
    }

    /** (hi, lo)[i] += (bHi, bLo) in double-double arithmetic. */
    private void accumulate(int i, double bHi, double bLo) {
        double a = hi[i];
        double s = a + bHi;
        double bb = s - a;
        double err = (a - (s - bb)) + (bHi - bb);            // TwoSum: a + bHi = s + err exactly
        double t = lo[i] + bLo + err;
        double h = s + t;                                     // Fast2Sum (|s| ≥ |t|)
        lo[i] = t - (h - s);
        hi[i] = h;
    }
}
