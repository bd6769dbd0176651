package org.planesearch.core.stochastic;

import org.planesearch.core.objective.SubspaceObjective;

/**
 * ψ with some coefficients held fixed: the free ones form a smaller {@link SubspaceObjective}
 * (its gradient and Hessian are the free rows and columns of ψ's). Used for the bounds of batch
 * subspace steps: a coefficient that leaves its interval is fixed at the bound and the others are
 * searched again (an active-set pass), since clipping one coefficient of a joint minimiser is
 * not a minimiser when the columns are nearly parallel (Adam's consecutive directions are).
 * Not thread-safe.
 */
final class BoundedCoefficients implements SubspaceObjective {

    private final SubspaceObjective psi;
    private final double[] full;
    private final double[] gradient;
    private final double[] hessian;
    private final int[] free;
    private int freeCount;

    BoundedCoefficients(int capacity) {
        this.psi = null;
        this.full = new double[capacity];
        this.gradient = new double[capacity];
        this.hessian = new double[capacity * capacity];
        this.free = new int[capacity];
    }

    private BoundedCoefficients(SubspaceObjective psi, BoundedCoefficients buffers) {
        this.psi = psi;
        this.full = buffers.full;
        this.gradient = buffers.gradient;
        this.hessian = buffers.hessian;
        this.free = buffers.free;
    }

    /**
     * A view of psi whose coordinates with {@code fixed[j]} are held at {@code values[j]} and the
     * others are free (in order). values: read at every call (the fixed entries only).
     */
    BoundedCoefficients view(SubspaceObjective of, boolean[] fixed, double[] values) {
        BoundedCoefficients v = new BoundedCoefficients(of, this);
        int k = of.dimension();
        v.freeCount = 0;
        for (int j = 0; j < k; j++) {
            if (!fixed[j]) {
                v.free[v.freeCount++] = j;
            }
            v.full[j] = values[j];
        }
        return v;
    }

    /** The full coefficient vector of free coefficients t (fixed ones at their values). */
    double[] embed(double[] t) {
        double[] out = new double[psi.dimension()];
        System.arraycopy(full, 0, out, 0, out.length);
        for (int i = 0; i < freeCount; i++) {
            out[free[i]] = t[i];
        }
        return out;
    }

    @Override
    public int dimension() {
        return freeCount;
    }

    @Override
    public double value(double[] t) {
        place(t);
        return psi.value(full);
    }

    @Override
    public double valueGradientHessian(double[] t, double[] gradOut, double[] hessOut) {
        place(t);
        int k = psi.dimension();
        double v = psi.valueGradientHessian(full, gradient, hessOut == null ? null : hessian);
        for (int i = 0; i < freeCount; i++) {
            gradOut[i] = gradient[free[i]];
            if (hessOut != null) {
                for (int j = 0; j < freeCount; j++) {
                    hessOut[i * freeCount + j] = hessian[free[i] * k + free[j]];
                }
            }
        }
        return v;
    }

    @Override
    public boolean separateHessian() {
        return psi.separateHessian();
    }

    @Override
    public double decreaseTolerance() {
        return psi.decreaseTolerance();
    }

    private void place(double[] t) {
        for (int i = 0; i < freeCount; i++) {
            full[free[i]] = t[i];
        }
    }
}
