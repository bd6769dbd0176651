package org.planesearch.data.read;

import java.util.Arrays;
import java.util.HashMap;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Labels;

/**
 * The raw labels of a text file and their line numbers, collected row by row in arrays that grow
 * with the data read, each growth counted against the read's {@link MemoryBudget}. Equal label
 * strings share one instance (up to {@value #POOL_SIZE} distinct ones), so a classification file
 * holds a reference per row rather than a string per row; labels beyond the pool (regression
 * targets) are counted at their size. Not thread-safe.
 */
final class LabelBuffer {

    /** Distinct labels kept as shared instances. */
    static final int POOL_SIZE = 4096;

    private static final int INITIAL = 1024;

    private final String name;
    private final MemoryBudget budget;
    private final HashMap<String, String> pool = new HashMap<>();
    private String[] labels;
    private long[] lines;
    private int size;

    LabelBuffer(String name, MemoryBudget budget) throws DataFormatException {
        this.name = name;
        this.budget = budget;
        budget.reserve(16L * INITIAL, "the first labels");
        labels = new String[INITIAL];
        lines = new long[INITIAL];
    }

    /** Appends the label of the next row, read at {@code line}. */
    void add(String label, long line) throws DataFormatException {
        if (size == labels.length) {
            int cap = RowBuffer.grow(name, size, size + 1L);
            budget.reserve(16L * cap, size + " labels");
            labels = Arrays.copyOf(labels, cap);
            lines = Arrays.copyOf(lines, cap);
            budget.release(16L * size);
        }
        String shared = pool.get(label);
        if (shared == null) {
            budget.reserve(MemoryBudget.STRING_OVERHEAD + 2L * label.length(), size + " labels");
            if (pool.size() < POOL_SIZE) {
                pool.put(label, label);
            }
            shared = label;
        }
        labels[size] = shared;
        lines[size] = line;
        size++;
    }

    /** Labels added so far. */
    int size() {
        return size;
    }

    /** The labels, named by {@code source}; counts the copies {@link Labels#of} makes. */
    Labels build(String source) throws DataFormatException {
        budget.reserve(40L * size, "the " + size + " labels");
        return Labels.of(source, Arrays.copyOf(labels, size), Arrays.copyOf(lines, size));
    }
}
