package org.planesearch.core.optim;

/**
 * Receives every {@link IterationRecord} of a run, in order, starting with iteration 0 (the
 * starting point), and may stop the run. Per-iteration facts go here, never to logs.
 *
 * <p>Called on the optimizer's thread, after the iteration is complete and before the stop
 * criterion is checked; every listener sees every record, including the last one.
 */
@FunctionalInterface
public interface IterationListener {

    /**
     * Observes one iteration. Returns true to let the run go on, false to stop it: the run then
     * ends with {@link Termination#STOPPED_BY_LISTENER} unless the stop criterion also fired at
     * this iteration, whose reason is reported instead. record: not modified (immutable).
     */
    boolean onIteration(IterationRecord record);
}
