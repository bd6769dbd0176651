package org.planesearch.data.read;

import java.util.Arrays;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.DenseMatrixBuilder;
import org.planesearch.core.linalg.Matrices;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Storage;

/**
 * Collects parsed rows and builds the feature matrix in the requested {@link Storage}. Rows are
 * kept as sparse entries (column, value) or as dense row-major values, in arrays that grow with
 * the data actually read; nothing is sized from a number a file merely claims. Dense results are
 * checked against Java's array limit and the JVM's memory before they are allocated.
 */
abstract class RowBuffer {

    /** The largest Java array this code allocates. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    final String name;

    RowBuffer(String name) {
        this.name = name;
    }

    /** Rows added so far. */
    abstract int rows();

    /** Builds the matrix with the given width. */
    abstract DataMatrix build(int cols, Storage storage) throws DataFormatException;

    /** A buffer suited to the storage: sparse entries for SPARSE, dense values otherwise. */
    static RowBuffer forStorage(String name, Storage storage, int cols) {
        return storage == Storage.SPARSE ? new Sparse(name) : new Dense(name, cols, storage == Storage.DENSE_FLOAT);
    }

    /** Throws a clear error if an n×d dense matrix cannot be allocated. */
    static void checkDense(String name, long rows, long cols, int bytesPerValue) throws DataFormatException {
        long cells = rows * cols;
        if (cols != 0 && cells / cols != rows || cells > MAX_ARRAY) {
            throw new DataFormatException(name, "dense storage of " + rows + "×" + cols + " = " + cells
                    + " values does not fit one Java array (at most " + MAX_ARRAY + "); use sparse storage");
        }
        long bytes = cells * bytesPerValue;
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max / 2) {
            throw new DataFormatException(name, "dense storage of " + rows + "×" + cols + " needs "
                    + mib(bytes) + " MiB, more than half of the " + mib(max)
                    + " MiB this JVM may use; use sparse or float32 storage, or raise -Xmx");
        }
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    static int grow(String name, int current, long needed) throws DataFormatException {
        if (needed > MAX_ARRAY) {
            throw new DataFormatException(name, "more than " + MAX_ARRAY
                    + " stored values do not fit one Java array; split the file");
        }
        return (int) Math.min(MAX_ARRAY, Math.max(needed, Math.max(16L, (long) current * 2)));
    }

    /** Sparse entries (CSR being built). */
    static final class Sparse extends RowBuffer {
        private int[] rowPtr = new int[1025];
        private int[] colIdx = new int[1024];
        private double[] values = new double[1024];
        private int rows;
        private int nnz;

        Sparse(String name) {
            super(name);
        }

        /** Adds an entry to the current row; columns must increase within a row (checked by the reader). */
        void add(int col, double value) throws DataFormatException {
            if (nnz == colIdx.length) {
                int cap = grow(name, colIdx.length, nnz + 1L);
                colIdx = Arrays.copyOf(colIdx, cap);
                values = Arrays.copyOf(values, cap);
            }
            colIdx[nnz] = col;
            values[nnz] = value;
            nnz++;
        }

        /** Ends the current row. */
        void endRow() throws DataFormatException {
            if (rows + 2 > rowPtr.length) {
                rowPtr = Arrays.copyOf(rowPtr, grow(name, rowPtr.length, rows + 2L));
            }
            rows++;
            rowPtr[rows] = nnz;
        }

        @Override
        int rows() {
            return rows;
        }

        @Override
        DataMatrix build(int cols, Storage storage) throws DataFormatException {
            if (storage == Storage.SPARSE) {
                return Matrices.csr(rows, cols, Arrays.copyOf(rowPtr, rows + 1), Arrays.copyOf(colIdx, nnz),
                        Arrays.copyOf(values, nnz));
            }
            boolean float32 = storage == Storage.DENSE_FLOAT;
            checkDense(name, rows, cols, float32 ? 4 : 8);
            try (DenseMatrixBuilder b = Matrices.denseBuilder(rows, cols, float32)) {
                double[] row = new double[cols];
                for (int i = 0; i < rows; i++) {
                    Arrays.fill(row, 0);
                    for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                        row[colIdx[p]] = values[p];
                    }
                    b.setRow(i, row);
                }
                return b.build();
            }
        }
    }

    /** Dense rows of a fixed width, float64 or float32. */
    static final class Dense extends RowBuffer {
        private final int cols;
        private final boolean float32;
        private double[] doubles;
        private float[] floats;
        private int rows;

        Dense(String name, int cols, boolean float32) {
            super(name);
            this.cols = cols;
            this.float32 = float32;
            int initial = (int) Math.max(16L, Math.min(1L << 20, 64L * cols));
            if (float32) {
                floats = new float[initial];
            } else {
                doubles = new double[initial];
            }
        }

        /** Appends one row. row: length cols, not modified. */
        void addRow(double[] row) throws DataFormatException {
            long end = (long) (rows + 1) * cols;
            int base = rows * cols;
            if (float32) {
                if (end > floats.length) {
                    checkDense(name, rows + 1L, cols, 4);
                    floats = Arrays.copyOf(floats, grow(name, floats.length, end));
                }
                for (int j = 0; j < cols; j++) {
                    floats[base + j] = (float) row[j];
                }
            } else {
                if (end > doubles.length) {
                    checkDense(name, rows + 1L, cols, 8);
                    doubles = Arrays.copyOf(doubles, grow(name, doubles.length, end));
                }
                System.arraycopy(row, 0, doubles, base, cols);
            }
            rows++;
        }

        @Override
        int rows() {
            return rows;
        }

        @Override
        DataMatrix build(int cols, Storage storage) {
            if (cols != this.cols || !storage.isDense() || (storage == Storage.DENSE_FLOAT) != float32) {
                throw new IllegalStateException("dense buffer built with another width or storage");
            }
            try (DenseMatrixBuilder b = Matrices.denseBuilder(rows, cols, float32)) {
                if (rows > 0) {
                    if (float32) {
                        b.setRows(0, rows, floats, 0);
                    } else {
                        b.setRows(0, rows, doubles, 0);
                    }
                }
                return b.build();
            }
        }
    }
}
