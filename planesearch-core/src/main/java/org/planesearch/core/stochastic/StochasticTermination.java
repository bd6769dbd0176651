package org.planesearch.core.stochastic;

/** Why a mini-batch run ended. */
public enum StochasticTermination {
    /** All epochs of the schedule ran. */
    EPOCHS_DONE,
    /** The wall-time budget ran out (checked after every step). */
    MAX_TIME,
    /**
     * A batch loss, the parameters, or the full objective became NaN or infinite; the result holds
     * the parameters before the step that broke them.
     */
    NON_FINITE,
    /** The epoch listener asked the run to stop. */
    STOPPED_BY_LISTENER;

    /** True for {@link #NON_FINITE}. */
    public boolean isFailure() {
        return this == NON_FINITE;
    }
}
