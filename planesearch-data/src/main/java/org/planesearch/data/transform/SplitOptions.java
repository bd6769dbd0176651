package org.planesearch.data.transform;

/**
 * How {@link TrainTestSplit} divides a dataset.
 *
 * @param testFraction the share of rows in the test part, in (0, 1) (default 0.2)
 * @param seed the seed of the {@link java.util.SplittableRandom} that draws the split (default
 *     42): the same seed and data give the same split
 * @param stratified whether each class keeps its share in both parts (default false)
 */
public record SplitOptions(double testFraction, long seed, boolean stratified) {

    /** Validates 0 &lt; testFraction &lt; 1. */
    public SplitOptions {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
    }

    /** 20 % test, seed 42, not stratified. */
    public static SplitOptions defaults() {
        return new SplitOptions(0.2, 42L, false);
    }

    /** A copy with another test fraction. */
    public SplitOptions withTestFraction(double newTestFraction) {
        return new SplitOptions(newTestFraction, seed, stratified);
    }

    /** A copy with another seed. */
    public SplitOptions withSeed(long newSeed) {
        return new SplitOptions(testFraction, newSeed, stratified);
    }

    /** A copy with stratification on or off. */
    public SplitOptions withStratified(boolean newStratified) {
        return new SplitOptions(testFraction, seed, newStratified);
    }
}
