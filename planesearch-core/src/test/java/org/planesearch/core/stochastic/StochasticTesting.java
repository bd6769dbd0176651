package org.planesearch.core.stochastic;

import java.util.SplittableRandom;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.subspace.GenericSubspaceEvaluator;
import org.planesearch.core.subspace.SubspaceEvaluator;
import org.planesearch.core.testing.Quadratic;

/**
 * Test fixtures of the stochastic line searches: the spec's quadratic, objectives that shift f,
 * turn trial values into NaN or record the first trial, and a row-wise least-squares problem
 * whose batches differ.
 */
final class StochasticTesting {

    private StochasticTesting() {
    }

    /** The spec's 4-D quadratic ("layerwise-and-adaptive-steps" §A.8), layers {0, 1} and {2, 3}. */
    static Quadratic specQuadratic() {
        double[][] a = {{4, 1, .5, 0}, {1, 3, 0, .2}, {.5, 0, .5, .1}, {0, .2, .1, .25}};
        double[] b = {1, -2, .5, 1};
        ParameterLayout layout = ParameterLayout.builder().layer("first").add("a", false, 2).layer("second")
                .add("b", false, 2).build();
        return new Quadratic(a, b, layout);
    }

    /** f + shift (same gradient and Hessian). */
    static Probe shifted(Objective f, double shift) {
        return new Probe(f, shift, null, Double.POSITIVE_INFINITY);
    }

    /** f, but value() (a line-search trial) is NaN farther than radius (Euclidean) from center. */
    static Probe nanOutside(Objective f, double[] center, double radius) {
        return new Probe(f, 0, center.clone(), radius);
    }

    /**
     * A wrapped objective: f + shift, NaN trial values outside a ball, and the first point
     * passed to value() recorded. valueAndGradient (the step's own evaluation) is never NaN.
     */
    static final class Probe implements Objective {
        private final Objective inner;
        private final double shift;
        private final double[] center;
        private final double radius;
        double[] firstTrial;

        Probe(Objective inner, double shift, double[] center, double radius) {
            this.inner = inner;
            this.shift = shift;
            this.center = center;
            this.radius = radius;
        }

        @Override
        public ParameterLayout layout() {
            return inner.layout();
        }

        @Override
        public SubspaceEvaluator newEvaluator(int maxDirections, int stepMemory) {
            return new GenericSubspaceEvaluator(this, layout(), maxDirections, stepMemory);
        }

        @Override
        public double value(double[] x) {
            if (firstTrial == null) {
                firstTrial = x.clone();
            }
            if (center != null) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                    s += (x[i] - center[i]) * (x[i] - center[i]);
                }
                if (Math.sqrt(s) > radius) {
                    return Double.NaN;
                }
            }
            return inner.value(x) + shift;
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradOut) {
            return inner.valueAndGradient(x, gradOut) + shift;
        }

        @Override
        public void hessianTimes(double[] x, double[] v, double[] out) {
            inner.hessianTimes(x, v, out);
        }
    }

    /**
     * Least squares over rows: f_B(w) = (1/|B|) Σ_{i∈B} ½(aᵢᵀw − yᵢ)², with random rows and
     * targets from a random w plus noise (no interpolation), so batch gradients differ.
     */
    static final class RowLeastSquares implements BatchObjective {
        private final double[][] a;
        private final double[] y;
        private final ParameterLayout layout;
        private final Rows batch;
        private final Rows full;

        RowLeastSquares(int n, ParameterLayout layout, SplittableRandom rng) {
            int d = layout.dimension();
            this.layout = layout;
            a = new double[n][d];
            y = new double[n];
            double[] w = new double[d];
            for (int j = 0; j < d; j++) {
                w[j] = Quadratic.gaussian(rng);
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    a[i][j] = Quadratic.gaussian(rng) * (1 + j);
                    s += a[i][j] * w[j];
                }
                y[i] = s + 0.5 * Quadratic.gaussian(rng);
            }
            batch = new Rows(new int[n], 0);
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            full = new Rows(all, n);
        }

        @Override
        public ParameterLayout layout() {
            return layout;
        }

        @Override
        public int examples() {
            return y.length;
        }

        @Override
        public Objective batch(int[] order, int from, int count) {
            System.arraycopy(order, from, batch.rows, 0, count);
            batch.count = count;
            return batch;
        }

        @Override
        public Objective full() {
            return full;
        }

        @Override
        public void close() {
        }

        /** The objective of some rows. */
        private final class Rows implements Objective {
            private final int[] rows;
            private int count;

            Rows(int[] rows, int count) {
                this.rows = rows;
                this.count = count;
            }

            @Override
            public ParameterLayout layout() {
                return layout;
            }

            @Override
            public SubspaceEvaluator newEvaluator(int maxDirections, int stepMemory) {
                return new GenericSubspaceEvaluator(this, layout, maxDirections, stepMemory);
            }

            @Override
            public double value(double[] w) {
                double f = 0;
                for (int k = 0; k < count; k++) {
                    double r = residual(rows[k], w);
                    f += 0.5 * r * r;
                }
                return f / count;
            }

            @Override
            public double valueAndGradient(double[] w, double[] gradOut) {
                java.util.Arrays.fill(gradOut, 0);
                double f = 0;
                for (int k = 0; k < count; k++) {
                    double[] row = a[rows[k]];
                    double r = residual(rows[k], w);
                    f += 0.5 * r * r;
                    for (int j = 0; j < w.length; j++) {
                        gradOut[j] += r * row[j] / count;
                    }
                }
                return f / count;
            }

            @Override
            public void hessianTimes(double[] w, double[] v, double[] out) {
                java.util.Arrays.fill(out, 0);
                for (int k = 0; k < count; k++) {
                    double[] row = a[rows[k]];
                    double av = 0;
                    for (int j = 0; j < v.length; j++) {
                        av += row[j] * v[j];
                    }
                    for (int j = 0; j < v.length; j++) {
                        out[j] += av * row[j] / count;
                    }
                }
            }

            private double residual(int i, double[] w) {
                double s = -y[i];
                for (int j = 0; j < w.length; j++) {
                    s += a[i][j] * w[j];
                }
                return s;
            }
        }
    }
}
