package org.planesearch.core.linalg;

/** Builds a {@link JavaDenseMatrix} or {@link JavaFloatMatrix} in the array it will keep. */
final class JavaDenseBuilder extends AbstractDenseBuilder {
    private double[] doubles;
    private float[] floats;

    JavaDenseBuilder(int rows, int cols, boolean float32) {
        super(rows, cols, float32);
        int n = Shapes.javaArrayLength(rows, cols);
        if (float32) {
            floats = new float[n];
        } else {
            doubles = new double[n];
        }
    }

    @Override
    void store(int first, int count, double[] values, int offset) {
        int n = count * cols;
        int base = first * cols;
        if (doubles != null) {
            System.arraycopy(values, offset, doubles, base, n);
        } else {
            for (int t = 0; t < n; t++) {
                floats[base + t] = (float) values[offset + t];
            }
        }
    }

    @Override
    void store(int first, int count, float[] values, int offset) {
        int n = count * cols;
        int base = first * cols;
        if (floats != null) {
            System.arraycopy(values, offset, floats, base, n);
        } else {
            for (int t = 0; t < n; t++) {
                doubles[base + t] = values[offset + t];
            }
        }
    }

    @Override
    DataMatrix finish() {
        DataMatrix m = doubles != null ? new JavaDenseMatrix(rows, cols, doubles) : new JavaFloatMatrix(rows, cols, floats);
        doubles = null;
        floats = null;
        return m;
    }

    @Override
    void discard() {
        doubles = null;
        floats = null;
    }
}
