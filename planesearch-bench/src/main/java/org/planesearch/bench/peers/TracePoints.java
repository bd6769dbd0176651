package org.planesearch.bench.peers;

import java.util.TreeSet;

/** Which of m recorded points to plot: about count of them, spaced evenly on a log scale, first and last included. */
final class TracePoints {

    private TracePoints() {
    }

    static int[] indices(int m, int count) {
        TreeSet<Integer> s = new TreeSet<>();
        if (m == 0) {
            return new int[0];
        }
        s.add(0);
        s.add(m - 1);
        for (int i = 1; i < count; i++) {
            s.add((int) Math.min(m - 1, Math.round(Math.pow(m, (double) i / count)) - 1));
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }
}
