package org.planesearch.core.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Builds a {@link NativeDenseMatrix} or {@link NativeFloatMatrix} directly in native memory
 * (zeroed at creation). Values of the other precision are converted through one row-sized Java
 * buffer, so the builder's Java footprint is O(d) whatever n is.
 */
final class NativeDenseBuilder extends AbstractDenseBuilder {
    private DoublePointer doubles;
    private FloatPointer floats;
    private final DoublePointer doubleView;
    private final FloatPointer floatView;
    private double[] doubleRow;
    private float[] floatRow;

    NativeDenseBuilder(int rows, int cols, boolean float32) {
        super(rows, cols, float32);
        long n = (long) rows * cols;
        if (float32) {
            floats = NativeFloatMatrix.allocate(n);
            Pointer.memset(floats, 0, Math.max(1, n) * Float.BYTES);
            floatView = new FloatPointer(floats);
            doubleView = null;
        } else {
            doubles = NativeDenseMatrix.allocate(n);
            Pointer.memset(doubles, 0, Math.max(1, n) * Double.BYTES);
            doubleView = new DoublePointer(doubles);
            floatView = null;
        }
    }

    @Override
    void store(int first, int count, double[] values, int offset) {
        if (doubles != null) {
            doubleView.position((long) first * cols);
            doubleView.put(values, offset, count * cols);
            return;
        }
        if (floatRow == null) {
            floatRow = new float[cols];
        }
        for (int i = 0; i < count; i++) {
            int src = offset + i * cols;
            for (int j = 0; j < cols; j++) {
                floatRow[j] = (float) values[src + j];
            }
            floatView.position((long) (first + i) * cols);
            floatView.put(floatRow, 0, cols);
        }
    }

    @Override
    void store(int first, int count, float[] values, int offset) {
        if (floats != null) {
            floatView.position((long) first * cols);
            floatView.put(values, offset, count * cols);
            return;
        }
        if (doubleRow == null) {
            doubleRow = new double[cols];
        }
        for (int i = 0; i < count; i++) {
            int src = offset + i * cols;
            for (int j = 0; j < cols; j++) {
                doubleRow[j] = values[src + j];
            }
            doubleView.position((long) (first + i) * cols);
            doubleView.put(doubleRow, 0, cols);
        }
    }

    @Override
    DataMatrix finish() {
        DataMatrix m = doubles != null ? new NativeDenseMatrix(rows, cols, doubles) : new NativeFloatMatrix(rows, cols, floats);
        doubles = null;
        floats = null;
        return m;
    }

    @Override
    void discard() {
        if (doubles != null) {
            doubles.close();
            doubles = null;
        }
        if (floats != null) {
            floats.close();
            floats = null;
        }
    }
}
