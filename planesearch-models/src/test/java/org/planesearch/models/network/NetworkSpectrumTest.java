package org.planesearch.models.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.optim.Method;
import org.planesearch.core.optim.StopCriterion;
import org.planesearch.core.spectrum.DensityEstimate;
import org.planesearch.core.spectrum.SpectralDensity;
import org.planesearch.core.spectrum.SymmetricEigen;
import org.planesearch.core.spectrum.SymmetricOperator;
import org.planesearch.models.SyntheticData;

/**
 * The spectrum issue's acceptance on a real network rather than a matrix of known spectrum: a
 * two-layer tanh network with 2,147 parameters (45 → 42 → 5, softmax, 300 examples), trained a
 * little so that its Hessian is not the one of a random start. Its exact Hessian (2,147
 * Hessian-vector products, then the dense eigenvalues) against stochastic Lanczos quadrature with
 * m = 80 and n_v = 10: the smoothed densities on the same grid within L1 0.05, the top node
 * within 1 % of the largest eigenvalue. Slow (the dense eigenvalues take seconds): {@code -Plong}.
 */
@Tag("slow")
class NetworkSpectrumTest {

    @Test
    void slqDensityOfATwoLayerNetworkMatchesTheExactOne() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 300;
        DataMatrix x = SyntheticData.matrix(rng, n, 45, false);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(5);
        }
        NetworkModel model = NetworkModel.of(new int[] {45, 42, 5}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        NetworkObjective f = model.objective(x, y, 1e-3);
        assertEquals(2147, f.dimension());
        double[] w = Method.parse("lbfgs+wolfe").optimizer(StopCriterion.maxIterations(30))
                .minimize(f, model.initialize(3)).x();

        int dim = f.dimension();
        double[] hessian = new double[dim * dim];
        double[] e = new double[dim];
        double[] column = new double[dim];
        for (int j = 0; j < dim; j++) {
            e[j] = 1;
            f.hessianTimes(w, e, column);
            e[j] = 0;
            System.arraycopy(column, 0, hessian, j * dim, dim);
        }
        for (int i = 0; i < dim; i++) {
            for (int j = i + 1; j < dim; j++) {
                double s = 0.5 * (hessian[i * dim + j] + hessian[j * dim + i]);
                hessian[i * dim + j] = s;
                hessian[j * dim + i] = s;
            }
        }
        double[] exact = SymmetricEigen.eigenvalues(hessian, dim);
        double top = exact[0];
        for (double v : exact) {
            top = Math.max(top, v);
        }

        SpectralDensity.Settings settings = SpectralDensity.Settings.defaults().withSteps(80).withDraws(10)
                .withSigmaSquared(1e-3).withGridSize(4000).withSeed(11);
        DensityEstimate slq = SpectralDensity.estimate(SymmetricOperator.hessianAt(f, w), settings);
        DensityEstimate reference = SpectralDensity.exact(exact, slq);
        double l1 = SpectralDensity.l1Distance(slq, reference);
        assertTrue(l1 <= 0.05, "L1 distance of the smoothed densities " + l1);
        assertTrue(Math.abs(slq.maxNode() - top) <= 0.01 * Math.abs(top),
                "top node " + slq.maxNode() + " against the largest eigenvalue " + top);
    }
}
