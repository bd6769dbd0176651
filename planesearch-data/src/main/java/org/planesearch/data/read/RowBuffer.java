package org.planesearch.data.read;

import java.util.Arrays;
import org.planesearch.core.linalg.Backend;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.DenseMatrixBuilder;
import org.planesearch.core.linalg.Matrices;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Storage;

/**
 * Collects parsed rows and builds the feature matrix in the requested {@link Storage}. Rows are
 * kept as sparse entries (column, value) or as dense row-major values, in arrays that grow with
 * the data actually read; nothing is sized from a number a file merely claims. Every array is
 * counted against the read's {@link MemoryBudget} before it is allocated, and dense results are
 * also checked against Java's array limit and the JVM's memory.
 */
abstract class RowBuffer {

    /** The largest Java array this code allocates. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    final String name;
    final MemoryBudget budget;

    RowBuffer(String name, MemoryBudget budget) {
        this.name = name;
        this.budget = budget;
    }

    /** Rows added so far. */
    abstract int rows();

    /** Builds the matrix with the given width. */
    abstract DataMatrix build(int cols, Storage storage) throws DataFormatException;

    /** A buffer suited to the storage: sparse entries for SPARSE, dense values otherwise. */
    static RowBuffer forStorage(String name, Storage storage, int cols, MemoryBudget budget) throws DataFormatException {
        return storage == Storage.SPARSE ? new Sparse(name, budget)
                : new Dense(name, cols, storage == Storage.DENSE_FLOAT, budget);
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

    /**
     * The Java heap a dense rows×cols matrix of the current backend takes: its values for the
     * pure-Java backend, 0 for the native one (which keeps them outside the heap).
     */
    static long heapBytes(long rows, long cols, boolean float32) {
        return Backend.current() == Backend.JAVA ? rows * cols * (float32 ? 4 : 8) : 0;
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
        private static final int INITIAL = 1024;
        private int[] rowPtr;
        private int[] colIdx;
        private double[] values;
        private int rows;
        private int nnz;

        Sparse(String name, MemoryBudget budget) throws DataFormatException {
            super(name, budget);
            budget.reserve(4L * (INITIAL + 1) + 12L * INITIAL, "the first rows");
            rowPtr = new int[INITIAL + 1];
            colIdx = new int[INITIAL];
            values = new double[INITIAL];
        }

        /** Adds an entry to the current row; columns must increase within a row (checked by the reader). */
        void add(int col, double value) throws DataFormatException {
            if (nnz == colIdx.length) {
                int cap = grow(name, colIdx.length, nnz + 1L);
                budget.reserve(12L * cap, nnz + " stored values in " + rows + " rows");
                colIdx = Arrays.copyOf(colIdx, cap);
                values = Arrays.copyOf(values, cap);
                budget.release(12L * nnz);
            }
            colIdx[nnz] = col;
            values[nnz] = value;
            nnz++;
        }

        /** Ends the current row. */
        void endRow() throws DataFormatException {
            if (rows + 2 > rowPtr.length) {
                int cap = grow(name, rowPtr.length, rows + 2L);
                budget.reserve(4L * cap, rows + " rows");
                int old = rowPtr.length;
                rowPtr = Arrays.copyOf(rowPtr, cap);
                budget.release(4L * old);
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
                budget.reserve(4L * (rows + 1) + 12L * nnz, "the matrix of " + rows + " rows and " + nnz
                        + " stored values");
                return Matrices.csr(rows, cols, Arrays.copyOf(rowPtr, rows + 1), Arrays.copyOf(colIdx, nnz),
                        Arrays.copyOf(values, nnz));
            }
            boolean float32 = storage == Storage.DENSE_FLOAT;
            checkDense(name, rows, cols, float32 ? 4 : 8);
            budget.reserve(heapBytes(rows, cols, float32) + 8L * cols, "the dense matrix of " + rows + "×" + cols);
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

        Dense(String name, int cols, boolean float32, MemoryBudget budget) throws DataFormatException {
            super(name, budget);
            this.cols = cols;
            this.float32 = float32;
            int initial = (int) Math.max(16L, Math.min(1L << 20, 64L * cols));
            budget.reserve((long) initial * (float32 ? 4 : 8), "the first rows");
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
                    int cap = grow(name, floats.length, end);
                    budget.reserve(4L * cap, rows + " rows of " + cols + " values");
                    int old = floats.length;
                    floats = Arrays.copyOf(floats, cap);
                    budget.release(4L * old);
                }
                for (int j = 0; j < cols; j++) {
                    floats[base + j] = (float) row[j];
                }
            } else {
                if (end > doubles.length) {
                    checkDense(name, rows + 1L, cols, 8);
                    int cap = grow(name, doubles.length, end);
                    budget.reserve(8L * cap, rows + " rows of " + cols + " values");
                    int old = doubles.length;
                    doubles = Arrays.copyOf(doubles, cap);
                    budget.release(8L * old);
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
        DataMatrix build(int cols, Storage storage) throws DataFormatException {
            if (cols != this.cols || !storage.isDense() || (storage == Storage.DENSE_FLOAT) != float32) {
                throw new IllegalStateException("dense buffer built with another width or storage");
            }
            budget.reserve(heapBytes(rows, cols, float32), "the dense matrix of " + rows + "×" + cols);
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
