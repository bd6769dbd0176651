package org.planesearch.core.linalg;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;

import org.bytedeco.javacpp.DoublePointer;

/**
 * The native half of {@link DenseProducts}: its native buffers and the per-range
 * {@code cblas_dgemm} calls. Every JavaCPP reference of {@code DenseProducts} lives here, so an
 * instance that never runs a native product never loads JavaCPP or OpenBLAS.
 *
 * <p><b>One call.</b> The calling thread copies the right-hand side of A·B or A·Bᵀ (k·n values)
 * once into {@code right}, which the ranges only read (0.1–0.3 µs for 1,000–5,000 values, nothing
 * next to the product), and grows the ranges' buffers ({@link #prepareRows},
 * {@link #prepareTransposed}). Then each range walks its rows in chunks of {@link #chunkRows}
 * rows, each chunk one single-threaded {@code cblas_dgemm}:
 * <ul>
 *   <li>A·B, A·Bᵀ ({@link #rows}): copy the chunk's rows of A in, and for the accumulating form
 *       its rows of C; {@code dgemm} with β = 0, or β = 1 onto the copied C; copy the rows of C
 *       out.</li>
 *   <li>Aᵀ·B ({@link #transposed}): copy the chunk's rows of A and of B in; {@code dgemm} with A
 *       transposed into the range's k×n partial (β = 0 for the first chunk, 1 after); at the end
 *       copy the partial out, for the caller to add in range order.</li>
 * </ul>
 * A chunk holds at most {@link #CHUNK_VALUES} values of A and B or C, so the copied rows are
 * still in the core's L2 cache when {@code dgemm} reads them, and a range's native footprint does
 * not grow with m. Measured (m = 60,000, 2 threads, k×n = 100×10 / 10×100 / 500×10 / 10×500,
 * A·B in ms): chunks of 2¹³ values 3.4 / 2.8 / 16.8 / 14.1, 2¹⁵ 2.9 / 2.1 / 14.7 / 11.5,
 * 2¹⁶ 2.7 / 2.1 / 14.7 / 11.0, 2¹⁷ 2.8 / 2.1 / 14.6 / 10.4, 2¹⁸ 3.3 / 2.4 / 15.4 / 11.8, 2²²
 * (a whole range per chunk for k + n = 110) 4.8 / 4.5 / 21.8 / 15.1; Aᵀ·B alike.
 *
 * <p><b>Accumulating forms.</b> β = 1 on the copied-in C against β = 0 into the buffer and an
 * add in Java: 2.5 against 3.2–3.3 ms for 60,000×10×100, 11.3–13.2 against 15.6–16.6 ms for
 * 60,000×10×500, equal for n = 10. Both are ordinary float64 sums: with β = 1 OpenBLAS adds each
 * finished block sum onto C, so for k ≤ 256 (its k-block here) the result is bitwise C + (A·B),
 * for larger k it is (C + Σ₁) + Σ₂ over the k-blocks.
 *
 * <p><b>Memory.</b> Buffers grow (calling thread only) when a call needs more than any call
 * before and are kept: steady-state calls allocate nothing. {@link #close()} frees them; an
 * owner that is never closed leaves them to JavaCPP's deallocator, which frees a
 * {@link DoublePointer}'s memory once the pointer is collected (as for
 * {@link NativeDenseMatrix}). At most about CHUNK_VALUES + k·n doubles per range.
 *
 * <p><b>Threads.</b> OpenBLAS runs single-threaded ({@link NativeBlas} sets one thread when it
 * loads), so each {@code dgemm} runs in the thread of its range. Not thread-safe: one product at
 * a time, each range touching only its own {@link Range} and reading {@code right}.
 */
final class NativeProducts {

    /** Most values (rows × (k + n)) of one range's chunk: 2¹⁶ doubles, 512 KiB; see the class comment. */
    static final int CHUNK_VALUES = 1 << 16;

    private DoublePointer right = NativeDenseMatrix.allocate(1);
    private long rightCapacity = 1;
    private Range[] ranges = new Range[0];

    /** Rows per chunk of a product whose A has k columns and whose B (Aᵀ·B) or C rows have n. */
    static int chunkRows(int k, int n) {
        return Math.max(1, CHUNK_VALUES / (k + n));
    }

    /**
     * Calling thread, before the ranges of A·B or A·Bᵀ: copies the right-hand side b (its first
     * k·n values) and grows the buffers of {@code parts} ranges over m rows. b: not modified.
     */
    void prepareRows(double[] b, int m, int k, int n, int parts) {
        int length = k * n;
        if (rightCapacity < length) {
            DoublePointer grown = NativeDenseMatrix.allocate(length);
            right.close();
            right = grown;
            rightCapacity = length;
        }
        right.put(b, 0, length);
        ensureRanges(m, k, n, parts, false);
    }

    /** Calling thread, before the ranges of Aᵀ·B: grows the buffers of {@code parts} ranges over m rows. */
    void prepareTransposed(int m, int k, int n, int parts) {
        ensureRanges(m, k, n, parts, true);
    }

    private void ensureRanges(int m, int k, int n, int parts, boolean transposed) {
        if (ranges.length < parts) {
            Range[] grown = java.util.Arrays.copyOf(ranges, parts);
            for (int p = ranges.length; p < parts; p++) {
                grown[p] = new Range();
            }
            ranges = grown;
        }
        int longest = (m + parts - 1) / parts;          // the ranges differ by at most one row
        int rows = Math.min(chunkRows(k, n), longest);
        for (int p = 0; p < parts; p++) {
            ranges[p].ensure(rows, k, n, transposed);
        }
    }

    /**
     * Range {@code part}: rows [i0, i1) of C = A·B or C ← C + A·B (bTransposed false), of A·Bᵀ
     * (true), B being in {@code right}. a: m×k, not modified. c: m×n, modified in those rows.
     */
    void rows(int part, double[] a, double[] c, int k, int n, int i0, int i1, boolean bTransposed, boolean add) {
        Range r = ranges[part];
        int chunk = chunkRows(k, n);
        int transB = bTransposed ? CblasTrans : CblasNoTrans;
        int ldb = bTransposed ? k : n;
        double beta = add ? 1.0 : 0.0;
        for (int c0 = i0; c0 < i1; c0 += chunk) {
            int len = Math.min(chunk, i1 - c0);
            r.left.put(a, c0 * k, len * k);
            if (add) {
                r.out.put(c, c0 * n, len * n);
            }
            cblas_dgemm(CblasRowMajor, CblasNoTrans, transB, len, n, k, 1.0, r.left, k, right, ldb, beta, r.out, n);
            r.out.get(c, c0 * n, len * n);
        }
    }

    /**
     * Range {@code part}: partial[0, k·n) = Σ_{i0 ≤ i &lt; i1} aᵢᵀ bᵢ (overwritten). a: m×k and
     * b: m×n, not modified. partial: modified.
     */
    void transposed(int part, double[] a, double[] b, int k, int n, int i0, int i1, double[] partial) {
        Range r = ranges[part];
        int chunk = chunkRows(k, n);
        for (int c0 = i0; c0 < i1; c0 += chunk) {
            int len = Math.min(chunk, i1 - c0);
            r.left.put(a, c0 * k, len * k);
            r.rightRows.put(b, c0 * n, len * n);
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, k, n, len, 1.0, r.left, k, r.rightRows, n,
                    c0 == i0 ? 0.0 : 1.0, r.out, n);
        }
        r.out.get(partial, 0, k * n);
    }

    /** Frees every native buffer now. Call once; the object is unusable afterwards. */
    void close() {
        right.close();
        for (int p = 0; p < ranges.length; p++) {
            ranges[p].close();
        }
    }

    /** One range's buffers: grown by the calling thread, used by that range only. */
    private static final class Range {
        /** A chunk's rows of A (rows × k). */
        DoublePointer left = NativeDenseMatrix.allocate(1);
        /** Aᵀ·B: a chunk's rows of B (rows × n). */
        DoublePointer rightRows = NativeDenseMatrix.allocate(1);
        /** A·B, A·Bᵀ: a chunk's rows of C (rows × n); Aᵀ·B: the range's k×n partial. */
        DoublePointer out = NativeDenseMatrix.allocate(1);
        long leftCapacity = 1;
        long rightRowsCapacity = 1;
        long outCapacity = 1;

        /** Grows the buffers for chunks of {@code rows} rows of a k, n product. */
        void ensure(int rows, int k, int n, boolean transposed) {
            long leftNeeded = (long) rows * k;
            if (leftCapacity < leftNeeded) {
                DoublePointer grown = NativeDenseMatrix.allocate(leftNeeded);
                left.close();
                left = grown;
                leftCapacity = leftNeeded;
            }
            long outNeeded = transposed ? (long) k * n : (long) rows * n;
            if (outCapacity < outNeeded) {
                DoublePointer grown = NativeDenseMatrix.allocate(outNeeded);
                out.close();
                out = grown;
                outCapacity = outNeeded;
            }
            long rightNeeded = transposed ? (long) rows * n : 0;
            if (rightRowsCapacity < rightNeeded) {
                DoublePointer grown = NativeDenseMatrix.allocate(rightNeeded);
                rightRows.close();
                rightRows = grown;
                rightRowsCapacity = rightNeeded;
            }
        }

        void close() {
            left.close();
            rightRows.close();
            out.close();
        }
    }
}
