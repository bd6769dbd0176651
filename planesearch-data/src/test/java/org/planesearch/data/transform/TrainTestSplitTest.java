package org.planesearch.data.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.planesearch.data.DataTestSupport.failsWith;
import static org.planesearch.data.DataTestSupport.toArray;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.planesearch.core.linalg.Matrices;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Dataset;
import org.planesearch.data.Labels;
import org.planesearch.data.Storage;

class TrainTestSplitTest {

    private static Labels labels(int n, int classes) {
        String[] raw = new String[n];
        for (int i = 0; i < n; i++) {
            // Unbalanced classes: class c has about twice as many rows as class c+1.
            int c = 0;
            int k = i % ((1 << classes) - 1);
            while (k >= (1 << (classes - 1 - c))) {
                k -= 1 << (classes - 1 - c);
                c++;
            }
            raw[i] = "class" + c;
        }
        return Labels.of("data", raw, null);
    }

    @Test
    void sameSeedGivesTheSameSplitAndAnotherSeedAnother() throws DataFormatException {
        Labels l = labels(500, 3);
        SplitOptions o = SplitOptions.defaults();
        SplitIndices a = TrainTestSplit.indices(l, o);
        SplitIndices b = TrainTestSplit.indices(l, o);
        assertArrayEquals(a.train(), b.train());
        assertArrayEquals(a.test(), b.test());
        SplitIndices c = TrainTestSplit.indices(l, o.withSeed(43));
        assertFalse(Arrays.equals(a.test(), c.test()));
        SplitIndices s1 = TrainTestSplit.indices(l, o.withStratified(true));
        SplitIndices s2 = TrainTestSplit.indices(l, o.withStratified(true));
        assertArrayEquals(s1.test(), s2.test());
    }

    @Property(tries = 100)
    void partsArePartitionOfAllRowsInOrderWithTheRequestedSize(@ForAll @IntRange(min = 2, max = 400) int n,
            @ForAll @DoubleRange(min = 0.01, max = 0.99) double f, @ForAll long seed, @ForAll boolean stratified,
            @ForAll @IntRange(min = 1, max = 4) int classes) throws DataFormatException {
        SplitIndices s = TrainTestSplit.indices(labels(n, classes), new SplitOptions(f, seed, stratified));
        long expected = Math.max(1, Math.min(n - 1, Math.round(n * f)));
        assertEquals(expected, s.test().length);
        assertEquals(n, s.train().length + s.test().length);
        int[] all = new int[n];
        System.arraycopy(s.train(), 0, all, 0, s.train().length);
        System.arraycopy(s.test(), 0, all, s.train().length, s.test().length);
        assertTrue(isIncreasing(s.train()) && isIncreasing(s.test()));
        Arrays.sort(all);
        for (int i = 0; i < n; i++) {
            assertEquals(i, all[i]);
        }
    }

    @Property(tries = 100)
    void stratifiedSplitGivesEachClassItsShareWithinOneRow(@ForAll @IntRange(min = 10, max = 400) int n,
            @ForAll @DoubleRange(min = 0.05, max = 0.95) double f, @ForAll long seed,
            @ForAll @IntRange(min = 2, max = 4) int classes) throws DataFormatException {
        Labels l = labels(n, classes);
        SplitIndices s = TrainTestSplit.indices(l, new SplitOptions(f, seed, true));
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> test = new HashMap<>();
        for (int i = 0; i < n; i++) {
            total.merge(l.get(i), 1, Integer::sum);
        }
        for (int i : s.test()) {
            test.merge(l.get(i), 1, Integer::sum);
        }
        for (Map.Entry<String, Integer> e : total.entrySet()) {
            double exact = e.getValue() * f;
            int got = test.getOrDefault(e.getKey(), 0);
            assertTrue(Math.abs(got - exact) < 1 + 1e-9 || got == e.getValue(),
                    () -> e.getKey() + ": " + got + " test rows, exact share " + exact);
        }
    }

    @Test
    void splitDatasetsCarryTheirRowsAndLabels() throws DataFormatException {
        int n = 10;
        double[] x = new double[n * 2];
        String[] raw = new String[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            raw[i] = Integer.toString(i % 2);
        }
        try (Dataset d = new Dataset("d", Matrices.dense(n, 2, x), Storage.DENSE, Labels.of("d", raw, null),
                List.of("a", "b"));
                Split split = TrainTestSplit.split(d, SplitOptions.defaults().withTestFraction(0.3))) {
            assertEquals(7, split.train().rows());
            assertEquals(3, split.test().rows());
            double[][] t = toArray(split.test().features());
            for (int k = 0; k < t.length; k++) {
                int i = (int) t[k][0];
                assertEquals(-i, t[k][1], 0.0);
                assertEquals(Integer.toString(i % 2), split.test().labels().get(k));
            }
            assertEquals("d [test]", split.test().name());
        }
    }

    @Test
    void tooFewRowsOrUnlabeledStratificationAreErrors() {
        failsWith(() -> TrainTestSplit.indices(Labels.of("one", new String[] {"1"}, null), SplitOptions.defaults()),
                "one", "has 1 row", "at least 2");
        failsWith(() -> TrainTestSplit.indices(Labels.none("p", 10), SplitOptions.defaults().withStratified(true)),
                "p", "has no labels");
        assertThrows(IllegalArgumentException.class, () -> SplitOptions.defaults().withTestFraction(1.0));
        assertThrows(IllegalArgumentException.class, () -> SplitOptions.defaults().withTestFraction(Double.NaN));
    }

    private static boolean isIncreasing(int[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i] <= a[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
