package org.planesearch.cli;

import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.objective.Objective;
import org.planesearch.models.linear.LinearModel;

/**
 * Where {@code train} runs the optimization when it is not this JVM's own threads: a service
 * found on the class path with {@link java.util.ServiceLoader} under its {@link #name()} (the
 * {@code --engine} value). {@code planesearch-spark} provides {@code spark}; the program itself
 * depends on no engine, so the ordinary jar stays small and works without one.
 *
 * <p>The engine receives the data exactly as the local engine does (read, labelled, split and
 * standardized on the driver) and returns the objective that the same optimizer minimizes; the
 * report, the model file and the history come out the same.
 */
public interface Engine {

    /** The --engine value, e.g. "spark". */
    String name();

    /**
     * Starts a session for one run (a SparkSession, say).
     *
     * @param master the --master value, or null when not given
     * @throws IllegalArgumentException for a setting the engine cannot use (its message is shown to the user)
     */
    Session open(String master, Integer partitions);

    /** One run's resources; closing releases what the session cached or started. */
    interface Session extends AutoCloseable {

        /**
         * The objective of a linear model on the data, computed by the engine.
         *
         * @param sparse whether the data is sparse (kept as CSR by the engine)
         */
        Objective linearObjective(LinearModel model, DataMatrix x, double[] targets, double lambda, boolean sparse);

        /** One line for the report's "backend" field. */
        String describe();

        @Override
        void close();
    }
}
