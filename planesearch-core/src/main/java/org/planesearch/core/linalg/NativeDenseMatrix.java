package org.planesearch.core.linalg;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemv;

import org.bytedeco.javacpp.DoublePointer;

/**
 * A dense row-major n×d float64 matrix in native memory, products by OpenBLAS.
 *
 * <p>The matrix is copied into a {@link DoublePointer} once and stays there until
 * {@link #close()}: passing a Java array to a BLAS call would copy all n·d values on every call
 * (measured 15× slower for a matrix-vector product). Only the operands (length n or d, or n×k and
 * d×k in row chunks) are copied into preallocated native buffers, O(n + d) next to the O(n·d)
 * product.
 *
 * <p>Each part of a product ({@link PartitionedMatrix}) is one single-threaded BLAS call on its
 * row range [i0, i1):
 * <ul>
 *   <li>X·v: {@code dgemv} (no transpose) into the part's rows of a native n-vector;</li>
 *   <li>Xᵀr: {@code dgemv} (transposed) on A[i0:i1, :] into the part's own native d-vector;</li>
 *   <li>X·M: {@code dgemm} on row chunks of at most {@link #CHUNK_VALUES}/k rows, so the n×k
 *       result never needs a native buffer of n×k values;</li>
 *   <li>XᵀR: {@code dgemm} (A transposed) over the same row chunks, accumulating in float64 into
 *       the part's native d×k buffer (β = 1 after the first chunk).</li>
 * </ul>
 * k = 1 products take the {@code dgemv} path. Rounding: every entry is an ordinary float64 sum
 * (|error| ≲ n·u·Σ|aᵢⱼ||vⱼ| with u = 2⁻⁵³ in the worst case, far less in practice).
 */
final class NativeDenseMatrix extends PartitionedMatrix {

    /** Most values (rows × k) of one chunk of a k-column product: 2¹⁸ doubles, 2 MiB. */
    static final int CHUNK_VALUES = 1 << 18;

    private final DoublePointer a;
    private final DoublePointer vector;
    private final DoublePointer rowVector;
    private final DoublePointer rowReader;
    private DoublePointer operand;
    private int operandCapacity;
    private Part[] partScratch = new Part[0];

    /** Copies {@code values} (rows·cols, row-major) into native memory. values: not modified. */
    static NativeDenseMatrix copyOf(int rows, int cols, double[] values) {
        Shapes.exactLength("rowMajor", values.length, rows, cols);
        DoublePointer a = allocate((long) rows * cols);
        try {
            a.put(values, 0, values.length);
            return new NativeDenseMatrix(rows, cols, a);
        } catch (RuntimeException | Error e) {
            a.close();
            throw e;
        }
    }

    /** Takes over {@code a}, which must hold rows·cols values, row-major. */
    NativeDenseMatrix(int rows, int cols, DoublePointer a) {
        super(rows, cols);
        this.a = a;
        this.vector = allocate(cols);
        this.rowVector = allocate(rows);
        this.rowReader = new DoublePointer(a);
        this.operand = allocate(1);
        this.operandCapacity = 1;
    }

    /** Native memory for max(1, n) doubles (JavaCPP frees it on close, or when collected). */
    static DoublePointer allocate(long n) {
        return new DoublePointer(Math.max(1, n));
    }

    @Override
    public long nonZeros() {
        return (long) rows * cols;
    }

    @Override
    long work() {
        return (long) rows * cols;
    }

    @Override
    void prepare(boolean forward, double[] values, int k, int parts) {
        if (partScratch.length < parts) {
            Part[] grown = java.util.Arrays.copyOf(partScratch, parts);
            for (int p = partScratch.length; p < parts; p++) {
                grown[p] = new Part();
            }
            partScratch = grown;
        }
        for (int p = 0; p < parts; p++) {
            partScratch[p].ensure(k);
        }
        if (forward) {
            if (k == 1) {
                vector.put(values, 0, cols);
            } else {
                if (operandCapacity < cols * k) {
                    operand.close();
                    operand = allocate((long) cols * k);
                    operandCapacity = cols * k;
                }
                operand.put(values, 0, cols * k);
            }
        }
    }

    @Override
    void multiplyRows(int part, int i0, int i1, double[] v, double[] out) {
        Part s = partScratch[part];
        s.aView.position((long) i0 * cols);
        s.rowView.position(i0);
        cblas_dgemv(CblasRowMajor, CblasNoTrans, i1 - i0, cols, 1.0, s.aView, cols, vector, 1, 0.0, s.rowView, 1);
        s.rowView.get(out, i0, i1 - i0);
    }

    @Override
    void multiplyTransposedRows(int part, int i0, int i1, double[] r, double[] target) {
        Part s = partScratch[part];
        s.rowView.position(i0);
        s.rowView.put(r, i0, i1 - i0);
        s.aView.position((long) i0 * cols);
        cblas_dgemv(CblasRowMajor, CblasTrans, i1 - i0, cols, 1.0, s.aView, cols, s.rowView, 1, 0.0, s.partial, 1);
        s.partial.get(target, 0, cols);
    }

    @Override
    void multiplyRows(int part, int i0, int i1, double[] m, int k, double[] out) {
        if (k == 1) {
            multiplyRows(part, i0, i1, m, out);
            return;
        }
        Part s = partScratch[part];
        int chunk = chunkRows(k);
        for (int c0 = i0; c0 < i1; c0 += chunk) {
            int len = Math.min(chunk, i1 - c0);
            s.aView.position((long) c0 * cols);
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, len, k, cols,
                    1.0, s.aView, cols, operand, k, 0.0, s.chunk, k);
            s.chunk.get(out, c0 * k, len * k);
        }
    }

    @Override
    void multiplyTransposedRows(int part, int i0, int i1, double[] r, int k, double[] target) {
        if (k == 1) {
            multiplyTransposedRows(part, i0, i1, r, target);
            return;
        }
        Part s = partScratch[part];
        int chunk = chunkRows(k);
        for (int c0 = i0; c0 < i1; c0 += chunk) {
            int len = Math.min(chunk, i1 - c0);
            s.chunk.put(r, c0 * k, len * k);
            s.aView.position((long) c0 * cols);
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, cols, k, len,
                    1.0, s.aView, cols, s.chunk, k, c0 == i0 ? 0.0 : 1.0, s.partial, k);
        }
        s.partial.get(target, 0, cols * k);
    }

    @Override
    void copyRow(int i, double[] out) {
        rowReader.position((long) i * cols);
        rowReader.get(out, 0, cols);
    }

    @Override
    void release() {
        a.close();
        vector.close();
        rowVector.close();
        operand.close();
        for (int p = 0; p < partScratch.length; p++) {
            partScratch[p].close();
        }
    }

    /** Rows per chunk of a k-column product (k ≥ 2). */
    static int chunkRows(int k) {
        return Math.max(1, CHUNK_VALUES / k);
    }

    /** One part's views of the shared buffers and its own buffers. Touched by that part only. */
    private final class Part {
        final DoublePointer aView = new DoublePointer(a);
        final DoublePointer rowView = new DoublePointer(rowVector);
        DoublePointer partial = allocate(cols);
        DoublePointer chunk = allocate(1);
        int k = 1;
        int chunkCapacity = 1;

        /** Grows the buffers for a k-column product: partial d×k, chunk ≥ chunkRows(k)·k. */
        void ensure(int needed) {
            if (needed > k) {
                DoublePointer p = allocate((long) cols * needed);
                partial.close();
                partial = p;
                k = needed;
            }
            if (needed > 1 && chunkCapacity < Math.max(CHUNK_VALUES, needed)) {
                chunkCapacity = Math.max(CHUNK_VALUES, needed);
                DoublePointer c = allocate(chunkCapacity);
                chunk.close();
                chunk = c;
            }
        }

        void close() {
            partial.close();
            chunk.close();
        }
    }
}
