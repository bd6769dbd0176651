package org.planesearch.core.linalg;

/**
 * Products of row-major matrices held in Java arrays, for the parts of a model that are not the
 * data matrix: a network's hidden-to-hidden and hidden-to-output products (n×h times h×c), the
 * weight gradients Hᵀ·E, the back-propagated deltas E·Wᵀ.
 *
 * <table>
 *   <caption>Products (A is always m×k)</caption>
 *   <tr><th>method</th><th>B</th><th>C</th></tr>
 *   <tr><td>{@link #multiply} / {@link #multiplyAdd}</td><td>k×n</td><td>C = A·B / C += A·B, m×n</td></tr>
 *   <tr><td>{@link #multiplyTransposed} / {@link #multiplyTransposedAdd}</td><td>m×n</td>
 *       <td>C = Aᵀ·B / C += Aᵀ·B, k×n</td></tr>
 *   <tr><td>{@link #multiplyByTransposed} / {@link #multiplyByTransposedAdd}</td><td>n×k</td>
 *       <td>C = A·Bᵀ / C += A·Bᵀ, m×n</td></tr>
 * </table>
 *
 * <p><b>Threads and bits.</b> Every product is split over the m rows of A into
 * P = {@link Parallel#parts}(m, k·n) contiguous ranges run on the library's threads, the same
 * partition rule as the data matrices' products. A·B and A·Bᵀ: each range writes its own rows
 * of C, and a row's value does not depend on the partition. Aᵀ·B: range p sums its rows into its
 * own k×n partial Cₚ, and the calling thread adds C₀, C₁, … in range order (into C, or onto C
 * for the accumulating form). So the result is a fixed expression of the inputs for a given
 * thread count: the same bits call after call.
 *
 * <p><b>Inner loops.</b> Every inner loop is a dot product or an axpy over contiguous memory
 * and takes four terms per sweep (four rows of A against one row in a dot product, four rows in
 * an axpy), so that four independent chains hide the add latency or the output is read and
 * written once per four multiply-adds. Which dimension the inner loop runs along is chosen from
 * the shape, by measurement (AMD EPYC, JDK 17, operands in cache, ns per multiply-add):
 * <ul>
 *   <li>A·B and A·Bᵀ: dot products over k against the rows of Bᵀ (n×k) when
 *       k ≥ min(n, {@value #MIN_DOT_LENGTH}), otherwise axpys over n along the rows of B (k×n).
 *       The dot form ran at 0.20–0.25 for k ≥ 8 and n ≥ 2 (0.44 at n = 1); the axpy form at
 *       0.25–0.36 for n ≥ 64 and much slower for small n (2.1 at n = 1, k = 100), and won only
 *       for k ≤ 3 (k = 1, n = 100: 0.46 against 0.68; k = 3: equal).</li>
 *   <li>Aᵀ·B: axpys over k into Cᵀ (n×k, then transposed) when
 *       k ≥ min(n, {@value #MIN_TRANSPOSED_LENGTH}), otherwise axpys over n into C. The first ran
 *       at 0.18–0.23 for k ≥ 16 and for k ≥ n; the second won for k ≤ 8 with n ≥ 64 (0.22
 *       against 0.25).</li>
 * </ul>
 * For a network's layers (n examples, h hidden units, c ≪ h outputs) this gives dot products for
 * H·W (k = h), axpys over h for E·Wᵀ (k = c), and Cᵀ accumulation over h for Hᵀ·E. The
 * transposes are of B or of the k×n result, never of A, and are made once per call by the
 * calling thread into buffers this object owns.
 *
 * <p><b>Arguments.</b> Arrays may be longer than their shape needs (only the leading entries are
 * used); shapes are checked at entry and C must not be the same array as A or B
 * ({@link IllegalArgumentException} naming the argument). Inputs are not modified.
 *
 * <p><b>Allocation and thread-safety.</b> The buffers (per-range partials, the transposes) are
 * allocated when a call needs more than any call before and are kept: steady-state calls
 * allocate nothing. An instance runs one product at a time and is not thread-safe; use one per
 * thread (or per evaluator).
 */
public final class DenseProducts {

    /** A·B and A·Bᵀ run as dot products over k when k ≥ min(n, this); see the class comment. */
    public static final int MIN_DOT_LENGTH = 4;

    /** Aᵀ·B accumulates Cᵀ with axpys over k when k ≥ min(n, this); see the class comment. */
    public static final int MIN_TRANSPOSED_LENGTH = 16;

    // The loop shapes (see the class comment).
    private static final int ROWS_FORM = 0;
    private static final int DOTS_FORM = 1;
    private static final int TRANSPOSED_ROWS_FORM = 2;
    private static final int TRANSPOSED_COLUMNS_FORM = 3;

    private final Parallel.PartTask task = this::runPart;
    private double[][] partials = new double[0][];
    private double[] transposeBuffer = new double[0];

    // The call in flight, written by the calling thread before the ranges start.
    private int form;
    private double[] a;
    private double[] b;
    private double[] c;
    private int m;
    private int k;
    private int n;
    private boolean add;
    private int parts;

    /** A product object with empty buffers. */
    public DenseProducts() {
    }

    /**
     * C = A·B. a: m×k, not modified. b: k×n, not modified. c: m×n, modified (must not be a or b).
     */
    public void multiply(double[] a, double[] b, int m, int k, int n, double[] c) {
        checkShapes(a, b, c, m, k, n, (long) k * n, (long) m * n);
        rowProduct(a, b, m, k, n, c, false, false);
    }

    /**
     * C ← C + A·B. a: m×k, not modified. b: k×n, not modified. c: m×n, modified (must not be a
     * or b).
     */
    public void multiplyAdd(double[] a, double[] b, int m, int k, int n, double[] c) {
        checkShapes(a, b, c, m, k, n, (long) k * n, (long) m * n);
        rowProduct(a, b, m, k, n, c, false, true);
    }

    /**
     * C = A·Bᵀ. a: m×k, not modified. b: n×k, not modified. c: m×n, modified (must not be a or
     * b).
     */
    public void multiplyByTransposed(double[] a, double[] b, int m, int k, int n, double[] c) {
        checkShapes(a, b, c, m, k, n, (long) n * k, (long) m * n);
        rowProduct(a, b, m, k, n, c, true, false);
    }

    /**
     * C ← C + A·Bᵀ. a: m×k, not modified. b: n×k, not modified. c: m×n, modified (must not be a
     * or b).
     */
    public void multiplyByTransposedAdd(double[] a, double[] b, int m, int k, int n, double[] c) {
        checkShapes(a, b, c, m, k, n, (long) n * k, (long) m * n);
        rowProduct(a, b, m, k, n, c, true, true);
    }

    /**
     * C = Aᵀ·B. a: m×k, not modified. b: m×n, not modified. c: k×n, modified (must not be a or
     * b).
     */
    public void multiplyTransposed(double[] a, double[] b, int m, int k, int n, double[] c) {
        checkShapes(a, b, c, m, k, n, (long) m * n, (long) k * n);
        transposedProduct(a, b, m, k, n, c, false);
    }

    /**
     * C ← C + Aᵀ·B: the partial sums of the ranges are added onto C in range order. a: m×k, not
     * modified. b: m×n, not modified. c: k×n, modified (must not be a or b).
     */
    public void multiplyTransposedAdd(double[] a, double[] b, int m, int k, int n, double[] c) {
        checkShapes(a, b, c, m, k, n, (long) m * n, (long) k * n);
        transposedProduct(a, b, m, k, n, c, true);
    }

    // ---------------------------------------------------------------- dispatch

    private static void checkShapes(double[] a, double[] b, double[] c, int m, int k, int n, long bLength,
                                    long cLength) {
        Shapes.count("m", m);
        Shapes.count("k", k);
        Shapes.count("n", n);
        Shapes.vector("a", a, (long) m * k);
        Shapes.vector("b", b, bLength);
        Shapes.vector("c", c, cLength);
        Shapes.distinct("a", a, "c", c);
        Shapes.distinct("b", b, "c", c);
    }

    /** A·B (bTransposed false: b is k×n) or A·Bᵀ (true: b is n×k), row ranges of C. */
    private void rowProduct(double[] a, double[] b, int m, int k, int n, double[] c, boolean bTransposed,
                            boolean add) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!add) {
                java.util.Arrays.fill(c, 0, m * n, 0.0);
            }
            return;
        }
        boolean dots = k >= Math.min(n, MIN_DOT_LENGTH);
        double[] operand = b;
        if (dots != bTransposed) {
            // dots need B as n×k rows, axpys as k×n rows: transpose the one we were given
            operand = transposeBuffer(k * n);
            if (bTransposed) {
                transpose(b, n, k, operand);
            } else {
                transpose(b, k, n, operand);
            }
        }
        start(dots ? DOTS_FORM : ROWS_FORM, a, operand, c, m, k, n, add);
        Parallel.run(task, parts);
        finish();
    }

    /** Aᵀ·B: per-range partials, reduced in range order. */
    private void transposedProduct(double[] a, double[] b, int m, int k, int n, double[] c, boolean add) {
        if (k == 0 || n == 0) {
            return;
        }
        int length = k * n;
        if (m == 0) {
            if (!add) {
                java.util.Arrays.fill(c, 0, length, 0.0);
            }
            return;
        }
        boolean columns = k >= Math.min(n, MIN_TRANSPOSED_LENGTH);
        start(columns ? TRANSPOSED_COLUMNS_FORM : TRANSPOSED_ROWS_FORM, a, b, c, m, k, n, add);
        ensurePartials(parts, length);
        Parallel.run(task, parts);
        // range order: C (=) C₀ + C₁ + … or C += C₀, C += C₁, …
        double[] target = c;
        if (columns) {
            // the partials hold Cᵀ (n×k): sum them in the transpose buffer, then transpose into C
            target = transposeBuffer(length);
            System.arraycopy(partials[0], 0, target, 0, length);
        } else if (add) {
            addInto(partials[0], target, length);
        } else {
            System.arraycopy(partials[0], 0, target, 0, length);
        }
        for (int p = 1; p < parts; p++) {
            addInto(partials[p], target, length);
        }
        if (columns) {
            if (add) {
                addTransposed(target, n, k, c);
            } else {
                transpose(target, n, k, c);
            }
        }
        finish();
    }

    private void start(int productForm, double[] left, double[] right, double[] out, int rows, int inner, int cols,
                       boolean accumulate) {
        form = productForm;
        a = left;
        b = right;
        c = out;
        m = rows;
        k = inner;
        n = cols;
        add = accumulate;
        parts = Parallel.parts(rows, (long) inner * cols);
    }

    /** Drops the references to the caller's arrays. */
    private void finish() {
        a = null;
        b = null;
        c = null;
    }

    private void runPart(int part) {
        int i0 = Parallel.start(m, parts, part);
        int i1 = Parallel.start(m, parts, part + 1);
        switch (form) {
            case ROWS_FORM:
                axpyRows(a, b, c, k, n, i0, i1, add);
                break;
            case DOTS_FORM:
                dotRows(a, b, c, k, n, i0, i1, add);
                break;
            case TRANSPOSED_ROWS_FORM:
                accumulateOuterRows(a, b, k, n, i0, i1, partials[part]);
                break;
            case TRANSPOSED_COLUMNS_FORM:
                accumulateOuterColumns(a, b, k, n, i0, i1, partials[part]);
                break;
            default:
                throw new IllegalStateException("unknown product form " + form);
        }
    }

    private void ensurePartials(int count, int length) {
        if (partials.length < count) {
            partials = java.util.Arrays.copyOf(partials, count);
        }
        for (int p = 0; p < count; p++) {
            if (partials[p] == null || partials[p].length < length) {
                partials[p] = new double[length];
            }
        }
    }

    private double[] transposeBuffer(int length) {
        if (transposeBuffer.length < length) {
            transposeBuffer = new double[length];
        }
        return transposeBuffer;
    }

    // ---------------------------------------------------------------- kernels (arguments trusted)

    /**
     * Rows [i0, i1) of C (+)= A·B as axpys over the rows of B (k×n): cᵢ = Σₚ aᵢₚ bₚ, four rows of
     * B per sweep.
     */
    private static void axpyRows(double[] a, double[] b, double[] c, int k, int n, int i0, int i1, boolean add) {
        for (int i = i0; i < i1; i++) {
            int ci = i * n;
            int ai = i * k;
            if (!add) {
                java.util.Arrays.fill(c, ci, ci + n, 0.0);
            }
            int p = 0;
            for (; p + 3 < k; p += 4) {
                double a0 = a[ai + p];
                double a1 = a[ai + p + 1];
                double a2 = a[ai + p + 2];
                double a3 = a[ai + p + 3];
                int b0 = p * n;
                int b1 = b0 + n;
                int b2 = b1 + n;
                int b3 = b2 + n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += (a0 * b[b0 + j] + a1 * b[b1 + j]) + (a2 * b[b2 + j] + a3 * b[b3 + j]);
                }
            }
            for (; p < k; p++) {
                double ap = a[ai + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += ap * b[bp + j];
                }
            }
        }
    }

    /**
     * Rows [i0, i1) of C (+)= A·Btᵀ as dot products over k, where bt is n×k: four rows of A
     * against each row of bt, each entry summed left to right.
     */
    private static void dotRows(double[] a, double[] bt, double[] c, int k, int n, int i0, int i1, boolean add) {
        int i = i0;
        for (; i + 3 < i1; i += 4) {
            int a0 = i * k;
            int a1 = a0 + k;
            int a2 = a1 + k;
            int a3 = a2 + k;
            for (int j = 0; j < n; j++) {
                int bj = j * k;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int p = 0; p < k; p++) {
                    double bp = bt[bj + p];
                    s0 += a[a0 + p] * bp;
                    s1 += a[a1 + p] * bp;
                    s2 += a[a2 + p] * bp;
                    s3 += a[a3 + p] * bp;
                }
                store(c, i * n + j, s0, add);
                store(c, (i + 1) * n + j, s1, add);
                store(c, (i + 2) * n + j, s2, add);
                store(c, (i + 3) * n + j, s3, add);
            }
        }
        for (; i < i1; i++) {
            int ai = i * k;
            for (int j = 0; j < n; j++) {
                int bj = j * k;
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p] * bt[bj + p];
                }
                store(c, i * n + j, s, add);
            }
        }
    }

    private static void store(double[] c, int at, double v, boolean add) {
        if (add) {
            c[at] += v;
        } else {
            c[at] = v;
        }
    }

    /**
     * part[0, k·n) = Σ_{i0 ≤ i &lt; i1} aᵢᵀ bᵢ (overwritten), as axpys over rows of the k×n
     * result: row p += aᵢₚ bᵢ, four rows i per sweep.
     */
    private static void accumulateOuterRows(double[] a, double[] b, int k, int n, int i0, int i1, double[] part) {
        java.util.Arrays.fill(part, 0, k * n, 0.0);
        int i = i0;
        for (; i + 3 < i1; i += 4) {
            int a0 = i * k;
            int a1 = a0 + k;
            int a2 = a1 + k;
            int a3 = a2 + k;
            int b0 = i * n;
            int b1 = b0 + n;
            int b2 = b1 + n;
            int b3 = b2 + n;
            for (int p = 0; p < k; p++) {
                double r0 = a[a0 + p];
                double r1 = a[a1 + p];
                double r2 = a[a2 + p];
                double r3 = a[a3 + p];
                int cp = p * n;
                for (int j = 0; j < n; j++) {
                    part[cp + j] += (r0 * b[b0 + j] + r1 * b[b1 + j]) + (r2 * b[b2 + j] + r3 * b[b3 + j]);
                }
            }
        }
        for (; i < i1; i++) {
            int ai = i * k;
            int bi = i * n;
            for (int p = 0; p < k; p++) {
                double r = a[ai + p];
                int cp = p * n;
                for (int j = 0; j < n; j++) {
                    part[cp + j] += r * b[bi + j];
                }
            }
        }
    }

    /**
     * part[0, n·k) = (Σ_{i0 ≤ i &lt; i1} aᵢᵀ bᵢ)ᵀ (overwritten), as axpys over rows of A: row j of
     * the n×k transpose += bᵢⱼ aᵢ, four rows i per sweep.
     */
    private static void accumulateOuterColumns(double[] a, double[] b, int k, int n, int i0, int i1, double[] part) {
        java.util.Arrays.fill(part, 0, k * n, 0.0);
        int i = i0;
        for (; i + 3 < i1; i += 4) {
            int a0 = i * k;
            int a1 = a0 + k;
            int a2 = a1 + k;
            int a3 = a2 + k;
            for (int j = 0; j < n; j++) {
                double r0 = b[i * n + j];
                double r1 = b[(i + 1) * n + j];
                double r2 = b[(i + 2) * n + j];
                double r3 = b[(i + 3) * n + j];
                int cj = j * k;
                for (int p = 0; p < k; p++) {
                    part[cj + p] += (r0 * a[a0 + p] + r1 * a[a1 + p]) + (r2 * a[a2 + p] + r3 * a[a3 + p]);
                }
            }
        }
        for (; i < i1; i++) {
            int ai = i * k;
            for (int j = 0; j < n; j++) {
                double r = b[i * n + j];
                int cj = j * k;
                for (int p = 0; p < k; p++) {
                    part[cj + p] += r * a[ai + p];
                }
            }
        }
    }

    /** out (cols×rows) = src (rows×cols)ᵀ. */
    private static void transpose(double[] src, int rows, int cols, double[] out) {
        for (int i = 0; i < rows; i++) {
            int si = i * cols;
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = src[si + j];
            }
        }
    }

    /** out (cols×rows) += src (rows×cols)ᵀ. */
    private static void addTransposed(double[] src, int rows, int cols, double[] out) {
        for (int i = 0; i < rows; i++) {
            int si = i * cols;
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] += src[si + j];
            }
        }
    }

    private static void addInto(double[] src, double[] target, int length) {
        for (int e = 0; e < length; e++) {
            target[e] += src[e];
        }
    }
}
