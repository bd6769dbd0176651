package org.planesearch.core.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An ordered list of {@link Block}s that tile one flat {@code double[]} parameter vector without
 * gaps or overlap: block 0 starts at 0 and each block starts where the previous one ends; and
 * its {@link Layer}s, runs of consecutive blocks that per-layer step rules (the
 * {@code :per-layer} methods) give coefficients of their own.
 *
 * <p>A network's layer is its weights and its bias, two blocks (one regularized, one not) that
 * share one learning rate; a linear model's weights and intercept are each a layer of their own.
 * Blocks added to a {@link Builder} after {@link Builder#layer(String)} belong to that layer until
 * the next call; a block added outside any layer is a layer by itself, of the block's name.
 *
 * <p>Per-layer algorithms walk the blocks by offset and never copy slices. Immutable and
 * thread-safe.
 */
public final class ParameterLayout {

    /**
     * A run of consecutive blocks [firstBlock, firstBlock + blockCount) covering the entries
     * [offset, offset + length) of the parameter vector.
     */
    public record Layer(String name, int offset, int length, int firstBlock, int blockCount) {

        /** First index past the layer. */
        public int end() {
            return offset + length;
        }
    }

    private final List<Block> blocks;
    private final List<Layer> layers;
    private final int dimension;

    private ParameterLayout(List<Block> blocks) {
        this(blocks, null);
    }

    /** layerOf[i] = the layer name of block i, or null for a layer of its own. */
    private ParameterLayout(List<Block> blocks, List<String> layerOf) {
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
        List<Layer> ls = new ArrayList<>();
        int i = 0;
        while (i < blocks.size()) {
            String layer = layerOf == null ? null : layerOf.get(i);
            int j = i + 1;
            while (layer != null && j < blocks.size() && layer.equals(layerOf.get(j))) {
                j++;
            }
            String name = layer == null ? blocks.get(i).name() : layer;
            for (Layer l : ls) {
                if (l.name().equals(name)) {
                    throw new IllegalArgumentException("duplicate layer name '" + name + "'");
                }
            }
            Block first = blocks.get(i);
            ls.add(new Layer(name, first.offset(), blocks.get(j - 1).end() - first.offset(), i, j - i));
            i = j;
        }
        this.layers = Collections.unmodifiableList(ls);
    }

    /** A layout of the given blocks, which must tile [0, dimension); each block is a layer. */
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

    /** How many layers (1 ≤ layers ≤ blocks). */
    public int layerCount() {
        return layers.size();
    }

    public Layer layer(int index) {
        return layers.get(index);
    }

    public List<Layer> layers() {
        return layers;
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
        return "ParameterLayout" + blocks + " in layers " + layers + " (dimension " + dimension + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterLayout p && p.blocks.equals(blocks) && p.layers.equals(layers);
    }

    @Override
    public int hashCode() {
        return 31 * blocks.hashCode() + layers.hashCode();
    }

    /** Appends blocks in order, computing offsets. */
    public static final class Builder {
        private final List<Block> blocks = new ArrayList<>();
        private final List<String> layerOf = new ArrayList<>();
        private String layer;
        private int next;

        private Builder() {
        }

        /**
         * The blocks added from now on belong to the layer of this name (until the next call;
         * null: each later block is a layer of its own). A layer's blocks must be added together.
         */
        public Builder layer(String name) {
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("layer name must be non-empty");
            }
            layer = name;
            return this;
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
            layerOf.add(layer);
            next += (int) length;
            return this;
        }

        public ParameterLayout build() {
            return new ParameterLayout(blocks, layerOf);
        }
    }
}
