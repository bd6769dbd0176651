package org.planesearch.core.spectrum;

import org.planesearch.core.layout.Block;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.objective.HessianVectorProduct;
import org.planesearch.core.objective.TwiceDifferentiableFunction;

/**
 * A symmetric linear operator H: ℝⁿ → ℝⁿ known only through its products v ↦ H v: a Hessian
 * at a point, one layer's diagonal block of it, or an explicit matrix in tests. Every tool of
 * this package ({@link Lanczos}, {@link TopEigenvalues}, {@link PowerIteration},
 * {@link HutchinsonTrace}, {@link SpectralDensity}) reads H through this interface only, and
 * reports its cost as the number of {@link #apply} calls it made ("products", one
 * Hessian-vector product each for the Hessian adapters).
 *
 * <p>This is not a {@code @FunctionalInterface} (it has two abstract methods); build one from a
 * lambda with {@link #of(int, Product)}.
 *
 * <p>Symmetry is the caller's promise: the algorithms assume uᵀ(Hv) = (Hu)ᵀv and do not test
 * it (except {@link #dense}, which checks the matrix once). A Hessian-vector product computed by
 * finite differences is symmetric only to its truncation error; the results then carry that
 * error.
 *
 * <p>The adapters below are not thread-safe where they keep scratch buffers
 * ({@link #restrictedTo}); implementations in general need not be.
 */
public interface SymmetricOperator {

    /** n, the length of the vectors H acts on. */
    int dimension();

    /**
     * Writes H v into out.
     *
     * @param v length n. Not modified.
     * @param out length n. Modified; must not alias v.
     */
    void apply(double[] v, double[] out);

    /** The product alone, for {@link #of(int, Product)}: writes H v into out. */
    @FunctionalInterface
    interface Product {
        /** Writes H v into out. v: not modified. out: modified. */
        void apply(double[] v, double[] out);
    }

    /**
     * The operator of the given dimension whose products are computed by {@code product}; the
     * vector lengths are checked before every call.
     */
    static SymmetricOperator of(int dimension, Product product) {
        return new Operators.FromProduct(dimension, product);
    }

    /**
     * The Hessian ∇²f(x) of f at a fixed point: apply(v, out) calls
     * {@code f.hessianTimes(x, v, out)}, one Hessian-vector product.
     *
     * @param f the function; {@code f.dimension()} must equal x.length
     * @param x the point. Not modified (copied: later changes to the caller's array do not move
     *     the operator).
     */
    static SymmetricOperator hessianAt(TwiceDifferentiableFunction f, double[] x) {
        if (f.dimension() != x.length) {
            throw new IllegalArgumentException("hessianAt: f has dimension " + f.dimension() + " but x has length "
                    + x.length);
        }
        return new Operators.HessianAt(f, x);
    }

    /**
     * The Hessian at x of a bare {@link HessianVectorProduct}, whose dimension is taken to be
     * x.length. x: not modified (copied).
     */
    static SymmetricOperator hessianAt(HessianVectorProduct hessian, double[] x) {
        return new Operators.HessianAt(hessian, x);
    }

    /**
     * An explicit symmetric n×n matrix A, row-major. The matrix is copied; it must be finite and
     * symmetric to 1e-12 of its largest entry (else {@link IllegalArgumentException}). A product
     * costs n² multiply-adds. For tests and small problems.
     *
     * @param matrix length n·n, row-major. Not modified.
     * @param n the order, ≥ 1
     */
    static SymmetricOperator dense(double[] matrix, int n) {
        return new Operators.Dense(matrix, n);
    }

    /** The diagonal matrix diag(d); d: not modified (copied), finite, length ≥ 1. */
    static SymmetricOperator diagonal(double[] d) {
        return new Operators.Diagonal(d);
    }

    /**
     * The diagonal block H[s, s] of an operator for the index range s = [offset, offset + length):
     * the Hessian of one layer or block with the other parameters held fixed. apply(v, out)
     * embeds v (length {@code length}) in a zero vector of the full dimension, applies
     * {@code op} to it and reads back the slice s:
     * <pre>
     *   out = (H [0; v; 0])[s]
     * </pre>
     * <b>Cost:</b> one full product of {@code op} per application (the zeros are not exploited),
     * and two scratch vectors of the full dimension owned by the returned operator, which is
     * therefore not thread-safe. A {@link CountingOperator} wrapped around {@code op} counts
     * these full products.
     */
    static SymmetricOperator restrictedTo(SymmetricOperator op, int offset, int length) {
        return new Operators.Restricted(op, offset, length);
    }

    /** {@link #restrictedTo(SymmetricOperator, int, int)} for the entries of one layer of a layout. */
    static SymmetricOperator restrictedTo(SymmetricOperator op, ParameterLayout.Layer layer) {
        return new Operators.Restricted(op, layer.offset(), layer.length());
    }

    /** {@link #restrictedTo(SymmetricOperator, int, int)} for the entries of one block of a layout. */
    static SymmetricOperator restrictedTo(SymmetricOperator op, Block block) {
        return new Operators.Restricted(op, block.offset(), block.length());
    }

    /** A wrapper that counts the products made through it; see {@link CountingOperator}. */
    static CountingOperator counting(SymmetricOperator op) {
        return new CountingOperator(op);
    }
}
