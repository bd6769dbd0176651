package org.planesearch.spark.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.planesearch.core.linalg.DataMatrix;

/**
 * Training data cached on a Spark cluster: an RDD with one {@link Block} per partition (a
 * partition with no rows holds none), with the totals a run needs (n, d, the label range).
 * Built from a DataFrame with a vector column and a label column (dense and sparse vectors, even
 * mixed), from an RDD of row blocks, or from a matrix in the driver's memory (the command line).
 *
 * <p>The RDD is persisted ({@link #STORAGE}: deserialized in memory, spilled to disk when memory
 * runs short) by the job that counts the totals, so everything after that reads the cached blocks.
 * {@link #release()} unpersists it. Immutable handle; the RDD is Spark's.
 */
public final class TrainingBlocks implements AutoCloseable {

    /** Deserialized in memory (a trial reads no block, a pass reads them in place), disk when short. */
    public static final StorageLevel STORAGE = StorageLevel.MEMORY_AND_DISK();

    /** The name of the cached RDD in Spark's UI and listeners. */
    public static final String RDD_NAME = "planesearch training blocks";

    /** Below this fraction of stored entries a partition of mixed or sparse vectors is kept as CSR. */
    public static final double SPARSE_DENSITY = 0.5;

    private final JavaRDD<Block> rdd;
    private final long rows;
    private final int cols;
    private final long nonZeros;
    private final double minLabel;
    private final double maxLabel;
    private final int partitions;

    private TrainingBlocks(JavaRDD<Block> rdd, Stats stats) {
        this.rdd = rdd;
        this.rows = stats.rows;
        this.cols = stats.cols;
        this.nonZeros = stats.nonZeros;
        this.minLabel = stats.minLabel;
        this.maxLabel = stats.maxLabel;
        this.partitions = rdd.getNumPartitions();
    }

    /** How labels are read from the label column. */
    public enum Labels {
        /** As they are (class indices, regression targets). */
        AS_IS,
        /** Binary classes 0 and 1 (Spark ML's convention) to −1 and +1 (the library's). */
        ZERO_ONE_TO_PLUS_MINUS_ONE
    }

    /**
     * Blocks from a DataFrame's vector column and numeric label column, one per partition (the
     * DataFrame's partitioning is kept), and caches them: one job.
     *
     * @throws IllegalArgumentException for no rows, vectors of different sizes, a non-finite
     *     feature or label, or (ZERO_ONE_TO_PLUS_MINUS_ONE) a label other than 0 or 1 — naming the
     *     value
     */
    public static TrainingBlocks fromDataFrame(Dataset<Row> data, String featuresCol, String labelCol, Labels labels) {
        JavaRDD<Row> rows = data.select(featuresCol, labelCol).javaRDD();
        JavaRDD<Block> blocks = rows.mapPartitions(it -> fromRows(it, labels));
        return cache(blocks);
    }

    /**
     * Caches an RDD of row blocks the caller made (at most one {@link Block} per partition, all
     * with the same column count; labels in the model's convention) and counts the totals: one job.
     * An RDD made by {@code parallelize} carries its blocks inside every task that reaches it:
     * checkpoint it first, or use {@link #fromMatrix}, which does.
     *
     * @throws IllegalArgumentException for no rows, or blocks of different widths
     */
    public static TrainingBlocks fromBlocks(JavaRDD<Block> blocks) {
        if (blocks == null) {
            throw new IllegalArgumentException("blocks must not be null");
        }
        JavaRDD<Block> one = blocks.mapPartitions(it -> {
            if (!it.hasNext()) {
                return Collections.emptyIterator();
            }
            Block b = it.next();
            if (it.hasNext()) {
                throw new IllegalArgumentException("a partition holds more than one block; give one block per partition");
            }
            return Collections.singletonList(b).iterator();
        });
        return cache(one);
    }

    /**
     * Blocks from a matrix and labels in the driver's memory, cut into {@code partitions}
     * contiguous row ranges, shipped to the executors once by the job that caches and checkpoints
     * them (so that no later task carries them again). Rows are kept as CSR when {@code sparse},
     * dense otherwise. labels: in the model's convention.
     */
    public static TrainingBlocks fromMatrix(JavaSparkContext sc, DataMatrix x, double[] labels, int partitions,
                                            boolean sparse) {
        if (x == null || labels == null || labels.length != x.rows()) {
            throw new IllegalArgumentException("need a matrix and one label per row");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        int n = x.rows();
        int d = x.cols();
        int p = Math.min(partitions, n);
        List<Block> list = new ArrayList<>(p);
        double[] row = new double[d];
        for (int part = 0; part < p; part++) {
            int from = (int) ((long) n * part / p);
            int to = (int) ((long) n * (part + 1) / p);
            BlockBuilder b = new BlockBuilder(d, sparse);
            for (int i = from; i < to; i++) {
                x.row(i, row);
                b.addDense(row, labels[i]);
            }
            list.add(b.build(sparse));
        }
        return cache(sc.parallelize(list, p), true);
    }

    private static TrainingBlocks cache(JavaRDD<Block> blocks) {
        return cache(blocks, false);
    }

    /**
     * Persists and counts the blocks. shipped: the blocks come from the driver (parallelize), whose
     * partitions carry the data itself; every later task whose lineage reaches them would carry a
     * whole block again, so the lineage is cut by a checkpoint taken by the counting job (reliable
     * when the context has a checkpoint directory, local otherwise).
     */
    private static TrainingBlocks cache(JavaRDD<Block> blocks, boolean shipped) {
        blocks.setName(RDD_NAME);
        blocks.persist(STORAGE);
        if (shipped) {
            if (blocks.context().getCheckpointDir().isDefined()) {
                blocks.checkpoint();
            } else {
                blocks.rdd().localCheckpoint();
            }
        }
        Stats stats;
        try {
            stats = blocks.map(Stats::of).reduce(Stats::merge);
        } catch (UnsupportedOperationException e) {
            // reduce of an RDD without elements
            stats = null;
        } catch (Exception e) {
            blocks.unpersist(false);
            throw unwrap(e);
        }
        if (stats == null || stats.rows == 0) {
            blocks.unpersist(false);
            throw new IllegalArgumentException("the training data has no rows");
        }
        return new TrainingBlocks(blocks, stats);
    }

    /** Spark wraps a task's exception; a bad input's message is the one to show. */
    private static RuntimeException unwrap(Exception e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof IllegalArgumentException iae) {
                return new IllegalArgumentException(iae.getMessage(), e);
            }
            t = t.getCause();
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException("a Spark job failed: " + e.getMessage(), e);
    }

    private static Iterator<Block> fromRows(Iterator<Row> it, Labels labels) {
        BlockBuilder b = null;
        while (it.hasNext()) {
            Row r = it.next();
            Object f = r.get(0);
            if (!(f instanceof Vector v)) {
                throw new IllegalArgumentException("the features column must hold vectors, found "
                        + (f == null ? "null" : f.getClass().getSimpleName()));
            }
            if (r.isNullAt(1)) {
                throw new IllegalArgumentException("the label column holds a null");
            }
            double y = ((Number) r.get(1)).doubleValue();
            if (labels == Labels.ZERO_ONE_TO_PLUS_MINUS_ONE) {
                if (y != 0 && y != 1) {
                    throw new IllegalArgumentException("binary label " + y + "; expected 0 or 1");
                }
                y = y == 1 ? 1.0 : -1.0;
            }
            if (b == null) {
                b = new BlockBuilder(v.size(), v instanceof SparseVector);
            } else if (v.size() != b.cols) {
                throw new IllegalArgumentException("feature vectors of different sizes: " + b.cols + " and " + v.size());
            }
            if (v instanceof SparseVector s) {
                b.addSparse(s.indices(), s.values(), y);
            } else {
                b.addDense(((DenseVector) v).values(), y);
            }
        }
        return b == null ? Collections.emptyIterator() : Collections.singletonList(b.build(false)).iterator();
    }

    /** The cached RDD: one block per non-empty partition. */
    public JavaRDD<Block> rdd() {
        return rdd;
    }

    /** n, all rows. */
    public long rows() {
        return rows;
    }

    /** d, the features. */
    public int cols() {
        return cols;
    }

    public long nonZeros() {
        return nonZeros;
    }

    public double minLabel() {
        return minLabel;
    }

    public double maxLabel() {
        return maxLabel;
    }

    public int partitions() {
        return partitions;
    }

    /** Unpersists the blocks (not blocking). */
    public void release() {
        rdd.unpersist(false);
    }

    @Override
    public void close() {
        release();
    }

    @Override
    public String toString() {
        return "TrainingBlocks[" + rows + "×" + cols + ", " + partitions + " partitions, " + nonZeros + " stored entries]";
    }

    /** Totals over blocks, merged by the counting job. */
    private record Stats(long rows, int cols, long nonZeros, double minLabel, double maxLabel) implements Serializable {
        static Stats of(Block b) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double y : b.labels()) {
                lo = Math.min(lo, y);
                hi = Math.max(hi, y);
            }
            return new Stats(b.rows(), b.cols(), b.nonZeros(), lo, hi);
        }

        Stats merge(Stats o) {
            if (o.cols != cols) {
                throw new IllegalArgumentException("feature vectors of different sizes: " + cols + " and " + o.cols);
            }
            return new Stats(rows + o.rows, cols, nonZeros + o.nonZeros, Math.min(minLabel, o.minLabel),
                    Math.max(maxLabel, o.maxLabel));
        }
    }

    /**
     * Collects a partition's rows: dense rows into chunks of {@link #CHUNK_ROWS} rows (the final
     * array is allocated once, at the end), sparse rows into growable CSR arrays. Starts dense or
     * CSR by the first row; a sparse row arriving while dense switches to CSR when the rows so far
     * are below {@link #SPARSE_DENSITY}; a CSR block at or above it is stored dense.
     */
    private static final class BlockBuilder {
        static final int CHUNK_ROWS = 1024;

        final int cols;
        boolean csr;
        int rows;
        long nonZeros;
        double[] labels = new double[16];
        // dense: full chunks, then the current one
        List<double[]> chunks = new ArrayList<>();
        double[] current;
        // CSR
        int[] rowPtr;
        int[] colIdx;
        double[] values;

        BlockBuilder(int cols, boolean csr) {
            if (cols < 1) {
                throw new IllegalArgumentException("feature vectors must have at least one entry, got size " + cols);
            }
            this.cols = cols;
            if (csr) {
                startCsr();
            }
        }

        private void startCsr() {
            csr = true;
            rowPtr = new int[Math.max(17, labels.length + 1)];
            colIdx = new int[64];
            values = new double[64];
        }

        void addDense(double[] row, double label) {
            checkLabel(label);
            if (csr) {
                int p = rowPtr[rows];
                ensure((long) p + cols);
                for (int j = 0; j < cols; j++) {
                    double v = checkValue(j, row[j]);
                    if (v != 0) {
                        colIdx[p] = j;
                        values[p++] = v;
                    }
                }
                finishCsrRow(p, label);
                return;
            }
            double[] chunk = denseRow();
            int base = (rows % CHUNK_ROWS) * cols;
            for (int j = 0; j < cols; j++) {
                double v = checkValue(j, row[j]);
                chunk[base + j] = v;
                if (v != 0) {
                    nonZeros++;
                }
            }
            finishDenseRow(label);
        }

        void addSparse(int[] idx, double[] val, double label) {
            checkLabel(label);
            if (!csr && nonZeros + idx.length < SPARSE_DENSITY * (rows + 1) * (double) cols) {
                toCsr();
            }
            int last = -1;
            if (csr) {
                int p = rowPtr[rows];
                ensure((long) p + idx.length);
                for (int e = 0; e < idx.length; e++) {
                    int j = checkIndex(idx[e], last);
                    last = j;
                    double v = checkValue(j, val[e]);
                    if (v != 0) {
                        colIdx[p] = j;
                        values[p++] = v;
                    }
                }
                finishCsrRow(p, label);
                return;
            }
            double[] chunk = denseRow();
            int base = (rows % CHUNK_ROWS) * cols;
            java.util.Arrays.fill(chunk, base, base + cols, 0.0);
            for (int e = 0; e < idx.length; e++) {
                int j = checkIndex(idx[e], last);
                last = j;
                double v = checkValue(j, val[e]);
                chunk[base + j] = v;
                if (v != 0) {
                    nonZeros++;
                }
            }
            finishDenseRow(label);
        }

        private int checkIndex(int j, int last) {
            if (j <= last || j < 0 || j >= cols) {
                throw new IllegalArgumentException("sparse vector index " + j + " out of order or out of range [0, "
                        + cols + ")");
            }
            return j;
        }

        private static double checkValue(int j, double v) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("feature " + j + " of a row is " + v + "; features must be finite");
            }
            return v;
        }

        private static void checkLabel(double label) {
            if (!Double.isFinite(label)) {
                throw new IllegalArgumentException("label " + label + "; labels must be finite");
            }
        }

        /** The chunk that takes the next dense row. */
        private double[] denseRow() {
            if (rows % CHUNK_ROWS == 0) {
                if ((long) (rows + CHUNK_ROWS) * cols > Integer.MAX_VALUE - 8 && (long) (rows + 1) * cols > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("a dense partition of more than " + rows + "×" + cols
                            + " values does not fit one Java array; repartition the data into more partitions");
                }
                current = new double[CHUNK_ROWS * cols];
                chunks.add(current);
            }
            return current;
        }

        private void finishDenseRow(double label) {
            growLabels();
            labels[rows++] = label;
        }

        private void finishCsrRow(int end, double label) {
            growLabels();
            if (rows + 2 > rowPtr.length) {
                rowPtr = java.util.Arrays.copyOf(rowPtr, rowPtr.length * 2);
            }
            labels[rows++] = label;
            rowPtr[rows] = end;
            nonZeros = end;
        }

        private void growLabels() {
            if (rows == labels.length) {
                labels = java.util.Arrays.copyOf(labels, labels.length * 2);
            }
        }

        private void ensure(long capacity) {
            if (capacity > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a partition holds more than " + (Integer.MAX_VALUE - 8)
                        + " non-zeros; repartition the data into more partitions");
            }
            if (capacity > values.length) {
                int size = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(capacity, 2L * values.length));
                colIdx = java.util.Arrays.copyOf(colIdx, size);
                values = java.util.Arrays.copyOf(values, size);
            }
        }

        /** Moves the dense rows so far into CSR arrays. */
        private void toCsr() {
            List<double[]> old = chunks;
            int n = rows;
            chunks = new ArrayList<>();
            current = null;
            startCsr();
            rowPtr = new int[Math.max(17, labels.length + 1)];
            ensure(Math.max(64, nonZeros));
            int p = 0;
            for (int i = 0; i < n; i++) {
                double[] chunk = old.get(i / CHUNK_ROWS);
                int base = (i % CHUNK_ROWS) * cols;
                for (int j = 0; j < cols; j++) {
                    double v = chunk[base + j];
                    if (v != 0) {
                        colIdx[p] = j;
                        values[p++] = v;
                    }
                }
                rowPtr[i + 1] = p;
            }
        }

        /** The block: CSR when built as CSR and (unless keepCsr) below {@link #SPARSE_DENSITY}. */
        Block build(boolean keepCsr) {
            double[] y = java.util.Arrays.copyOf(labels, rows);
            if (csr && (keepCsr || nonZeros < SPARSE_DENSITY * rows * (double) cols)) {
                int nnz = rowPtr[rows];
                return Block.sparse(rows, cols, java.util.Arrays.copyOf(rowPtr, rows + 1),
                        java.util.Arrays.copyOf(colIdx, nnz), java.util.Arrays.copyOf(values, nnz), y);
            }
            if ((long) rows * cols > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a dense partition of " + rows + "×" + cols
                        + " values does not fit one Java array; repartition the data into more partitions");
            }
            double[] dense = new double[rows * cols];
            if (csr) {
                for (int i = 0; i < rows; i++) {
                    int base = i * cols;
                    for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                        dense[base + colIdx[p]] = values[p];
                    }
                }
            } else {
                int chunkLength = CHUNK_ROWS * cols;
                for (int c = 0; c < chunks.size(); c++) {
                    int from = c * chunkLength;
                    System.arraycopy(chunks.get(c), 0, dense, from, Math.min(chunkLength, dense.length - from));
                    chunks.set(c, null);
                }
            }
            return Block.dense(rows, cols, dense, y);
        }
    }
}
