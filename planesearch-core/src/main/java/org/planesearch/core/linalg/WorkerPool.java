package org.planesearch.core.linalg;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads that run the parts of a product: the calling thread runs part 0, T − 1 daemon
 * workers run parts 1 … T − 1. One pool per process ({@link #current()}), sized by
 * {@link Backend#setThreads(int)}.
 *
 * <p>Determinism: a product is cut into parts by a rule that depends only on the shapes and the
 * part count, and each part computes the same numbers whichever thread runs it. So when the pool
 * is busy with another caller's product, or a part itself asks for a product, the parts simply
 * run one after another in the calling thread: same partition, same bits, just slower.
 *
 * <p>No allocation per call: the task object is supplied by the caller (each matrix keeps one),
 * and waking a worker is a volatile write plus {@link LockSupport#unpark(Thread)}. Idle workers
 * spin for {@link #SPIN_NANOS} before parking, so back-to-back products do not pay a wake-up.
 *
 * <p>Thread-safe.
 */
final class WorkerPool {

    /** A product split into parts; {@link #runPart(int)} is called once for each part. */
    interface PartitionedTask extends Parallel.PartTask {
    }

    /**
     * How long an idle worker (or a caller waiting for its workers) spins before parking: long
     * enough to bridge two products issued back to back, short enough not to steal a core from
     * the single-threaded code between products on a 2-core machine.
     */
    static final long SPIN_NANOS = 20_000;

    private static final Object LOCK = new Object();
    private static volatile WorkerPool current;

    private final Worker[] workers;
    private final ReentrantLock busy = new ReentrantLock();
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile Thread waiter;
    private volatile Throwable failure;
    private volatile boolean shutdown;

    private WorkerPool(int threads) {
        workers = new Worker[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w + 1);
            workers[w].start();
        }
    }

    /** The process-wide pool, created on first use with the default thread count. */
    static WorkerPool current() {
        WorkerPool pool = current;
        if (pool == null) {
            synchronized (LOCK) {
                pool = current;
                if (pool == null) {
                    pool = new WorkerPool(Runtime.getRuntime().availableProcessors());
                    current = pool;
                }
            }
        }
        return pool;
    }

    /**
     * Replaces the process-wide pool by one with {@code threads} threads (the caller counts as
     * one). A product already running on the old pool finishes on it first.
     */
    static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        synchronized (LOCK) {
            WorkerPool old = current;
            if (old != null && old.threads() == threads) {
                return;
            }
            current = new WorkerPool(threads);
            if (old != null) {
                old.shutdown();
            }
        }
    }

    /** T: the calling thread plus the workers. */
    int threads() {
        return workers.length + 1;
    }

    /**
     * Runs {@code task.runPart(p)} for p = 0 … parts − 1 and returns when all are done. An
     * exception thrown by a part is rethrown here (the first one seen), after all parts ended.
     *
     * @param task the work. Not modified by the pool.
     * @param parts 1 ≤ parts ≤ {@link #threads()}
     */
    void run(Parallel.PartTask task, int parts) {
        if (parts < 1 || parts > threads()) {
            throw new IllegalArgumentException("parts must be in [1, " + threads() + "], got " + parts);
        }
        if (parts == 1 || busy.isHeldByCurrentThread() || !busy.tryLock()) {
            for (int p = 0; p < parts; p++) {
                task.runPart(p);
            }
            return;
        }
        try {
            if (shutdown) {
                for (int p = 0; p < parts; p++) {
                    task.runPart(p);
                }
                return;
            }
            failure = null;
            waiter = Thread.currentThread();
            remaining.set(parts - 1);
            for (int w = 0; w < parts - 1; w++) {
                workers[w].assign(task);
            }
            Throwable own = null;
            try {
                task.runPart(0);
            } catch (RuntimeException | Error e) {
                own = e;
            }
            awaitWorkers();
            Throwable first = own != null ? own : failure;
            if (first instanceof RuntimeException) {
                throw (RuntimeException) first;
            }
            if (first instanceof Error) {
                throw (Error) first;
            }
        } finally {
            waiter = null;
            busy.unlock();
        }
    }

    private void awaitWorkers() {
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (remaining.get() != 0) {
            if (System.nanoTime() < deadline) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    private void shutdown() {
        busy.lock();
        try {
            shutdown = true;
            for (int w = 0; w < workers.length; w++) {
                LockSupport.unpark(workers[w]);
            }
        } finally {
            busy.unlock();
        }
    }

    private final class Worker extends Thread {
        private final int part;
        private volatile Parallel.PartTask task;

        Worker(int part) {
            super("planesearch-linalg-" + part);
            this.part = part;
            setDaemon(true);
        }

        void assign(Parallel.PartTask t) {
            task = t;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (!shutdown) {
                Parallel.PartTask t = task;
                if (t == null) {
                    if (System.nanoTime() - idleSince < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                    continue;
                }
                task = null;
                try {
                    t.runPart(part);
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                if (remaining.decrementAndGet() == 0) {
                    LockSupport.unpark(waiter);
                }
                idleSince = System.nanoTime();
            }
        }
    }
}
