package org.planesearch.core.spectrum;

import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.HessianVectorProduct;

/** The implementations behind the adapters of {@link SymmetricOperator}. */
final class Operators {

    private Operators() {
    }

    /** Checks v and out for an operator of dimension n: lengths, no aliasing. */
    static void checkArguments(String who, int n, double[] v, double[] out) {
        if (v.length != n || out.length != n) {
            throw new IllegalArgumentException(who + ": v and out need length " + n + ", got " + v.length + " and "
                    + out.length);
        }
        if (v == out) {
            throw new IllegalArgumentException(who + ": out must not alias v");
        }
    }

    /** Checks that an operator dimension is ≥ 1. */
    static int checkDimension(String who, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(who + ": dimension must be >= 1, got " + n);
        }
        return n;
    }

    /** An operator from a dimension and a product. */
    static final class FromProduct implements SymmetricOperator {
        private final int n;
        private final Product product;

        FromProduct(int n, Product product) {
            this.n = checkDimension("SymmetricOperator.of", n);
            if (product == null) {
                throw new IllegalArgumentException("SymmetricOperator.of: product must not be null");
            }
            this.product = product;
        }

        @Override
        public int dimension() {
            return n;
        }

        @Override
        public void apply(double[] v, double[] out) {
            checkArguments("SymmetricOperator.of", n, v, out);
            product.apply(v, out);
        }
    }

    /** ∇²f(x) through a Hessian-vector product at a copy of x. */
    static final class HessianAt implements SymmetricOperator {
        private final HessianVectorProduct hessian;
        private final double[] x;

        HessianAt(HessianVectorProduct hessian, double[] x) {
            if (hessian == null) {
                throw new IllegalArgumentException("hessianAt: the Hessian-vector product must not be null");
            }
            checkDimension("hessianAt", x.length);
            this.hessian = hessian;
            this.x = x.clone();
        }

        @Override
        public int dimension() {
            return x.length;
        }

        @Override
        public void apply(double[] v, double[] out) {
            checkArguments("hessianAt", x.length, v, out);
            hessian.hessianTimes(x, v, out);
        }
    }

    /** An explicit symmetric matrix, stored by rows so that each product entry is one {@link Vec#dot}. */
    static final class Dense implements SymmetricOperator {
        /** Relative asymmetry accepted, against the largest |aᵢⱼ|. */
        static final double SYMMETRY_TOLERANCE = 1e-12;
        private final double[][] rows;

        Dense(double[] matrix, int n) {
            checkDimension("dense", n);
            if ((long) n * n != matrix.length) {
                throw new IllegalArgumentException("dense: matrix has length " + matrix.length + ", expected n·n = "
                        + ((long) n * n));
            }
            if (!Vec.allFinite(matrix)) {
                throw new IllegalArgumentException("dense: matrix has a NaN or infinite entry");
            }
            double tol = SYMMETRY_TOLERANCE * Vec.normInf(matrix);
            rows = new double[n][n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(matrix, i * n, rows[i], 0, n);
                for (int j = 0; j < i; j++) {
                    if (Math.abs(matrix[i * n + j] - matrix[j * n + i]) > tol) {
                        throw new IllegalArgumentException("dense: matrix is not symmetric at (" + i + ", " + j + "): "
                                + matrix[i * n + j] + " vs " + matrix[j * n + i]);
                    }
                }
            }
        }

        @Override
        public int dimension() {
            return rows.length;
        }

        @Override
        public void apply(double[] v, double[] out) {
            int n = rows.length;
            checkArguments("dense", n, v, out);
            for (int i = 0; i < n; i++) {
                out[i] = Vec.dot(rows[i], v, n);
            }
        }
    }

    /** diag(d). */
    static final class Diagonal implements SymmetricOperator {
        private final double[] d;

        Diagonal(double[] d) {
            checkDimension("diagonal", d.length);
            if (!Vec.allFinite(d)) {
                throw new IllegalArgumentException("diagonal: d has a NaN or infinite entry");
            }
            this.d = d.clone();
        }

        @Override
        public int dimension() {
            return d.length;
        }

        @Override
        public void apply(double[] v, double[] out) {
            checkArguments("diagonal", d.length, v, out);
            for (int i = 0; i < d.length; i++) {
                out[i] = d[i] * v[i];
            }
        }
    }

    /** The diagonal block of an operator over [offset, offset + length), via a zero-padded full product. */
    static final class Restricted implements SymmetricOperator {
        private final SymmetricOperator op;
        private final int offset;
        private final int length;
        private final double[] full;
        private final double[] fullOut;

        Restricted(SymmetricOperator op, int offset, int length) {
            if (op == null) {
                throw new IllegalArgumentException("restrictedTo: op must not be null");
            }
            int n = op.dimension();
            if (offset < 0 || length < 1 || (long) offset + length > n) {
                throw new IllegalArgumentException("restrictedTo: range [" + offset + ", " + ((long) offset + length)
                        + ") must be non-empty and inside [0, " + n + ")");
            }
            this.op = op;
            this.offset = offset;
            this.length = length;
            this.full = new double[n];
            this.fullOut = new double[n];
        }

        @Override
        public int dimension() {
            return length;
        }

        @Override
        public void apply(double[] v, double[] out) {
            checkArguments("restrictedTo", length, v, out);
            // entries outside the slice stay zero: only the slice is ever written
            System.arraycopy(v, 0, full, offset, length);
            op.apply(full, fullOut);
            System.arraycopy(fullOut, offset, out, 0, length);
        }
    }
}
