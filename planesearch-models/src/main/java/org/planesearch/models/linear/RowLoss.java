package org.planesearch.models.linear;

/**
 * The per-example loss ℓ(zᵢ, yᵢ) of a linear-composition model, bound to the labels, evaluated
 * over all n examples at once: z is n×c row-major (c = {@link #outputs}). One virtual call per
 * pass over z, tight loops inside; nothing is allocated.
 *
 * <p>Sums are over examples (not means): callers scale by 1/n. Immutable (the label array is
 * owned and never modified) and thread-safe; callers pass every buffer.
 */
abstract class RowLoss {

    /** n, the number of examples. */
    final int rows;
    /** c, the scores per example. */
    final int outputs;

    RowLoss(int rows, int outputs) {
        this.rows = rows;
        this.outputs = outputs;
    }

    /** Returns Σᵢ ℓ(zᵢ, yᵢ). z: not modified. */
    abstract double sum(double[] z);

    /**
     * Returns Σᵢ ℓ(zᵢ, yᵢ) and writes scale·∂ℓ(zᵢ, yᵢ)/∂zᵢ into rOut (n×c). z: not modified.
     * rOut: modified (must not alias z).
     */
    abstract double sumAndDerivative(double[] z, double scale, double[] rOut);

    /**
     * Writes scale·∇²ℓ(zᵢ, yᵢ)·vᵢ into out, row by row (n×c). z, v: not modified. out: modified
     * (must not alias z or v).
     */
    abstract void hessianTimes(double[] z, double[] v, double scale, double[] out);

    /**
     * Adds scale·Σᵢ A_j[i,:] ∇²ℓ(zᵢ, yᵢ) A_l[i,:]ᵀ to hessOut[j·k + l] for j ≤ l (the upper
     * triangle only), where a is n×(k·c) row-major and A_j[i,:] = a[i·k·c + j·c … + c).
     * z, a: not modified. work: scratch of length ≥ {@link #workLength(int)}, modified.
     * hessOut: k×k, upper triangle modified.
     */
    abstract void addCurvature(double[] z, double[] a, int k, double scale, double[] work, double[] hessOut);

    /**
     * {@link #sumAndDerivative} followed by {@link #addCurvature} at the same z, in one sweep
     * where the loss can share work between them (the logistic loss computes ℓ, ℓ' and ℓ'' from
     * one exponential). Returns Σᵢ ℓ(zᵢ, yᵢ). Arguments as for those two methods.
     */
    double sumDerivativeAndCurvature(double[] z, double scale, double[] rOut, double[] a, int k, double[] work,
                                     double[] hessOut) {
        double sum = sumAndDerivative(z, scale, rOut);
        addCurvature(z, a, k, scale, work, hessOut);
        return sum;
    }

    /** The scratch length {@link #addCurvature} needs for k columns. */
    abstract int workLength(int k);

    /** Σᵢ A_j[i,:]·r[i,:] for each j: gradOut[j] = ⟨A_j, r⟩. a: n×(k·c), r: n×c. Not modified. */
    final void columnDots(double[] a, int k, double[] r, double[] gradOut) {
        int c = outputs;
        int kc = k * c;
        for (int j = 0; j < k; j++) {
            gradOut[j] = 0;
        }
        if (c == 1) {
            for (int i = 0; i < rows; i++) {
                double ri = r[i];
                int base = i * k;
                for (int j = 0; j < k; j++) {
                    gradOut[j] += a[base + j] * ri;
                }
            }
            return;
        }
        for (int i = 0; i < rows; i++) {
            int base = i * kc;
            int rb = i * c;
            for (int j = 0; j < k; j++) {
                double s = 0;
                int aj = base + j * c;
                for (int o = 0; o < c; o++) {
                    s += a[aj + o] * r[rb + o];
                }
                gradOut[j] += s;
            }
        }
    }
}
