package org.planesearch.bench.linalg;

import java.util.SplittableRandom;
import org.planesearch.core.linalg.Backend;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.DenseMatrixBuilder;

/** Seeded synthetic data for the kernel benchmarks. */
final class BenchData {
    private BenchData() {
    }

    /** Parses "60000x784" into {rows, cols}. */
    static int[] shape(String text) {
        int x = text.indexOf('x');
        return new int[] {Integer.parseInt(text.substring(0, x)), Integer.parseInt(text.substring(x + 1))};
    }

    /**
     * An n×d dense matrix of uniform [0, 1) values (seed 42), filled block by block through the
     * backend's builder, so no second full copy exists.
     */
    static DataMatrix uniformMatrix(Backend backend, int rows, int cols, boolean float32) {
        SplittableRandom rnd = new SplittableRandom(42);
        int blockRows = Math.max(1, (1 << 20) / Math.max(1, cols));
        double[] block = new double[blockRows * cols];
        try (DenseMatrixBuilder b = backend.denseBuilder(rows, cols, float32)) {
            for (int i0 = 0; i0 < rows; i0 += blockRows) {
                int count = Math.min(blockRows, rows - i0);
                for (int t = 0; t < count * cols; t++) {
                    block[t] = rnd.nextDouble();
                }
                b.setRows(i0, count, block, 0);
            }
            return b.build();
        }
    }

    /** n uniform [0, 1) values. */
    static double[] uniform(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble();
        }
        return x;
    }
}
