package org.planesearch.models.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.planesearch.core.layout.Block;
import org.planesearch.core.linalg.Backend;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.FiniteDifferences;
import org.planesearch.models.network.Networks.Storage;

/**
 * Derivatives of {@link NetworkObjective} against their definitions: the value against a
 * row-by-row textbook forward pass; the gradient and the exact Hessian-vector product against
 * central differences ({@link FiniteDifferences}) for every activation × every loss, on CSR and
 * float32 data, and on three and four weight layers; the Gauss–Newton product against
 * (1/n) Jᵀ∇²ℓ J v + λv_W with J built column by column from central differences of the logits.
 * Every point keeps the hidden pre-activations at least 0.05 from 0, so that no difference
 * crosses a ReLU kink.
 */
class NetworkObjectiveTest {

    /** A network configuration on random data (n = 7). */
    record Case(int[] widths, Activation activation, OutputLoss loss, Storage storage, double lambda) {
        NetworkObjective objective(long seed) {
            return Networks.objective(widths, activation, loss, storage, lambda, seed);
        }

        @Override
        public String toString() {
            return activation.id() + " " + loss.id() + " " + java.util.Arrays.toString(widths) + " "
                    + storage.name().toLowerCase() + " λ=" + lambda;
        }
    }

    /** Every activation × loss on {5, 4, c} dense, λ alternating 0.1 and 0; plus CSR, float32, 3 and 4 weight layers. */
    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        int i = 0;
        for (Activation a : Activation.values()) {
            for (OutputLoss l : OutputLoss.values()) {
                out.add(new Case(Networks.twoLayers(l), a, l, Storage.DENSE, i++ % 2 == 0 ? 0.1 : 0.0));
            }
        }
        out.add(new Case(Networks.twoLayers(OutputLoss.SOFTMAX_CROSS_ENTROPY), Activation.TANH,
                OutputLoss.SOFTMAX_CROSS_ENTROPY, Storage.SPARSE, 0.05));
        out.add(new Case(Networks.twoLayers(OutputLoss.LOGISTIC), Activation.RELU, OutputLoss.LOGISTIC,
                Storage.SPARSE, 0.0));
        out.add(new Case(Networks.twoLayers(OutputLoss.LOGISTIC), Activation.GELU, OutputLoss.LOGISTIC,
                Storage.FLOAT32, 0.05));
        out.add(new Case(new int[] {5, 4, 3, 3}, Activation.SIGMOID, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Storage.DENSE, 0.05));
        out.add(new Case(new int[] {5, 3, 4, 2}, Activation.RELU, OutputLoss.SQUARED, Storage.DENSE, 0.0));
        out.add(new Case(new int[] {5, 4, 3, 1}, Activation.SOFTPLUS, OutputLoss.LOGISTIC, Storage.SPARSE, 0.1));
        out.add(new Case(new int[] {5, 3, 2, 3, 3}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Storage.FLOAT32, 0.02));
        return out;
    }

    private static double textbookActivation(Activation a, double u) {
        return switch (a) {
            case TANH -> Math.tanh(u);
            case SIGMOID -> 1 / (1 + Math.exp(-u));
            case SOFTPLUS -> Math.log1p(Math.exp(u));
            case GELU -> 0.5 * u * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (u + 0.044715 * u * u * u)));
            case RELU -> Math.max(u, 0);
        };
    }

    /** f(w) from its definition, example by example, with textbook formulas. */
    static double definition(NetworkObjective f, double[] w) {
        NetworkModel m = f.model();
        DataMatrix x = f.data();
        int n = x.rows();
        int[] widths = m.widths();
        int layers = widths.length - 1;
        double[] y = f.targets();
        double sum = 0;
        double reg = 0;
        for (int i = 0; i < n; i++) {
            double[] h = new double[widths[0]];
            x.row(i, h);
            int at = 0;
            for (int l = 0; l < layers; l++) {
                int in = widths[l];
                int out = widths[l + 1];
                double[] z = new double[out];
                for (int o = 0; o < out; o++) {
                    double s = w[at + in * out + o];
                    for (int j = 0; j < in; j++) {
                        s += h[j] * w[at + j * out + o];
                    }
                    z[o] = l + 1 < layers ? textbookActivation(m.activation(), s) : s;
                }
                h = z;
                at += in * out + out;
            }
            int c = h.length;
            switch (m.loss()) {
                case SOFTMAX_CROSS_ENTROPY -> {
                    double e = 0;
                    for (int o = 0; o < c; o++) {
                        e += Math.exp(h[o]);
                    }
                    sum += Math.log(e) - h[(int) y[i]];
                }
                case LOGISTIC -> sum += Math.log1p(Math.exp(-y[i] * h[0]));
                case SQUARED -> {
                    for (int o = 0; o < c; o++) {
                        sum += 0.5 * (h[o] - y[i * c + o]) * (h[o] - y[i * c + o]);
                    }
                }
            }
        }
        int at = 0;
        for (int l = 0; l < layers; l++) {
            int count = widths[l] * widths[l + 1];
            for (int j = 0; j < count; j++) {
                reg += w[at + j] * w[at + j];
            }
            at += count + widths[l + 1];
        }
        return sum / n + 0.5 * f.lambda() * reg;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valueMatchesTheExampleByExampleDefinition(Case c) {
        NetworkObjective f = c.objective(11);
        for (long seed = 1; seed <= 2; seed++) {
            double[] w = Networks.gaussian(new SplittableRandom(seed), f.dimension(), 0.7);
            double expected = definition(f, w);
            assertEquals(expected, f.value(w), 1e-13 * Math.max(1, Math.abs(expected)));
            double[] g = new double[f.dimension()];
            assertEquals(f.value(w), f.valueAndGradient(w, g), 0.0, "value and valueAndGradient agree exactly");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientMatchesCentralDifferences(Case c) {
        NetworkObjective f = c.objective(21);
        double[] g = new double[f.dimension()];
        double[] fd = new double[f.dimension()];
        for (long seed = 1; seed <= 2; seed++) {
            double[] w = Networks.pointAwayFromKinks(f, 100 * seed, 0.05);
            f.valueAndGradient(w, g);
            FiniteDifferences.gradient(f, w, fd);
            double err = FiniteDifferences.relativeError(g, fd, 1e-3);
            assertTrue(err < 1e-7, "relative gradient error " + err);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hessianTimesMatchesDifferencesOfTheGradient(Case c) {
        NetworkObjective f = c.objective(31);
        int n = f.dimension();
        double[] hv = new double[n];
        double[] fd = new double[n];
        for (long seed = 1; seed <= 2; seed++) {
            double[] w = Networks.pointAwayFromKinks(f, 100 * seed, 0.05);
            double[] v = Networks.gaussian(new SplittableRandom(seed + 7), n, 1.0);
            f.hessianTimes(w, v, hv);
            FiniteDifferences.hessianTimes(f, w, v, fd);
            double err = FiniteDifferences.relativeError(hv, fd, 1e-3);
            assertTrue(err < 1e-6, "relative Hessian-vector error " + err);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hessianIsSymmetric(Case c) {
        NetworkObjective f = c.objective(41);
        int n = f.dimension();
        SplittableRandom rng = new SplittableRandom(3);
        double[] w = Networks.gaussian(rng, n, 0.6);
        double[] u = Networks.gaussian(rng, n, 1.0);
        double[] v = Networks.gaussian(rng, n, 1.0);
        double[] hu = new double[n];
        double[] hv = new double[n];
        f.hessianTimes(w, u, hu);
        f.hessianTimes(w, v, hv);
        double a = Vec.dot(u, hv);
        double b = Vec.dot(v, hu);
        assertEquals(a, b, 1e-12 * Math.max(1, Math.abs(a)), "uᵀHv = vᵀHu");
    }

    /** The logits Z(w) (n×c). */
    private static double[] logits(NetworkObjective f, double[] w) {
        double[] z = new double[f.examples() * f.model().outputs()];
        f.model().scores(f.data(), w, z);
        return z;
    }

    /** J = ∂Z/∂w (n·c × dim, row-major) by central differences of the logits. */
    private static double[] jacobian(NetworkObjective f, double[] w) {
        int dim = f.dimension();
        int rows = f.examples() * f.model().outputs();
        double[] j = new double[rows * dim];
        double[] wp = w.clone();
        for (int k = 0; k < dim; k++) {
            double h = 1e-5 * Math.max(1, Math.abs(w[k]));
            wp[k] = w[k] + h;
            double[] up = logits(f, wp);
            wp[k] = w[k] - h;
            double[] down = logits(f, wp);
            wp[k] = w[k];
            double step = (w[k] + h) - (w[k] - h);
            for (int r = 0; r < rows; r++) {
                j[r * dim + k] = (up[r] - down[r]) / step;
            }
        }
        return j;
    }

    /** (1/n) Jᵀ ∇²ℓ J v + λ v_W from an explicit J and the textbook loss Hessians. */
    private static double[] gaussNewtonReference(NetworkObjective f, double[] w, double[] v) {
        int dim = f.dimension();
        int n = f.examples();
        int c = f.model().outputs();
        double[] j = jacobian(f, w);
        double[] z = logits(f, w);
        double[] jv = new double[n * c];
        for (int r = 0; r < n * c; r++) {
            double s = 0;
            for (int k = 0; k < dim; k++) {
                s += j[r * dim + k] * v[k];
            }
            jv[r] = s;
        }
        double[] hjv = new double[n * c];
        for (int i = 0; i < n; i++) {
            switch (f.model().loss()) {
                case SOFTMAX_CROSS_ENTROPY -> {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int o = 0; o < c; o++) {
                        max = Math.max(max, z[i * c + o]);
                    }
                    double[] p = new double[c];
                    double sum = 0;
                    for (int o = 0; o < c; o++) {
                        p[o] = Math.exp(z[i * c + o] - max);
                        sum += p[o];
                    }
                    double pu = 0;
                    for (int o = 0; o < c; o++) {
                        p[o] /= sum;
                        pu += p[o] * jv[i * c + o];
                    }
                    for (int o = 0; o < c; o++) {
                        hjv[i * c + o] = p[o] * jv[i * c + o] - p[o] * pu;
                    }
                }
                case LOGISTIC -> {
                    double s = 1 / (1 + Math.exp(-z[i]));
                    hjv[i] = s * (1 - s) * jv[i];
                }
                case SQUARED -> {
                    for (int o = 0; o < c; o++) {
                        hjv[i * c + o] = jv[i * c + o];
                    }
                }
            }
        }
        double[] out = new double[dim];
        for (int k = 0; k < dim; k++) {
            double s = 0;
            for (int r = 0; r < n * c; r++) {
                s += j[r * dim + k] * hjv[r];
            }
            out[k] = s / n;
        }
        List<Block> blocks = f.layout().blocks();
        for (int b = 0; b < blocks.size(); b++) {
            Block blk = blocks.get(b);
            if (blk.regularized()) {
                for (int k = blk.offset(); k < blk.end(); k++) {
                    out[k] += f.lambda() * v[k];
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gaussNewtonMatchesTheExplicitJacobianFormula(Case c) {
        NetworkObjective f = c.objective(51);
        int n = f.dimension();
        double[] w = Networks.pointAwayFromKinks(f, 7, 0.05);
        double[] v = Networks.gaussian(new SplittableRandom(8), n, 1.0);
        double[] gv = new double[n];
        f.gaussNewtonTimes(w, v, gv);
        double err = FiniteDifferences.relativeError(gv, gaussNewtonReference(f, w, v), 1e-3);
        assertTrue(err < 1e-7, "relative Gauss–Newton error " + err);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gaussNewtonIsSymmetricPositiveSemidefinite(Case c) {
        NetworkObjective f = c.objective(61);
        int n = f.dimension();
        SplittableRandom rng = new SplittableRandom(5);
        double[] w = Networks.gaussian(rng, n, 0.8);
        double[] u = Networks.gaussian(rng, n, 1.0);
        double[] gu = new double[n];
        double[] gv = new double[n];
        f.gaussNewtonTimes(w, u, gu);
        for (int trial = 0; trial < 5; trial++) {
            double[] v = Networks.gaussian(rng, n, 1.0);
            f.gaussNewtonTimes(w, v, gv);
            double a = Vec.dot(u, gv);
            double b = Vec.dot(v, gu);
            assertEquals(a, b, 1e-12 * Math.max(1, Math.abs(a)), "uᵀGv = vᵀGu");
            double vgv = Vec.dot(v, gv);
            assertTrue(vgv >= -1e-14 * Vec.dot(v, v), "vᵀGv = " + vgv);
        }
    }

    @Test
    void gaussNewtonEqualsTheHessianWhereTheResidualsVanish() {
        // Least squares with targets set to the network's own outputs: ∂ℓ/∂Z = 0, so every
        // second-order term of the Hessian drops out and ∇²f = G exactly.
        for (Activation a : Activation.values()) {
            int[] widths = {5, 4, 3, 2};
            SplittableRandom rng = new SplittableRandom(9);
            DataMatrix x = Networks.matrix(rng, Networks.ROWS, 5, Storage.DENSE);
            NetworkModel m = NetworkModel.of(widths, a, OutputLoss.SQUARED);
            double[] w = Networks.gaussian(rng, m.dimension(), 0.7);
            double[] z = new double[Networks.ROWS * 2];
            m.scores(x, w, z);
            NetworkObjective f = m.objective(x, z, 0.1);
            double[] g = new double[m.dimension()];
            f.valueAndGradient(w, g);
            double[] v = Networks.gaussian(rng, m.dimension(), 1.0);
            double[] hv = new double[m.dimension()];
            double[] gv = new double[m.dimension()];
            f.hessianTimes(w, v, hv);
            f.gaussNewtonTimes(w, v, gv);
            double err = FiniteDifferences.relativeError(hv, gv, 1e-3);
            assertTrue(err < 1e-14, a + ": relative difference " + err);
            // and G differs from ∇²f away from the zero-residual point
            NetworkObjective shifted = m.objective(x, Networks.gaussian(rng, z.length, 1.0), 0.1);
            shifted.hessianTimes(w, v, hv);
            shifted.gaussNewtonTimes(w, v, gv);
            assertTrue(FiniteDifferences.relativeError(hv, gv, 1e-3) > 1e-6, a + ": residual terms present");
        }
    }

    @Test
    void penaltyGradientIsLambdaTimesTheWeightsAndSparesTheBiases() {
        SplittableRandom rng = new SplittableRandom(4);
        DataMatrix x = Networks.matrix(rng, Networks.ROWS, 5, Storage.DENSE);
        double[] y = Networks.targets(OutputLoss.SOFTMAX_CROSS_ENTROPY, Networks.ROWS, 3, rng);
        NetworkModel m = NetworkModel.of(new int[] {5, 4, 3}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        double lambda = 0.3;
        NetworkObjective plain = m.objective(x, y, 0);
        NetworkObjective penalized = m.objective(x, y, lambda);
        double[] w = Networks.gaussian(rng, m.dimension(), 0.8);
        double[] g0 = new double[m.dimension()];
        double[] g1 = new double[m.dimension()];
        double f0 = plain.valueAndGradient(w, g0);
        double f1 = penalized.valueAndGradient(w, g1);
        double squares = 0;
        for (int b = 0; b < m.layout().blockCount(); b++) {
            Block blk = m.layout().block(b);
            for (int k = blk.offset(); k < blk.end(); k++) {
                double expected = blk.regularized() ? lambda * w[k] : 0.0;
                assertEquals(expected, g1[k] - g0[k], 1e-15, blk.name() + "[" + (k - blk.offset()) + "]");
                squares += blk.regularized() ? w[k] * w[k] : 0;
            }
        }
        assertEquals(0.5 * lambda * squares, f1 - f0, 1e-14);
        assertEquals(f0, penalized.meanLoss(w), 1e-15);
        // the penalty's Hessian: λI on the weights, 0 on the biases
        double[] e = new double[m.dimension()];
        double[] h0 = new double[m.dimension()];
        double[] h1 = new double[m.dimension()];
        int bias = m.layout().block(1).offset();
        e[bias] = 1;
        plain.hessianTimes(w, e, h0);
        penalized.hessianTimes(w, e, h1);
        assertArrayEquals(h0, h1, 1e-15);
    }

    @Test
    void evaluationsAreDeterministic() {
        NetworkObjective f = Networks.objective(new int[] {5, 4, 3, 3}, Activation.GELU,
                OutputLoss.SOFTMAX_CROSS_ENTROPY, Storage.DENSE, 0.1, 3);
        NetworkObjective twin = Networks.objective(new int[] {5, 4, 3, 3}, Activation.GELU,
                OutputLoss.SOFTMAX_CROSS_ENTROPY, Storage.DENSE, 0.1, 3);
        double[] w = f.model().initialize(17);
        assertArrayEquals(w, f.model().initialize(17), 0.0);
        assertTrue(!java.util.Arrays.equals(w, f.model().initialize(18)), "another seed, other weights");
        int n = f.dimension();
        double[] v = Networks.gaussian(new SplittableRandom(2), n, 1.0);
        double[] g1 = new double[n];
        double[] g2 = new double[n];
        double[] h1 = new double[n];
        double[] h2 = new double[n];
        double f1 = f.valueAndGradient(w, g1);
        f.hessianTimes(w, v, h1);
        double f2 = twin.valueAndGradient(w, g2);
        twin.hessianTimes(w, v, h2);
        assertEquals(Double.doubleToRawLongBits(f1), Double.doubleToRawLongBits(f.value(w)));
        assertEquals(Double.doubleToRawLongBits(f1), Double.doubleToRawLongBits(f2));
        assertArrayEquals(g1, g2, 0.0);
        assertArrayEquals(h1, h2, 0.0);
        f.valueAndGradient(w, g2);
        f.hessianTimes(w, v, h2);
        assertArrayEquals(g1, g2, 0.0);
        assertArrayEquals(h1, h2, 0.0);
    }

    @Test
    void severalThreadsGiveReproducibleBitsCloseToOneThread() {
        int before = Backend.threads();
        try {
            SplittableRandom rng = new SplittableRandom(8);
            int rows = 1500;
            DataMatrix x = Networks.matrix(rng, rows, 40, Storage.DENSE);
            double[] y = Networks.targets(OutputLoss.SOFTMAX_CROSS_ENTROPY, rows, 3, rng);
            NetworkModel m = NetworkModel.of(new int[] {40, 30, 20, 3}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY);
            double[] w = m.initialize(1);
            int n = m.dimension();
            Backend.setThreads(1);
            NetworkObjective f = m.objective(x, y, 0.01);
            double[] g1 = new double[n];
            double f1 = f.valueAndGradient(w, g1);
            Backend.setThreads(2);
            NetworkObjective f2 = m.objective(x, y, 0.01);
            double[] g2 = new double[n];
            double[] g3 = new double[n];
            double v2 = f2.valueAndGradient(w, g2);
            double v3 = f2.valueAndGradient(w, g3);
            assertEquals(Double.doubleToRawLongBits(v2), Double.doubleToRawLongBits(v3));
            assertArrayEquals(g2, g3, 0.0);
            assertEquals(f1, v2, 1e-14 * Math.abs(f1));
            assertTrue(FiniteDifferences.relativeError(g1, g2, 1e-6) < 1e-13);
        } finally {
            Backend.setThreads(before);
        }
    }

    @Test
    void nativeFloat32DataGivesTheFloat64GradientToSinglePrecision() {
        // The native float32 backend multiplies in float32 (NativeFloatMatrix): its gradient
        // agrees with the float64 computation on the same float data to about 1e-6, not more,
        // which is why the finite-difference cases use the Java backend's float32 matrices.
        org.junit.jupiter.api.Assumptions.assumeTrue(Backend.nativeAvailable(), "OpenBLAS not loadable here");
        SplittableRandom rng = new SplittableRandom(12);
        int rows = 50;
        float[] a = new float[rows * 5];
        double[] wide = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextGaussian();
            wide[i] = a[i];
        }
        double[] y = Networks.targets(OutputLoss.LOGISTIC, rows, 1, rng);
        NetworkModel m = NetworkModel.of(new int[] {5, 6, 1}, Activation.TANH, OutputLoss.LOGISTIC);
        double[] w = m.initialize(2);
        double[] g32 = new double[m.dimension()];
        double[] g64 = new double[m.dimension()];
        try (DataMatrix x32 = Backend.named("native").denseFloat(rows, 5, a);
             DataMatrix x64 = Backend.JAVA.dense(rows, 5, wide)) {
            double f32 = m.objective(x32, y, 0).valueAndGradient(w, g32);
            double f64 = m.objective(x64, y, 0).valueAndGradient(w, g64);
            assertEquals(f64, f32, 1e-5 * Math.abs(f64));
            assertTrue(FiniteDifferences.relativeError(g32, g64, 1e-3) < 1e-5);
        }
    }
}
