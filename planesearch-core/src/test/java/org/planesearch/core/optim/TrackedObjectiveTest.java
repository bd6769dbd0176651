package org.planesearch.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.planesearch.core.testing.Quadratic;

/** Listeners see x_k through the decorator, and the run is the same as with the bare objective. */
class TrackedObjectiveTest {

    @Test
    void listenersSeeTheIterateOfEachRecordAndTheTrajectoryIsUnchanged() {
        Quadratic q = Quadratic.randomSpd(6, 50, new SplittableRandom(7));
        TrackedObjective tracked = TrackedObjective.of(q);
        assertNull(tracked.current());
        assertEquals(q.dimension(), tracked.dimension());
        Optimizer optimizer = Method.parse("gd+ps").optimizer(StopCriterion.maxIterations(25));
        double[] x0 = {1, -2, 3, 0.5, -1, 2};
        List<double[]> seen = new ArrayList<>();
        List<IterationRecord> records = new ArrayList<>();
        OptimizationResult r = optimizer.minimize(tracked, x0, record -> {
            seen.add(tracked.current().clone());
            records.add(record);
            return true;
        });
        assertArrayEquals(x0, seen.get(0), "iteration 0: the start");
        for (int k = 0; k < records.size(); k++) {
            assertEquals(records.get(k).value(), q.value(seen.get(k)), 1e-12 * Math.max(1, Math.abs(records.get(k).value())),
                    "f(current()) at iteration " + k);
        }
        assertArrayEquals(r.x(), seen.get(seen.size() - 1), "the last record's iterate is the result");
        OptimizationResult bare = optimizer.minimize(q, x0);
        assertArrayEquals(bare.x(), r.x(), "the decorator changes nothing");
        assertEquals(bare.dataPasses(), r.dataPasses());
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> TrackedObjective.of(null));
    }
}
