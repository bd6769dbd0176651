package org.planesearch.core.linalg;

/**
 * The part every {@link DataMatrix} implementation shares: argument checks, the split of a
 * product into row ranges run on the {@link WorkerPool}, and the reduction of the per-range
 * partial sums of the transposed products.
 *
 * <p>The split. A product with W multiply-adds (W = n·d·k for dense, nnz·k for sparse) runs in
 * P = min(T, max(1, ⌊W / {@link #MIN_WORK_PER_PART}⌋)) parts, T = the pool's thread count. Part
 * p covers rows [start(p), start(p + 1)), a function of the shape and P only (equal row counts
 * for dense matrices, equal non-zero counts for CSR).
 *
 * <ul>
 *   <li>X·v, X·M: part p writes its rows of {@code out}; no reduction.</li>
 *   <li>Xᵀr, XᵀR: part p computes gₚ = Σ_{i ∈ part p} rᵢ xᵢ into its own buffer (part 0 into
 *       {@code out}); then the calling thread adds g₁, g₂, … in that order. The result is a fixed
 *       expression of the data for a given P: same thread count, same bits.</li>
 * </ul>
 *
 * <p>Scratch (partial sums, native buffers) is owned by the matrix and grows only when a call
 * needs more parts or a larger k than any call before: steady-state products allocate nothing.
 * A matrix is therefore not safe for concurrent calls (as {@link DataMatrix} says); distinct
 * matrices may be used from distinct threads.
 */
abstract class PartitionedMatrix implements DataMatrix {

    /**
     * Fewest multiply-adds worth a part of their own: below it waking a worker (about 5–50 µs)
     * would cost more than it saves. 2¹⁶ multiply-adds take 20–40 µs in one thread.
     */
    static final long MIN_WORK_PER_PART = 1L << 16;

    private static final int MULTIPLY = 0;
    private static final int MULTIPLY_TRANSPOSED = 1;
    private static final int MULTIPLY_K = 2;
    private static final int MULTIPLY_TRANSPOSED_K = 3;

    final int rows;
    final int cols;
    private boolean closed;

    private final WorkerPool.PartitionedTask task = this::runPart;
    private double[][] partials = new double[1][];
    private int[] starts = new int[2];

    // The call in flight (written by the calling thread before the parts start).
    private int op;
    private double[] in;
    private double[] out;
    private int k;
    private int parts;

    PartitionedMatrix(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix shape must be non-negative, got " + rows + "×" + cols);
        }
        this.rows = rows;
        this.cols = cols;
    }

    @Override
    public final int rows() {
        return rows;
    }

    @Override
    public final int cols() {
        return cols;
    }

    @Override
    public final void multiply(double[] v, double[] out) {
        checkOpen();
        Shapes.vector("v", v, cols);
        Shapes.vector("out", out, rows);
        Shapes.distinct("v", v, "out", out);
        run(MULTIPLY, v, out, 1);
    }

    @Override
    public final void multiplyTransposed(double[] r, double[] out) {
        checkOpen();
        Shapes.vector("r", r, rows);
        Shapes.vector("out", out, cols);
        Shapes.distinct("r", r, "out", out);
        run(MULTIPLY_TRANSPOSED, r, out, 1);
    }

    @Override
    public final void multiply(double[] m, int k, double[] out) {
        checkOpen();
        Shapes.count("k", k);
        Shapes.vector("m", m, (long) cols * k);
        Shapes.vector("out", out, (long) rows * k);
        Shapes.distinct("m", m, "out", out);
        run(MULTIPLY_K, m, out, k);
    }

    @Override
    public final void multiplyTransposed(double[] r, int k, double[] out) {
        checkOpen();
        Shapes.count("k", k);
        Shapes.vector("r", r, (long) rows * k);
        Shapes.vector("out", out, (long) cols * k);
        Shapes.distinct("r", r, "out", out);
        run(MULTIPLY_TRANSPOSED_K, r, out, k);
    }

    @Override
    public final void row(int i, double[] out) {
        checkOpen();
        if (i < 0 || i >= rows) {
            throw new IllegalArgumentException("i must be in [0, " + rows + "), got " + i);
        }
        Shapes.vector("out", out, cols);
        copyRow(i, out);
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    /** Throws {@link IllegalStateException} when closed. */
    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this " + rows + "×" + cols + " matrix is closed");
        }
    }

    private void run(int op, double[] in, double[] out, int k) {
        boolean transposed = op == MULTIPLY_TRANSPOSED || op == MULTIPLY_TRANSPOSED_K;
        if (rows == 0 || cols == 0 || k == 0) {
            java.util.Arrays.fill(out, 0, (transposed ? cols : rows) * k, 0.0);
            return;
        }
        WorkerPool pool = WorkerPool.current();
        long work = work() * k;
        int parts = (int) Math.max(1, Math.min(Math.min(pool.threads(), rows), work / MIN_WORK_PER_PART));
        int length = cols * k;
        if (transposed) {
            ensurePartials(parts, length);
        }
        if (starts.length < parts + 1) {
            starts = new int[parts + 1];
        }
        for (int p = 0; p <= parts; p++) {
            starts[p] = partStart(p, parts);
        }
        prepare(op == MULTIPLY || op == MULTIPLY_K, in, k, parts);
        this.op = op;
        this.in = in;
        this.out = out;
        this.k = k;
        this.parts = parts;
        try {
            pool.run(task, parts);
        } finally {
            this.in = null;
            this.out = null;
        }
        if (transposed) {
            for (int p = 1; p < parts; p++) {
                double[] g = partials[p];
                for (int j = 0; j < length; j++) {
                    out[j] += g[j];
                }
            }
        }
    }

    private void runPart(int p) {
        int i0 = starts[p];
        int i1 = starts[p + 1];
        switch (op) {
            case MULTIPLY:
                multiplyRows(p, i0, i1, in, out);
                break;
            case MULTIPLY_TRANSPOSED:
                multiplyTransposedRows(p, i0, i1, in, p == 0 ? out : partials[p]);
                break;
            case MULTIPLY_K:
                multiplyRows(p, i0, i1, in, k, out);
                break;
            default:
                multiplyTransposedRows(p, i0, i1, in, k, p == 0 ? out : partials[p]);
                break;
        }
    }

    private void ensurePartials(int parts, int length) {
        if (partials.length < parts) {
            partials = java.util.Arrays.copyOf(partials, parts);
        }
        for (int p = 1; p < parts; p++) {
            if (partials[p] == null || partials[p].length < length) {
                partials[p] = new double[length];
            }
        }
    }

    /**
     * First row of part p of {@code parts} (start(0) = 0, start(parts) = rows). Must depend
     * only on the matrix and {@code parts}. Called in the calling thread only, before the parts
     * run, so an implementation may cache. Default: equal row counts.
     */
    int partStart(int p, int parts) {
        return (int) ((long) rows * p / parts);
    }

    /** Multiply-adds of one X·v product (n·d for dense, nnz for sparse). */
    abstract long work();

    /**
     * Called in the calling thread before the parts of a product run: copy a shared operand,
     * grow scratch for {@code parts} parts and {@code k} columns. Default: nothing.
     *
     * @param forward true for X·v and X·M (operand of length d·k), false for Xᵀr, XᵀR
     * @param operand v, M, r or R. Not modified.
     */
    void prepare(boolean forward, double[] operand, int k, int parts) {
    }

    /** out[i] = xᵢᵀv for i in [i0, i1). v: not modified. out: rows i0…i1−1 modified. */
    abstract void multiplyRows(int part, int i0, int i1, double[] v, double[] out);

    /** target[0, d) = Σ_{i0 ≤ i &lt; i1} rᵢ xᵢ (overwritten). r: not modified. target: modified. */
    abstract void multiplyTransposedRows(int part, int i0, int i1, double[] r, double[] target);

    /** Rows i0…i1−1 of out (n×k) = rows of X·M. m: d×k, not modified. out: modified there. */
    abstract void multiplyRows(int part, int i0, int i1, double[] m, int k, double[] out);

    /** target[0, d·k) = Σ_{i0 ≤ i &lt; i1} xᵢ Rᵢ (d×k, overwritten). r: not modified. */
    abstract void multiplyTransposedRows(int part, int i0, int i1, double[] r, int k, double[] target);

    /** Copies row i (already checked) into out. */
    abstract void copyRow(int i, double[] out);

    /** Frees storage; called once by {@link #close()}. */
    abstract void release();
}
