package org.planesearch.bench.peers;

/**
 * When a solver first reached a target: wall seconds since its start and data passes (products
 * with X or Xᵀ, the paper's unit), or not at all.
 */
public record Hit(boolean reached, double seconds, long passes, long iterations) {

    /** Not reached within the budget. */
    public static final Hit MISSED = new Hit(false, Double.NaN, -1, -1);
}
