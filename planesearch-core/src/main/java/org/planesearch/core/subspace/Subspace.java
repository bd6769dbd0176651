package org.planesearch.core.subspace;

import org.planesearch.core.layout.ParameterLayout;

/**
 * The directions D = [d₁ … dₖ] of one subspace step, described so that an evaluator can reuse
 * what it already knows. Each column is one of:
 * <ul>
 *   <li>a <em>fresh</em> vector (the negative gradient, an L-BFGS or Adam direction): its image
 *       under the data (X·d) costs one pass;</li>
 *   <li>a <em>previous step</em> x_{k−j+1} − x_{k−j} (lag j ≥ 1) that the evaluator itself
 *       recorded when it moved: its image is free (X·s = Xx_{k−j+1} − Xx_{k−j});</li>
 * </ul>
 * either over the whole vector (layer −1) or restricted to one {@link ParameterLayout} layer
 * (zero outside it), which is how per-layer rates are expressed: for the plane search split per
 * layer the columns are [−g|₁, s₁|₁, −g|₂, s₁|₂, …].
 *
 * <p>A step rule's state owns one {@code Subspace} of fixed capacity and refills it every
 * iteration with {@link #clear()} and the {@code add…} methods, which allocate nothing. Fresh
 * vectors are held by reference: the caller must not modify them while the subspace is in use.
 * Not thread-safe.
 */
public final class Subspace {

    /** Layer index meaning "the whole parameter vector". */
    public static final int WHOLE = -1;

    private final int capacity;
    private final double[][] vectors;
    private final int[] lags;
    private final int[] layers;
    private int size;

    public Subspace(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("subspace capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.vectors = new double[capacity][];
        this.lags = new int[capacity];
        this.layers = new int[capacity];
    }

    public int capacity() {
        return capacity;
    }

    /** k, the number of columns now. */
    public int size() {
        return size;
    }

    public void clear() {
        for (int j = 0; j < size; j++) {
            vectors[j] = null;
        }
        size = 0;
    }

    /** Appends a fresh direction over the whole vector; returns its column index. */
    public int addDirection(double[] direction) {
        return addDirection(direction, WHOLE);
    }

    /** Appends a fresh direction restricted to one layer; returns its column index. */
    public int addDirection(double[] direction, int layer) {
        if (direction == null) {
            throw new IllegalArgumentException("direction must not be null");
        }
        return append(direction, 0, layer);
    }

    /** Appends the previous step with the given lag (1 = the last step); returns its column index. */
    public int addPreviousStep(int lag) {
        return addPreviousStep(lag, WHOLE);
    }

    /** Appends the previous step with the given lag, restricted to one layer. */
    public int addPreviousStep(int lag, int layer) {
        if (lag < 1) {
            throw new IllegalArgumentException("lag must be >= 1, got " + lag);
        }
        return append(null, lag, layer);
    }

    private int append(double[] vector, int lag, int layer) {
        if (size == capacity) {
            throw new IllegalStateException("subspace is full (capacity " + capacity + ")");
        }
        if (layer < WHOLE) {
            throw new IllegalArgumentException("layer must be >= -1, got " + layer);
        }
        vectors[size] = vector;
        lags[size] = lag;
        layers[size] = layer;
        return size++;
    }

    /** True when column j is a previous step (its image is known to the evaluator). */
    public boolean isPreviousStep(int j) {
        check(j);
        return lags[j] > 0;
    }

    /** The fresh vector of column j (null for a previous step). */
    public double[] vector(int j) {
        check(j);
        return vectors[j];
    }

    /** The lag of column j (0 for a fresh vector). */
    public int lag(int j) {
        check(j);
        return lags[j];
    }

    /** The layer column j is restricted to (an index into {@link ParameterLayout#layers()}), or {@link #WHOLE}. */
    public int layer(int j) {
        check(j);
        return layers[j];
    }

    /** Number of columns whose image costs a pass (fresh vectors). */
    public int freshCount() {
        int c = 0;
        for (int j = 0; j < size; j++) {
            if (lags[j] == 0) {
                c++;
            }
        }
        return c;
    }

    private void check(int j) {
        if (j < 0 || j >= size) {
            throw new IndexOutOfBoundsException("column " + j + " of a subspace of size " + size);
        }
    }
}
