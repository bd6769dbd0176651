package org.planesearch.core.linalg;

/** Builds an n×d matrix of a named kind from row-major values (tests only). */
final class TestMatrices {
    private TestMatrices() {
    }

    /** kind: java, java-float32, csr (all entries stored), native, native-float32. */
    static DataMatrix of(String kind, int n, int d, double[] a) {
        switch (kind) {
            case "java":
                return Backend.JAVA.dense(n, d, a);
            case "java-float32":
                return Backend.JAVA.denseFloat(n, d, LinalgTesting.toFloat(a));
            case "native":
                return Backend.named("native").dense(n, d, a);
            case "native-float32":
                return Backend.named("native").denseFloat(n, d, LinalgTesting.toFloat(a));
            case "csr":
                int[] rowPtr = new int[n + 1];
                int[] colIdx = new int[n * d];
                for (int i = 0; i < n; i++) {
                    rowPtr[i + 1] = (i + 1) * d;
                    for (int j = 0; j < d; j++) {
                        colIdx[i * d + j] = j;
                    }
                }
                return Matrices.csr(n, d, rowPtr, colIdx, a.clone());
            default:
                throw new IllegalArgumentException("unknown kind " + kind);
        }
    }
}
