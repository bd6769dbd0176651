package org.planesearch.core.spectrum;

/**
 * A {@link SymmetricOperator} that forwards to another and counts the products, so that a
 * caller can report the cost of a whole analysis (several estimators on one Hessian) in
 * Hessian-vector products. Each algorithm also reports its own count in its result
 * ({@code products()}); the two agree when the wrapper is used by one algorithm alone.
 *
 * <p>Not thread-safe (the counter is a plain field).
 */
public final class CountingOperator implements SymmetricOperator {

    private final SymmetricOperator delegate;
    private long applications;

    /** Counts the products of {@code delegate}, starting from 0. */
    public CountingOperator(SymmetricOperator delegate) {
        if (delegate == null) {
            throw new IllegalArgumentException("CountingOperator: delegate must not be null");
        }
        this.delegate = delegate;
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    /** Forwards to the delegate and adds one to the count (also when the delegate throws). */
    @Override
    public void apply(double[] v, double[] out) {
        applications++;
        delegate.apply(v, out);
    }

    /** Products made through this wrapper since it was created or last {@link #reset()}. */
    public long applications() {
        return applications;
    }

    /** Sets the count back to 0. */
    public void reset() {
        applications = 0;
    }

    /** The wrapped operator. */
    public SymmetricOperator delegate() {
        return delegate;
    }
}
