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
 * <p><b>Two paths.</b> A product runs either as Java loops (see "Java inner loops") or through
 * OpenBLAS, one single-threaded {@code cblas_dgemm} per range (see "Native path"). An instance
 * built with {@link Path#AUTO} (the default) decides on every call: native when
 * {@link Backend#current()} is the native backend and the product passes the size rule, Java
 * otherwise. So with {@code -Dplanesearch.backend=java}, or when OpenBLAS cannot be loaded (then
 * "auto" resolves to Java), every product runs in Java and this class never touches JavaCPP.
 * {@link Path#JAVA} and {@link Path#NATIVE} force one path whatever the backend and the size,
 * for tests and benchmarks ({@code DenseProductsBenchmark}); NATIVE needs OpenBLAS.
 *
 * <p><b>Threads and bits.</b> Both paths split every product over the m rows of A into
 * P = {@link Parallel#parts}(m, k·n) contiguous ranges run on the library's threads, the same
 * partition rule as the data matrices' products. A·B and A·Bᵀ: each range writes its own rows
 * of C. Aᵀ·B: range p sums its rows into its own k×n partial Cₚ, and the calling thread adds C₀,
 * C₁, … in range order (into C, or onto C for the accumulating form). So the result is a fixed
 * expression of the inputs for a given path and thread count: the same bits call after call. On
 * the Java path a row of A·B does not depend on the partition either; on the native path it may
 * (OpenBLAS rounds a row according to where it falls in its block), so native results can move
 * in the last bits when the thread count changes. The paths sum in different orders; each entry
 * of either is within 10⁻¹³·Σ|terms| of the textbook sum, and they agree to that bound (tested;
 * the largest difference measured on the benchmark shapes below was 6·10⁻¹⁶·Σ|terms|).
 *
 * <p><b>Native path.</b> For A·B and A·Bᵀ the calling thread copies B (k·n values) once into a
 * native buffer the ranges share; each range then copies its rows of A into its own native
 * buffer, runs {@code cblas_dgemm} and copies its rows of C out, in chunks of at most 2¹⁶ values
 * (rows × (k + n)) so that the copies are still in the core's L2 cache when OpenBLAS reads them
 * (chunks of 2²² values, a whole range for k + n = 110, ran 1.4–2.2× slower;
 * {@code NativeProducts} has the measurements). For
 * Aᵀ·B each range copies its rows of A and of B and accumulates its k×n partial in native memory
 * (β = 1 after its first chunk), then copies it out for the reduction above. OpenBLAS is
 * single-threaded, set once when it loads ({@code NativeBlas}), as for
 * {@code NativeDenseMatrix}. The accumulating forms copy C's rows in and run β = 1: as fast as an
 * add in Java for n = 10, 15–30 % less time for n ≥ 100, and still an ordinary float64 sum
 * (bitwise C + A·B for k ≤ 256, OpenBLAS's k-block here). Measured with
 * {@code DenseProductsBenchmark} (AMD EPYC, 2 threads, JDK 17, OpenBLAS 0.3.31, m = 60,000, ms per
 * call, Java → native):
 * <table>
 *   <caption>Java and native path, m = 60,000</caption>
 *   <tr><th>k×n</th><th>A·B</th><th>C += A·B</th><th>A·Bᵀ</th><th>Aᵀ·B</th></tr>
 *   <tr><td>100×10</td><td>8.9 → 2.8</td><td>9.1 → 2.9</td><td>9.0 → 2.9</td><td>10.1 → 3.5</td></tr>
 *   <tr><td>10×100</td><td>8.4 → 2.0</td><td>9.2 → 2.6</td><td>8.3 → 2.1</td><td>9.6 → 3.3</td></tr>
 *   <tr><td>500×10</td><td>38.7 → 14.9</td><td>37.9 → 15.6</td><td>37.7 → 15.0</td><td>39.4 → 16.9</td></tr>
 *   <tr><td>10×500</td><td>41.1 → 10.9</td><td>43.0 → 12.6</td><td>41.8 → 10.8</td><td>40.5 → 16.3</td></tr>
 * </table>
 *
 * <p><b>Size rule ({@link Path#AUTO}).</b> Native when m·k·n ≥ {@value #MIN_NATIVE_WORK} and C
 * has at least {@value #MIN_NATIVE_WIDTH} columns (n ≥ 2), for Aᵀ·B (C is k×n) also at least
 * two rows (k ≥ 2). Measured Java time / native time (2 threads, the same call repeated, so
 * operands stay in cache when they fit):
 * <ul>
 *   <li>Size: the smallest native call takes 0.2–0.3 µs (the JNI calls and copies). 32×4×4 (512
 *       multiply-adds): 0.74–0.97; 8×10×10 (800): 0.89–1.43; 16×10×10 (1,600): 1.33–1.56;
 *       32×10×10: 1.5–1.9; 256×10×10: 2.0–2.9.</li>
 *   <li>Vectors: with n = 1 (for Aᵀ·B also k = 1) the product is a matrix-vector product, bound
 *       by memory on either path, and the copies only add: 60,000×100×1: 0.53–0.70;
 *       60,000×10×1: 0.52–0.84; Aᵀ·B 60,000×1×100: 0.83, 8,192×1×100: 0.62. A·B with k = 1
 *       still gains (60,000×1×100: 1.1; 60,000×1×10: 2.7): its C is m×n.</li>
 *   <li>Everything else: native wins, most when A does not fit in the cache (60,000×100×2: 2.1
 *       for A·B, 1.7 for Aᵀ·B; 60,000×2×100: 1.9 / 1.7; 60,000×4×100: 3.0 / 2.1), down to near
 *       ties when A fits the 32 MiB L3 and k or n is 2 or 3 (8,192×100×2: 0.97 / 0.78; Aᵀ·B
 *       8,192×3×100: 0.85), accepted to keep the rule simple.</li>
 * </ul>
 *
 * <p><b>Java inner loops.</b> Every inner loop is a dot product or an axpy over contiguous memory
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
 * <p><b>Allocation, memory and thread-safety.</b> The buffers (per-range partials, the
 * transposes; on the native path per-range chunk buffers and the shared copy of B, in native
 * memory) are allocated when a call needs more than any call before and are kept: steady-state
 * calls allocate nothing (tested). {@link #close()} frees the native buffers at once; an instance
 * that is never closed (a long-lived evaluator's) leaks nothing either: its native buffers, about
 * 2¹⁶ + k·n doubles per range, are freed by JavaCPP's deallocator once the instance is collected,
 * as for {@code NativeDenseMatrix}. Products on a closed instance throw
 * {@link IllegalStateException}. An instance runs one product at a time and is not thread-safe;
 * use one per thread (or per evaluator).
 */
public final class DenseProducts implements AutoCloseable {

    /** A·B and A·Bᵀ run as dot products over k when k ≥ min(n, this); see the class comment. */
    public static final int MIN_DOT_LENGTH = 4;

    /** Aᵀ·B accumulates Cᵀ with axpys over k when k ≥ min(n, this); see the class comment. */
    public static final int MIN_TRANSPOSED_LENGTH = 16;

    /**
     * {@link Path#AUTO}: fewest multiply-adds (m·k·n) for the native path, 2¹¹; see the class
     * comment.
     */
    public static final long MIN_NATIVE_WORK = 1L << 11;

    /**
     * {@link Path#AUTO}: fewest columns of C (n) for the native path, and for Aᵀ·B also fewest rows
     * (k): with one, the product is a matrix-vector product; see the class comment.
     */
    public static final int MIN_NATIVE_WIDTH = 2;

    /** Which implementation runs the products of an instance. */
    public enum Path {
        /**
         * OpenBLAS when {@link Backend#current()} is the native backend and the product is large
         * enough ({@link DenseProducts#MIN_NATIVE_WORK}, {@link DenseProducts#MIN_NATIVE_WIDTH}),
         * otherwise the Java loops.
         * Decided on every call. The default.
         */
        AUTO,
        /** Always the Java loops, whatever the backend (no native code is loaded or called). */
        JAVA,
        /**
         * Always OpenBLAS, whatever the backend and the size, down to 1×1×1 (for tests and
         * benchmarks). Needs the native library.
         */
        NATIVE
    }

    // The loop shapes (see the class comment).
    private static final int ROWS_FORM = 0;
    private static final int DOTS_FORM = 1;
    private static final int TRANSPOSED_ROWS_FORM = 2;
    private static final int TRANSPOSED_COLUMNS_FORM = 3;
    private static final int NATIVE_ROWS_FORM = 4;
    private static final int NATIVE_TRANSPOSED_FORM = 5;

    private final Path path;
    private final Parallel.PartTask task = this::runPart;
    /** Created by the first native product (so the Java path never loads JavaCPP); null after close. */
    private NativeProducts nativeProducts;
    private long nativeCalls;
    private boolean closed;
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
    private boolean transposedB;
    private int parts;

    /** A product object with empty buffers on the {@link Path#AUTO} path. */
    public DenseProducts() {
        this(Path.AUTO);
    }

    /**
     * A product object with empty buffers that runs its products on {@code path}.
     *
     * @throws IllegalArgumentException when path is null
     * @throws IllegalStateException for {@link Path#NATIVE} when OpenBLAS cannot be loaded (the
     *         message says why)
     */
    public DenseProducts(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null; expected one of: AUTO, JAVA, NATIVE");
        }
        if (path == Path.NATIVE && !NativeBlas.available()) {
            throw new IllegalStateException("the native path needs OpenBLAS, which is unavailable: " + NativeBlas.problem());
        }
        this.path = path;
    }

    /** The path this instance was built with. */
    public Path path() {
        return path;
    }

    /**
     * Frees the native buffers now (without it they are freed once this object is collected).
     * Idempotent. Every product on a closed instance throws {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (nativeProducts != null) {
                nativeProducts.close();
                nativeProducts = null;
            }
        }
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

    private void checkShapes(double[] a, double[] b, double[] c, int m, int k, int n, long bLength, long cLength) {
        if (closed) {
            throw new IllegalStateException("this DenseProducts is closed");
        }
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
        if (runsNative(m, k, n, false)) {
            // B copied once here; each range copies its rows of A in and its rows of C out
            NativeProducts natives = natives();
            start(NATIVE_ROWS_FORM, a, b, c, m, k, n, add);
            transposedB = bTransposed;
            natives.prepareRows(b, m, k, n, parts);
            Parallel.run(task, parts);
            finish();
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
        boolean columns;
        if (runsNative(m, k, n, true)) {
            // each range copies its rows of A and B in and its k×n partial (C, not Cᵀ) out
            NativeProducts natives = natives();
            columns = false;
            start(NATIVE_TRANSPOSED_FORM, a, b, c, m, k, n, add);
            natives.prepareTransposed(m, k, n, parts);
        } else {
            columns = k >= Math.min(n, MIN_TRANSPOSED_LENGTH);
            start(columns ? TRANSPOSED_COLUMNS_FORM : TRANSPOSED_ROWS_FORM, a, b, c, m, k, n, add);
        }
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
            case NATIVE_ROWS_FORM:
                nativeProducts.rows(part, a, c, k, n, i0, i1, transposedB, add);
                break;
            case NATIVE_TRANSPOSED_FORM:
                nativeProducts.transposed(part, a, b, k, n, i0, i1, partials[part]);
                break;
            default:
                throw new IllegalStateException("unknown product form " + form);
        }
    }

    /**
     * Whether a product with A m×k (m, k, n ≥ 1) runs natively on this instance: never on
     * {@link Path#JAVA}, always on {@link Path#NATIVE}, and on {@link Path#AUTO} when
     * {@link #worthNative} and the current backend is the native one.
     *
     * @param transposedProduct true for Aᵀ·B (C is k×n), false for A·B and A·Bᵀ (C is m×n)
     */
    boolean runsNative(int m, int k, int n, boolean transposedProduct) {
        switch (path) {
            case JAVA:
                return false;
            case NATIVE:
                return true;
            default:
                return worthNative(m, k, n, transposedProduct) && isNative(Backend.current());
        }
    }

    /**
     * The size rule of {@link Path#AUTO} (see the class comment): m·k·n ≥ {@link #MIN_NATIVE_WORK}
     * and n ≥ {@link #MIN_NATIVE_WIDTH}, for Aᵀ·B also k ≥ {@link #MIN_NATIVE_WIDTH}.
     */
    static boolean worthNative(int m, int k, int n, boolean transposedProduct) {
        return (long) m * k * n >= MIN_NATIVE_WORK && n >= MIN_NATIVE_WIDTH
                && (!transposedProduct || k >= MIN_NATIVE_WIDTH);
    }

    private static boolean isNative(Backend backend) {
        return "native".equals(backend.name());
    }

    /** How many products ran natively on this instance (for tests). */
    long nativeCalls() {
        return nativeCalls;
    }

    /** True once a native product allocated this instance's native buffers (for tests). */
    boolean hasNativeBuffers() {
        return nativeProducts != null;
    }

    private NativeProducts natives() {
        if (nativeProducts == null) {
            nativeProducts = new NativeProducts();
        }
        nativeCalls++;
        return nativeProducts;
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
