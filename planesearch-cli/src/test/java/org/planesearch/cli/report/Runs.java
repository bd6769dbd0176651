package org.planesearch.cli.report;

import java.util.ArrayList;
import java.util.List;

/** Synthetic runs for the report tests. */
final class Runs {

    private Runs() {
    }

    /**
     * A run of n iterations with f = f* + 2^-k, a per-layer plane search over two layers (or a
     * global one), and test metrics every 5 iterations when asked.
     */
    static Run synthetic(String label, int n, boolean perLayer, boolean test, double fStar) {
        List<String> names = perLayer
                ? List.of("layer1 learning rate", "layer1 momentum", "layer2 learning rate", "layer2 momentum")
                : List.of("learning rate", "momentum");
        RunSummary summary = new RunSummary(label, label, "MAX_ITERATIONS", fStar + Math.pow(2, -n), 1e-3, n, 2 + 2L * n,
                0.01 * n, "so-friendly", "heart_scale", "logistic", names, Double.NaN, test ? 0.8 : Double.NaN,
                test ? 0.4 : Double.NaN);
        List<HistoryRow> rows = new ArrayList<>();
        for (int k = 0; k <= n; k++) {
            double[] c;
            if (k == 0) {
                c = new double[0];
            } else if (k == 1) {
                c = perLayer ? new double[] {0.5, 2.0} : new double[] {0.5};
            } else {
                c = perLayer ? new double[] {0.5 + k, 0.9, 2.0 + k, -0.1} : new double[] {1.0 + k, 0.8};
            }
            boolean tested = test && k % 5 == 0;
            rows.add(new HistoryRow(k, fStar + Math.pow(2, -k), Math.pow(3, -k), 2 + 2L * k, 0.01 * k, k == 0 ? 0 : 4,
                    k == 0 ? 0 : 2, c, tested ? 0.5 + 1.0 / (k + 1) : Double.NaN, tested ? 0.7 + 0.01 * k : Double.NaN,
                    test ? 0.001 * (k / 5) : 0));
        }
        return new Run(label, "runs/" + label, summary, rows);
    }
}
