package org.planesearch.data;

/** How a reader stores the features it reads. */
public enum Storage {
    /** Compressed sparse rows ({@code Matrices.csr}); values in float64. */
    SPARSE,
    /** Dense row-major float64 ({@code Matrices.dense}). */
    DENSE,
    /** Dense row-major float32 ({@code Matrices.denseFloat}): half the memory and bandwidth. */
    DENSE_FLOAT;

    /** True for the two dense storages. */
    public boolean isDense() {
        return this != SPARSE;
    }
}
