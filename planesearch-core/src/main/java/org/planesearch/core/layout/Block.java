package org.planesearch.core.layout;

import java.util.Arrays;

/**
 * One named block of a flat parameter vector: the entries {@code [offset, offset + length)}.
 *
 * <p>A block is a layer's weights, a bias vector, a linear model's intercepts. {@code shape} is
 * informational (for example {@code {d, c}} for a d×c weight matrix stored row-major) and its
 * product must equal {@code length}. {@code regularized} says whether the L2 penalty applies to
 * the block (intercepts and biases are not regularized by default).
 *
 * <p>Immutable and thread-safe.
 */
public record Block(String name, int offset, int length, int[] shape, boolean regularized) {

    public Block {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("block name must be non-empty, got '" + name + "'");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("block '" + name + "': offset must be >= 0, got " + offset);
        }
        if (length <= 0) {
            throw new IllegalArgumentException("block '" + name + "': length must be > 0, got " + length);
        }
        shape = shape == null ? new int[] {length} : shape.clone();
        long product = 1;
        for (int i = 0; i < shape.length; i++) {
            product *= shape[i];
        }
        if (product != length) {
            throw new IllegalArgumentException("block '" + name + "': shape " + Arrays.toString(shape)
                    + " has " + product + " entries but length is " + length);
        }
    }

    /** First index past the block. */
    public int end() {
        return offset + length;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Block b && b.name.equals(name) && b.offset == offset && b.length == length
                && Arrays.equals(b.shape, shape) && b.regularized == regularized;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * name.hashCode() + offset) + length) + Arrays.hashCode(shape) + (regularized ? 1 : 0);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + "@" + offset + (regularized ? "" : " (not regularized)");
    }
}
