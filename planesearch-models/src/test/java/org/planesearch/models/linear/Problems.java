package org.planesearch.models.linear;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.models.SyntheticData;

/** Small random problems (via {@link SyntheticData}) for every loss, intercept on/off, λ = 0 and &gt; 0, dense and CSR data. */
final class Problems {

    private Problems() {
    }

    enum Storage { DENSE, SPARSE }

    /** One test configuration. */
    record Case(LossKind kind, boolean intercept, double lambda, Storage storage) {
        @Override
        public String toString() {
            return kind.id() + (intercept ? "+b" : "") + " λ=" + lambda + " " + storage.name().toLowerCase();
        }
    }

    static final int ROWS = 40;
    static final int FEATURES = 6;
    static final int CLASSES = 3;

    /** All 5 × 2 × 2 × 2 configurations. */
    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (LossKind kind : LossKind.values()) {
            for (boolean intercept : new boolean[] {true, false}) {
                for (double lambda : new double[] {0.0, 0.3}) {
                    for (Storage s : Storage.values()) {
                        out.add(new Case(kind, intercept, lambda, s));
                    }
                }
            }
        }
        return out;
    }

    static DataMatrix matrix(SplittableRandom rng, int n, int d, Storage storage) {
        return SyntheticData.matrix(rng, n, d, storage == Storage.SPARSE);
    }

    static double gaussian(SplittableRandom rng) {
        return SyntheticData.gaussian(rng);
    }

    static double[] gaussianVector(SplittableRandom rng, int n, double scale) {
        return SyntheticData.gaussianVector(rng, n, scale);
    }

    static double[] labels(LossKind kind, DataMatrix x, int classes, SplittableRandom rng) {
        return SyntheticData.labels(kind, x, classes, rng);
    }

    static LinearModel model(Case c, int features) {
        return LinearModel.of(c.kind(), features, c.kind() == LossKind.SOFTMAX ? CLASSES : 1, c.intercept());
    }

    /** The objective of a case on fresh random data (n = 40, d = 6, c = 3 for softmax). */
    static LinearObjective objective(Case c, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DataMatrix x = matrix(rng, ROWS, FEATURES, c.storage());
        double[] y = labels(c.kind(), x, CLASSES, rng);
        return model(c, FEATURES).objective(x, y, c.lambda());
    }
}
