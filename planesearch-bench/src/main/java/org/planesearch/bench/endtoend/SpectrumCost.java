package org.planesearch.bench.endtoend;

import java.nio.file.Path;
import java.util.Locale;
import org.planesearch.core.linalg.Backend;
import org.planesearch.core.spectrum.CountingOperator;
import org.planesearch.core.spectrum.DensityEstimate;
import org.planesearch.core.spectrum.SpectralDensity;
import org.planesearch.core.spectrum.SymmetricOperator;

/**
 * The spectrum issue's cost measurement in one process: one SLQ density (m Lanczos steps, one
 * draw) of a benchmark problem's Hessian at its start point, in Hessian-vector products and
 * seconds, and the cost of one Hessian-vector product against one gradient (f and ∇f in full),
 * each the median of a few repeats.
 *
 * <p>Usage: {@code SpectrumCost <problem> [steps] [repeats]} (problem as {@link BenchProblem},
 * data from {@code data-cache}).
 */
public final class SpectrumCost {

    private SpectrumCost() {
    }

    public static void main(String[] args) throws Exception {
        String problem = args.length > 0 ? args[0] : "mnist-mlp100";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 80;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        try (BenchProblem p = BenchProblem.load(problem, Path.of("data-cache"), 1e-4)) {
            int n = p.objective.dimension();
            double[] x = p.start.clone();
            double[] g = new double[n];
            double[] v = new double[n];
            double[] hv = new double[n];
            java.util.Arrays.fill(v, 1.0 / Math.sqrt(n));
            double[] grad = new double[repeats];
            double[] hvp = new double[repeats];
            for (int r = -1; r < repeats; r++) {   // r = −1: warm-up
                long t0 = System.nanoTime();
                p.objective.valueAndGradient(x, g);
                long t1 = System.nanoTime();
                p.objective.hessianTimes(x, v, hv);
                long t2 = System.nanoTime();
                if (r >= 0) {
                    grad[r] = (t1 - t0) / 1e9;
                    hvp[r] = (t2 - t1) / 1e9;
                }
            }
            CountingOperator op = SymmetricOperator.counting(SymmetricOperator.hessianAt(p.objective, x));
            SpectralDensity.Settings settings = SpectralDensity.Settings.defaults().withSteps(steps).withDraws(1)
                    .withGridSize(2000);
            long t0 = System.nanoTime();
            DensityEstimate d = SpectralDensity.estimate(op, settings);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double gMed = median(grad);
            double hMed = median(hvp);
            System.out.printf(Locale.ROOT, "%s: %d parameters; backend %s, %d threads%n", problem, n,
                    Backend.current().describe(), Backend.threads());
            System.out.printf(Locale.ROOT, "f and ∇f: %.1f ms; one Hessian-vector product: %.1f ms (%.2f × the gradient); "
                    + "medians of %d%n", 1e3 * gMed, 1e3 * hMed, hMed / gMed, repeats);
            System.out.printf(Locale.ROOT, "one density (m = %d, n_v = 1): %d Hessian-vector products, %.1f s "
                    + "(%.1f ms per product, Lanczos included); spectrum on [%.4g, %.4g]%n", steps, op.applications(),
                    seconds, 1e3 * seconds / op.applications(), d.minNode(), d.maxNode());
        }
    }

    private static double median(double[] a) {
        double[] c = a.clone();
        java.util.Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : 0.5 * (c[c.length / 2 - 1] + c[c.length / 2]);
    }
}
