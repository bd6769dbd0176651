package org.planesearch.models.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.Vec;
import org.planesearch.core.objective.CurvatureKind;

/**
 * The network's layer-curvature oracle against explicit products and finite differences: exact
 * Gauss–Newton blocks against masked Gauss–Newton-vector products, Hessian blocks against second
 * differences of f along each layer, the sampled Fisher's mean against the exact Gauss–Newton
 * blocks, and ReLU's diagonal Hessian blocks equal to its Gauss–Newton blocks.
 */
class LayerCurvatureTest {

    record Case(int[] widths, Activation activation, OutputLoss loss) {
        @Override
        public String toString() {
            return java.util.Arrays.toString(widths) + " " + activation + " " + loss;
        }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (Activation a : Activation.values()) {
            for (OutputLoss l : OutputLoss.values()) {
                out.add(new Case(Networks.twoLayers(l), a, l));
            }
        }
        out.add(new Case(new int[] {5, 4, 3, 3}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY));
        out.add(new Case(new int[] {5, 4, 3, 2, 2}, Activation.SIGMOID, OutputLoss.SQUARED));
        return out;
    }

    /** p_lᵀ M p_m from masked products M·p_m. */
    private static double[] explicit(NetworkObjective f, double[] w, double[] p, boolean gaussNewton) {
        ParameterLayout layout = f.layout();
        int count = layout.layerCount();
        double[] c = new double[count * count];
        double[] masked = new double[p.length];
        double[] product = new double[p.length];
        for (int m = 0; m < count; m++) {
            ParameterLayout.Layer lm = layout.layer(m);
            java.util.Arrays.fill(masked, 0);
            System.arraycopy(p, lm.offset(), masked, lm.offset(), lm.length());
            if (gaussNewton) {
                f.gaussNewtonTimes(w, masked, product);
            } else {
                f.hessianTimes(w, masked, product);
            }
            for (int l = 0; l < count; l++) {
                ParameterLayout.Layer ll = layout.layer(l);
                c[l * count + m] = Vec.dot(p, product, ll.offset(), ll.length());
            }
        }
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exactGaussNewtonBlocksEqualMaskedGaussNewtonProducts(Case k) {
        NetworkObjective f = Networks.objective(k.widths, k.activation, k.loss, Networks.Storage.DENSE, 0.03, 11);
        double[] w = Networks.pointAwayFromKinks(f, 5, 0.05);
        double[] p = Networks.gaussian(new SplittableRandom(9), f.dimension(), 1);
        int count = f.layout().layerCount();
        double[] c = new double[count * count];
        assertEquals(CurvatureKind.GAUSS_NEWTON, f.layerCurvature(w, p, CurvatureKind.GAUSS_NEWTON, null, c));
        double[] e = explicit(f, w, p, true);
        for (int i = 0; i < c.length; i++) {
            assertEquals(e[i], c[i], 1e-10 * (1 + Math.abs(e[i])), "entry " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hessianBlocksMatchSecondDifferencesAlongEachLayer(Case k) {
        NetworkObjective f = Networks.objective(k.widths, k.activation, k.loss, Networks.Storage.DENSE, 0.03, 12);
        double[] w = Networks.pointAwayFromKinks(f, 6, 0.05);
        double[] p = Networks.gaussian(new SplittableRandom(10), f.dimension(), 1);
        int count = f.layout().layerCount();
        double[] c = new double[count * count];
        f.layerCurvature(w, p, CurvatureKind.HESSIAN, null, c);
        double h = 1e-4;
        for (int l = 0; l < count; l++) {
            ParameterLayout.Layer layer = f.layout().layer(l);
            double[] plus = w.clone();
            double[] minus = w.clone();
            for (int i = layer.offset(); i < layer.end(); i++) {
                plus[i] += h * p[i];
                minus[i] -= h * p[i];
            }
            double second = (f.value(plus) - 2 * f.value(w) + f.value(minus)) / (h * h);
            assertEquals(second, c[l * count + l], 1e-5 * (1 + Math.abs(second)), "layer " + l);
        }
    }

    @Test
    void reluDiagonalHessianBlocksEqualGaussNewtonBlocks() {
        for (OutputLoss loss : OutputLoss.values()) {
            NetworkObjective f = Networks.objective(new int[] {5, 4, 3, outputsOf(loss)}, Activation.RELU, loss,
                    Networks.Storage.DENSE, 0.01, 13);
            double[] w = Networks.pointAwayFromKinks(f, 7, 0.05);
            double[] p = Networks.gaussian(new SplittableRandom(11), f.dimension(), 1);
            int count = f.layout().layerCount();
            double[] hessian = new double[count * count];
            double[] gn = new double[count * count];
            f.layerCurvature(w, p, CurvatureKind.HESSIAN, null, hessian);
            f.layerCurvature(w, p, CurvatureKind.GAUSS_NEWTON, null, gn);
            for (int l = 0; l < count; l++) {
                double d = gn[l * count + l];
                assertEquals(d, hessian[l * count + l], 1e-10 * (1 + Math.abs(d)), loss + " layer " + l);
            }
        }
    }

    private static int outputsOf(OutputLoss loss) {
        return Networks.outputs(loss);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sampledFisherAveragesToTheGaussNewtonBlocks(Case k) {
        NetworkObjective f = Networks.objective(k.widths, k.activation, k.loss, Networks.Storage.DENSE, 0.03, 14);
        double[] w = Networks.pointAwayFromKinks(f, 8, 0.05);
        double[] p = Networks.gaussian(new SplittableRandom(12), f.dimension(), 1);
        int count = f.layout().layerCount();
        double[] exact = new double[count * count];
        f.layerCurvature(w, p, CurvatureKind.GAUSS_NEWTON, null, exact);
        int samples = 4000;
        double[] sum = new double[count * count];
        double[] sumSq = new double[count * count];
        double[] c = new double[count * count];
        SplittableRandom random = new SplittableRandom(99);
        for (int s = 0; s < samples; s++) {
            f.layerCurvature(w, p, CurvatureKind.FISHER, random, c);
            for (int i = 0; i < c.length; i++) {
                sum[i] += c[i];
                sumSq[i] += c[i] * c[i];
            }
        }
        for (int i = 0; i < c.length; i++) {
            double mean = sum[i] / samples;
            double variance = Math.max(0, sumSq[i] / samples - mean * mean);
            double standardError = Math.sqrt(variance / samples);
            assertTrue(Math.abs(mean - exact[i]) <= 5 * standardError + 1e-12 * (1 + Math.abs(exact[i])),
                    "entry " + i + ": mean " + mean + " vs exact " + exact[i] + " (standard error " + standardError + ")");
        }
        // diagonal entries of the estimate are never negative (sums of squares plus λ‖p‖²)
        for (int l = 0; l < count; l++) {
            assertTrue(c[l * count + l] >= 0);
        }
    }

    @Test
    void theForwardPassOfTheGradientIsReusedAndTheResultIsTheSame() {
        NetworkObjective f = Networks.objective(new int[] {5, 4, 3}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Networks.Storage.DENSE, 0.01, 15);
        double[] w = Networks.gaussian(new SplittableRandom(1), f.dimension(), 0.5);
        double[] p = Networks.gaussian(new SplittableRandom(2), f.dimension(), 1);
        double[] cold = new double[4];
        f.value(w); // a forward pass without slopes: the cache must not be used
        f.layerCurvature(w, p, CurvatureKind.GAUSS_NEWTON, null, cold);
        double[] warm = new double[4];
        f.valueAndGradient(w, new double[f.dimension()]);
        f.layerCurvature(w, p, CurvatureKind.GAUSS_NEWTON, null, warm);
        assertTrue(java.util.Arrays.equals(cold, warm));
    }

    @Test
    void autoChoosesExactGaussNewtonForTwoLayersAndTheFisherForDeepNetworks() {
        NetworkObjective two = Networks.objective(new int[] {5, 4, 3}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY,
                Networks.Storage.DENSE, 0.01, 16);
        assertEquals(CurvatureKind.GAUSS_NEWTON, two.autoCurvature());
        NetworkObjective deep = Networks.objective(new int[] {5, 8, 8, 8, 3}, Activation.TANH,
                OutputLoss.SOFTMAX_CROSS_ENTROPY, Networks.Storage.DENSE, 0.01, 16);
        assertEquals(CurvatureKind.FISHER, deep.autoCurvature());
    }
}
