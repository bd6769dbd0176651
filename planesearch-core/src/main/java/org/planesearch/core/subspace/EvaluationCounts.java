package org.planesearch.core.subspace;

/**
 * Running cost counters of one evaluator, in the paper's units. Mutable; read by the optimizer
 * after each iteration to fill its records.
 *
 * <ul>
 *   <li>{@code dataPasses}: reads of the whole data: one product with X or Xᵀ, whatever its
 *       number of right-hand columns (X·D for k fresh directions in one call is one pass; a
 *       network's forward or backward pass over all examples is one pass). For a matrix bound
 *       by memory bandwidth this is what costs time.</li>
 *   <li>{@code functionEvaluations}, {@code gradientEvaluations}: full evaluations of f and ∇f.</li>
 *   <li>{@code subspaceTrials}: evaluations of ψ (cheap, O(n·k) for linear-composition models).</li>
 *   <li>{@code hessianVectorProducts}: full Hessian-vector products.</li>
 * </ul>
 */
public final class EvaluationCounts {
    private long dataPasses;
    private long functionEvaluations;
    private long gradientEvaluations;
    private long subspaceTrials;
    private long hessianVectorProducts;

    public void addDataPasses(long n) {
        dataPasses += n;
    }

    public void addFunctionEvaluations(long n) {
        functionEvaluations += n;
    }

    public void addGradientEvaluations(long n) {
        gradientEvaluations += n;
    }

    public void addSubspaceTrials(long n) {
        subspaceTrials += n;
    }

    public void addHessianVectorProducts(long n) {
        hessianVectorProducts += n;
    }

    public long dataPasses() {
        return dataPasses;
    }

    public long functionEvaluations() {
        return functionEvaluations;
    }

    public long gradientEvaluations() {
        return gradientEvaluations;
    }

    public long subspaceTrials() {
        return subspaceTrials;
    }

    public long hessianVectorProducts() {
        return hessianVectorProducts;
    }

    @Override
    public String toString() {
        return "passes=" + dataPasses + " f=" + functionEvaluations + " g=" + gradientEvaluations
                + " trials=" + subspaceTrials + " hv=" + hessianVectorProducts;
    }
}
