package org.planesearch.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every part runs exactly once per run; a part's exception reaches the caller after all parts end. */
class WorkerPoolTest {

    private int threadsBefore;

    @BeforeEach
    void remember() {
        threadsBefore = Backend.threads();
    }

    @AfterEach
    void restore() {
        Backend.setThreads(threadsBefore);
    }

    @Test
    void runsEveryPartExactlyOnce() {
        Backend.setThreads(4);
        WorkerPool pool = WorkerPool.current();
        assertEquals(4, pool.threads());
        for (int parts = 1; parts <= 4; parts++) {
            AtomicIntegerArray counts = new AtomicIntegerArray(4);
            for (int rep = 0; rep < 200; rep++) {
                pool.run(counts::incrementAndGet, parts);
            }
            for (int p = 0; p < 4; p++) {
                assertEquals(p < parts ? 200 : 0, counts.get(p), "part " + p + " of " + parts);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> pool.run(p -> { }, 5));
        assertThrows(IllegalArgumentException.class, () -> pool.run(p -> { }, 0));
    }

    @Test
    void aFailingPartIsRethrownAndThePoolStaysUsable() {
        Backend.setThreads(3);
        WorkerPool pool = WorkerPool.current();
        IllegalStateException boom = new IllegalStateException("part 2 failed");
        AtomicIntegerArray ran = new AtomicIntegerArray(3);
        IllegalStateException seen = assertThrows(IllegalStateException.class, () -> pool.run(p -> {
            ran.incrementAndGet(p);
            if (p == 2) {
                throw boom;
            }
        }, 3));
        assertSame(boom, seen);
        assertEquals(1, ran.get(0), "part 0 ran");
        assertEquals(1, ran.get(1), "part 1 ran");
        AtomicIntegerArray counts = new AtomicIntegerArray(3);
        pool.run(counts::incrementAndGet, 3);
        for (int p = 0; p < 3; p++) {
            assertEquals(1, counts.get(p), "after a failure, part " + p);
        }
    }
}
