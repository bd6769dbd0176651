package org.planesearch.spark.objective;

import java.io.Serializable;

/**
 * Called at the start of every partition task of a distributed run, on the executor: the seam
 * through which tests inject a failure (an exception thrown here fails that task attempt, which
 * Spark retries). Package-private: not part of the API.
 */
@FunctionalInterface
interface TaskHook extends Serializable {

    /** The evaluator operation a task belongs to. */
    enum Phase { START, RESTRICT, TRIAL, MOVE }

    /**
     * @param phase the operation
     * @param sequence the operation's running number within the run (the n-th move, the n-th trial …), from 1
     */
    void beforeTask(Phase phase, long sequence);
}
