package org.planesearch.core.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An ordered list of {@link Block}s that tile one flat {@code double[]} parameter vector without
 * gaps or overlap: block 0 starts at 0 and each block starts where the previous one ends.
 *
 * <p>Per-layer algorithms walk the blocks by offset and never copy slices. Immutable and
 * thread-safe.
 */
public final class ParameterLayout {

    private final List<Block> blocks;
    private final int dimension;

    private ParameterLayout(List<Block> blocks) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a layout needs at least one block");
        }
        int next = 0;
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            if (b.offset() != next) {
                throw new IllegalArgumentException("block '" + b.name() + "' starts at " + b.offset()
                        + " but the previous block ends at " + next + ": blocks must tile the vector");
            }
            for (int j = 0; j < i; j++) {
                if (blocks.get(j).name().equals(b.name())) {
                    throw new IllegalArgumentException("duplicate block name '" + b.name() + "'");
                }
            }
            next = b.end();
        }
        this.blocks = Collections.unmodifiableList(new ArrayList<>(blocks));
        this.dimension = next;
    }

    /** A layout of the given blocks, which must tile [0, dimension). */
    public static ParameterLayout of(List<Block> blocks) {
        return new ParameterLayout(blocks);
    }

    /** A layout with one regularized block named "w" of the given length. */
    public static ParameterLayout single(int dimension) {
        return new ParameterLayout(List.of(new Block("w", 0, dimension, null, true)));
    }

    /** Starts a layout; blocks are appended in order. */
    public static Builder builder() {
        return new Builder();
    }

    public int dimension() {
        return dimension;
    }

    public int blockCount() {
        return blocks.size();
    }

    public Block block(int index) {
        return blocks.get(index);
    }

    public List<Block> blocks() {
        return blocks;
    }

    /** Index of the block with the given name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "ParameterLayout" + blocks + " (dimension " + dimension + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterLayout p && p.blocks.equals(blocks);
    }

    @Override
    public int hashCode() {
        return blocks.hashCode();
    }

    /** Appends blocks in order, computing offsets. */
    public static final class Builder {
        private final List<Block> blocks = new ArrayList<>();
        private int next;

        private Builder() {
        }

        /** Appends a block of the given shape (row-major), regularized or not. */
        public Builder add(String name, boolean regularized, int... shape) {
            long length = 1;
            for (int s : shape) {
                if (s <= 0) {
                    throw new IllegalArgumentException("block '" + name + "': every shape entry must be > 0");
                }
                length *= s;
            }
            if (next + length > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("block '" + name + "': the parameter vector would exceed "
                        + (Integer.MAX_VALUE - 8) + " entries");
            }
            blocks.add(new Block(name, next, (int) length, shape, regularized));
            next += (int) length;
            return this;
        }

        public ParameterLayout build() {
            return new ParameterLayout(blocks);
        }
    }
}
