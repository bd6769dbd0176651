package org.planesearch.core.linalg;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;

import org.bytedeco.javacpp.FloatPointer;

/**
 * A dense row-major n×d matrix stored in float32 in native memory, products by OpenBLAS's
 * single-precision kernels: half the memory and half the bytes per pass of
 * {@link NativeDenseMatrix}, which is what a memory-bound product costs.
 *
 * <h2>Accuracy, and how it is kept</h2>
 * {@code sgemv}/{@code sgemm} compute in float32: the operand (v, r, M, R) is rounded to float32
 * and the sums accumulate in float32. Rounding the operand costs a relative u₃₂ = 2⁻²⁴ ≈ 6·10⁻⁸
 * per term, the same size as the rounding the data already took when it was stored in float32.
 * Long float32 sums are the real danger: OpenBLAS's Xᵀr on row-major data adds the n scaled rows
 * one after another into a float32 vector, so on non-negative data (pixels, counts, one-hot
 * columns; a loss derivative of one sign) the error grows with n: measured on uniform [0, 1)
 * data, one plain {@code sgemv} errs by 7.5·10⁻⁶ of Σᵢ|aᵢⱼrᵢ| at n = 200,000 and 1.2·10⁻⁵ at
 * n = 10⁶. So every long sum is cut into blocks whose float32 results are added in float64:
 * <ul>
 *   <li>Xᵀr, XᵀR: blocks of {@link #ROW_BLOCK} rows (one {@code sgemv}/{@code sgemm} each);</li>
 *   <li>X·v, X·M: blocks of {@link #COLUMN_BLOCK} columns (one call when d ≤ 2,048).</li>
 * </ul>
 * Measured with the blocks, same data, n up to 10⁶: |error| ≤ 3·10⁻⁷ · Σⱼ|aᵢⱼ||vⱼ| for X·v
 * (d = 784) and ≤ 8·10⁻⁸ · Σᵢ|aᵢⱼ||rᵢ| for Xᵀr, at no measurable cost in speed (a blocked
 * {@code sgemv} ran as fast as one big call, or faster). The tests hold 2·10⁻⁶ on random
 * shapes ({@code DenseProductsTest}) and 10⁻⁶ on 300,000 non-negative rows
 * ({@code NativeFloatMatrixAccuracyTest}, which the unblocked version fails). Figures:
 * {@code docs/notes/linalg.md}.
 *
 * <p>Where a gradient must be accurate beyond that (tolerances below about 10⁻⁷ of ‖|X|ᵀ|r|‖),
 * store the data in float64.
 */
final class NativeFloatMatrix extends PartitionedMatrix {

    /** Rows per float32 partial sum of Xᵀr and XᵀR; the float32 error grows with this, not with n. */
    static final int ROW_BLOCK = 1024;

    /** Columns per float32 partial sum of X·v and X·M. */
    static final int COLUMN_BLOCK = 2048;

    /** Most values (rows × k) of one chunk of a k-column product (floats). */
    static final int CHUNK_VALUES = 1 << 18;

    private final FloatPointer a;
    private final FloatPointer vector;
    private final FloatPointer rowVector;
    private final FloatPointer rowReader;
    private final float[] vectorScratch;
    private final float[] rowScratch;
    private FloatPointer operand;
    private float[] operandScratch = new float[0];
    private int operandCapacity;
    private Part[] partScratch = new Part[0];

    /** Copies {@code values} (rows·cols, row-major) into native memory. values: not modified. */
    static NativeFloatMatrix copyOf(int rows, int cols, float[] values) {
        Shapes.exactLength("rowMajor", values.length, rows, cols);
        FloatPointer a = allocate((long) rows * cols);
        try {
            a.put(values, 0, values.length);
            return new NativeFloatMatrix(rows, cols, a);
        } catch (RuntimeException | Error e) {
            a.close();
            throw e;
        }
    }

    /** Takes over {@code a}, which must hold rows·cols floats, row-major. */
    NativeFloatMatrix(int rows, int cols, FloatPointer a) {
        super(rows, cols);
        this.a = a;
        this.vector = allocate(cols);
        this.rowVector = allocate(rows);
        this.rowReader = new FloatPointer(a);
        this.vectorScratch = new float[cols];
        this.rowScratch = new float[rows];
        this.operand = allocate(1);
        this.operandCapacity = 1;
    }

    /** Native memory for max(1, n) floats. */
    static FloatPointer allocate(long n) {
        return new FloatPointer(Math.max(1, n));
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
                toFloat(values, 0, vectorScratch, 0, cols);
                vector.put(vectorScratch, 0, cols);
            } else {
                int n = cols * k;
                if (operandCapacity < n) {
                    operand.close();
                    operand = allocate(n);
                    operandCapacity = n;
                    operandScratch = new float[n];
                    for (int p = 0; p < partScratch.length; p++) {
                        partScratch[p].operandView = new FloatPointer(operand);
                    }
                }
                toFloat(values, 0, operandScratch, 0, n);
                operand.put(operandScratch, 0, n);
            }
        }
    }

    @Override
    void multiplyRows(int part, int i0, int i1, double[] v, double[] out) {
        Part s = partScratch[part];
        int len = i1 - i0;
        for (int c0 = 0; c0 < cols; c0 += COLUMN_BLOCK) {
            int width = Math.min(COLUMN_BLOCK, cols - c0);
            s.aView.position((long) i0 * cols + c0);
            s.vectorView.position(c0);
            s.rowView.position(i0);
            cblas_sgemv(CblasRowMajor, CblasNoTrans, len, width, 1f, s.aView, cols, s.vectorView, 1, 0f, s.rowView, 1);
            s.rowView.get(rowScratch, i0, len);
            accumulate(rowScratch, i0, out, i0, len, c0 == 0);
        }
    }

    @Override
    void multiplyTransposedRows(int part, int i0, int i1, double[] r, double[] target) {
        Part s = partScratch[part];
        toFloat(r, i0, rowScratch, i0, i1 - i0);
        s.rowView.position(i0);
        s.rowView.put(rowScratch, i0, i1 - i0);
        for (int b0 = i0; b0 < i1; b0 += ROW_BLOCK) {
            int len = Math.min(ROW_BLOCK, i1 - b0);
            s.aView.position((long) b0 * cols);
            s.rowView.position(b0);
            cblas_sgemv(CblasRowMajor, CblasTrans, len, cols, 1f, s.aView, cols, s.rowView, 1, 0f, s.partial, 1);
            s.partial.get(s.partialScratch, 0, cols);
            accumulate(s.partialScratch, 0, target, 0, cols, b0 == i0);
        }
    }

    @Override
    void multiplyRows(int part, int i0, int i1, double[] m, int k, double[] out) {
        if (k == 1) {
            multiplyRows(part, i0, i1, m, out);
            return;
        }
        Part s = partScratch[part];
        int chunk = chunkRows(k);
        for (int r0 = i0; r0 < i1; r0 += chunk) {
            int len = Math.min(chunk, i1 - r0);
            for (int c0 = 0; c0 < cols; c0 += COLUMN_BLOCK) {
                int width = Math.min(COLUMN_BLOCK, cols - c0);
                s.aView.position((long) r0 * cols + c0);
                s.operandView.position((long) c0 * k);
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, len, k, width,
                        1f, s.aView, cols, s.operandView, k, 0f, s.chunk, k);
                s.chunk.get(s.chunkScratch, 0, len * k);
                accumulate(s.chunkScratch, 0, out, r0 * k, len * k, c0 == 0);
            }
        }
    }

    @Override
    void multiplyTransposedRows(int part, int i0, int i1, double[] r, int k, double[] target) {
        if (k == 1) {
            multiplyTransposedRows(part, i0, i1, r, target);
            return;
        }
        Part s = partScratch[part];
        int block = Math.min(ROW_BLOCK, chunkRows(k));
        for (int b0 = i0; b0 < i1; b0 += block) {
            int len = Math.min(block, i1 - b0);
            toFloat(r, b0 * k, s.chunkScratch, 0, len * k);
            s.chunk.put(s.chunkScratch, 0, len * k);
            s.aView.position((long) b0 * cols);
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, cols, k, len,
                    1f, s.aView, cols, s.chunk, k, 0f, s.partial, k);
            s.partial.get(s.partialScratch, 0, cols * k);
            accumulate(s.partialScratch, 0, target, 0, cols * k, b0 == i0);
        }
    }

    @Override
    void copyRow(int i, double[] out) {
        rowReader.position((long) i * cols);
        rowReader.get(vectorScratch, 0, cols);
        for (int j = 0; j < cols; j++) {
            out[j] = vectorScratch[j];
        }
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

    /** dst[d0 + t] = (float) src[s0 + t] for t &lt; n (round to nearest). */
    private static void toFloat(double[] src, int s0, float[] dst, int d0, int n) {
        for (int t = 0; t < n; t++) {
            dst[d0 + t] = (float) src[s0 + t];
        }
    }

    /** dst[d0 + t] (=|+=) src[s0 + t] for t &lt; n, widening to float64. */
    private static void accumulate(float[] src, int s0, double[] dst, int d0, int n, boolean first) {
        if (first) {
            for (int t = 0; t < n; t++) {
                dst[d0 + t] = src[s0 + t];
            }
        } else {
            for (int t = 0; t < n; t++) {
                dst[d0 + t] += src[s0 + t];
            }
        }
    }

    /** One part's views of the shared buffers and its own buffers. Touched by that part only. */
    private final class Part {
        final FloatPointer aView = new FloatPointer(a);
        final FloatPointer rowView = new FloatPointer(rowVector);
        final FloatPointer vectorView = new FloatPointer(vector);
        FloatPointer operandView = new FloatPointer(operand);
        FloatPointer partial = allocate(cols);
        float[] partialScratch = new float[cols];
        FloatPointer chunk = allocate(1);
        float[] chunkScratch = new float[0];
        int k = 1;

        /** Grows the buffers for a k-column product: partial d×k, chunk ≥ chunkRows(k)·k. */
        void ensure(int needed) {
            if (needed > k) {
                FloatPointer p = allocate((long) cols * needed);
                partial.close();
                partial = p;
                partialScratch = new float[cols * needed];
                k = needed;
            }
            if (needed > 1 && chunkScratch.length < Math.max(CHUNK_VALUES, needed)) {
                int capacity = Math.max(CHUNK_VALUES, needed);
                FloatPointer c = allocate(capacity);
                chunk.close();
                chunk = c;
                chunkScratch = new float[capacity];
            }
        }

        void close() {
            partial.close();
            chunk.close();
        }
    }
}
