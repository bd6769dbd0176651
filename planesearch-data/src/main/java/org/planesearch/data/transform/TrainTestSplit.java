package org.planesearch.data.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Dataset;
import org.planesearch.data.Labels;

/**
 * A seeded random train/test split.
 *
 * <p>The test part has t = round(n·f) rows, clamped to [1, n−1]. Without stratification a
 * Fisher–Yates shuffle from {@code new SplittableRandom(seed)} picks them. With stratification
 * each class (label key, in sorted order) gets ⌊n_c·f⌋ test rows and the remaining ones go to
 * the classes with the largest remainders n_c·f − ⌊n_c·f⌋ (ties: the earlier class), so the
 * total is still t; each class's rows are then drawn by its own shuffle. Both parts keep the
 * original row order. The same seed, options and data give the same split.
 *
 * <p>Thread-safe (no shared state).
 */
public final class TrainTestSplit {

    private TrainTestSplit() {
    }

    /**
     * The row indices of each part.
     *
     * @param labels the labels (only their count is used unless stratified)
     * @throws DataFormatException if there are fewer than 2 rows, or stratification is asked of
     *     unlabeled data
     */
    public static SplitIndices indices(Labels labels, SplitOptions options) throws DataFormatException {
        int n = labels.size();
        if (n < 2) {
            throw new DataFormatException(labels.source(), "has " + n + " row" + (n == 1 ? "" : "s")
                    + "; a train/test split needs at least 2");
        }
        int t = (int) Math.max(1, Math.min(n - 1, Math.round(n * options.testFraction())));
        SplittableRandom random = new SplittableRandom(options.seed());
        boolean[] inTest = new boolean[n];
        if (!options.stratified()) {
            int[] order = identity(n);
            shufflePrefix(order, t, random);
            for (int k = 0; k < t; k++) {
                inTest[order[k]] = true;
            }
        } else {
            if (!labels.isPresent()) {
                throw new DataFormatException(labels.source(), "has no labels; a stratified split needs them");
            }
            Map<String, List<Integer>> byClass = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                byClass.computeIfAbsent(labels.key(i), k -> new ArrayList<>()).add(i);
            }
            List<int[]> members = new ArrayList<>();
            for (List<Integer> rows : byClass.values()) {
                members.add(rows.stream().mapToInt(Integer::intValue).toArray());
            }
            int[] quota = quotas(members, t, options.testFraction());
            for (int c = 0; c < members.size(); c++) {
                int[] rows = members.get(c);
                shufflePrefix(rows, quota[c], random);
                for (int k = 0; k < quota[c]; k++) {
                    inTest[rows[k]] = true;
                }
            }
        }
        int[] train = new int[n - t];
        int[] test = new int[t];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            if (inTest[i]) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        return new SplitIndices(train, test);
    }

    /**
     * Splits a dataset into two new ones named "{name} [train]" and "{name} [test]" (each with a
     * copy of its rows; the input still owns its matrix).
     */
    public static Split split(Dataset data, SplitOptions options) throws DataFormatException {
        SplitIndices idx = indices(data.labels(), options);
        Dataset train = data.select(data.name() + " [train]", idx.train());
        Dataset test = data.select(data.name() + " [test]", idx.test());
        return new Split(train, test);
    }

    /** Test rows per class by the largest-remainder rule, summing to t. */
    private static int[] quotas(List<int[]> members, int t, double f) {
        int c = members.size();
        int[] quota = new int[c];
        double[] remainder = new double[c];
        int assigned = 0;
        for (int k = 0; k < c; k++) {
            double exact = members.get(k).length * f;
            quota[k] = (int) Math.floor(exact);
            remainder[k] = exact - quota[k];
            assigned += quota[k];
        }
        Integer[] order = new Integer[c];
        for (int k = 0; k < c; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (x, y) -> remainder[x] != remainder[y] ? Double.compare(remainder[y], remainder[x])
                : Integer.compare(x, y));
        // Hand out the rows still missing (or take back any excess), never beyond a class's size.
        for (int pass = 0; assigned < t && pass < c; pass++) {
            for (int k = 0; k < c && assigned < t; k++) {
                int cls = order[k];
                if (quota[cls] < members.get(cls).length) {
                    quota[cls]++;
                    assigned++;
                }
            }
        }
        for (int k = c - 1; k >= 0 && assigned > t; k--) {
            int cls = order[k];
            if (quota[cls] > 0) {
                quota[cls]--;
                assigned--;
            }
        }
        return quota;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Moves a uniformly random k-subset to the front (the first k steps of Fisher–Yates). */
    private static void shufflePrefix(int[] a, int k, SplittableRandom random) {
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(a.length - i);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }
}
