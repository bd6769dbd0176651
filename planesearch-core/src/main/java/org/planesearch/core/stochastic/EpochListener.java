package org.planesearch.core.stochastic;

/** Called after every epoch; returning false stops the run ({@link StochasticTermination#STOPPED_BY_LISTENER}). */
@FunctionalInterface
public interface EpochListener {

    boolean onEpoch(EpochRecord record);
}
