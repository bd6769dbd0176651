package org.planesearch.cli;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.objective.Objective;
import org.planesearch.data.Storage;
import picocli.CommandLine.Option;

/**
 * {@code train}'s engine flags: {@code --engine local|spark}, {@code --master URL},
 * {@code --partitions N}. The local engine is the default and needs nothing; another engine is
 * looked up on the class path ({@link Engine}); when it is not there the run ends with one line
 * saying how to run it (exit code 2).
 */
final class EngineOptions {

    static final String LOCAL = "local";

    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = LOCAL,
            description = "Where to train: local (this machine; default) or spark (the data cached on a Spark cluster; "
                    + "run through spark-submit with the planesearch-spark shaded jar). Linear models only on spark.")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "spark: the master URL, e.g. local[2], spark://host:7077, yarn (default: spark-submit's --master).")
    String master;

    @Option(names = "--partitions", paramLabel = "N",
            description = "spark: partitions of the training data (default: the cluster's default parallelism).")
    Integer partitions;

    /** The session of the chosen engine (local: none), after checking the flags against the model. */
    Session open(TrainableModel model) {
        if (LOCAL.equals(engine)) {
            if (master != null) {
                throw new UserError("--master applies to --engine spark only");
            }
            if (partitions != null) {
                throw new UserError("--partitions applies to --engine spark only");
            }
            return new Session(null);
        }
        if (partitions != null && partitions < 1) {
            throw new UserError("--partitions: must be >= 1, got " + partitions);
        }
        if (!(model instanceof TrainableModel.Linear)) {
            throw new UserError("--engine " + engine + " trains linear models only (logistic, softmax, least-squares, "
                    + "huber, smoothed-hinge); train --model mlp with --engine local");
        }
        Engine found = find(engine);
        try {
            return new Session(found.open(master, partitions));
        } catch (IllegalArgumentException e) {
            throw new UserError("--engine " + engine + ": " + e.getMessage());
        }
    }

    private static Engine find(String name) {
        try {
            for (Engine e : ServiceLoader.load(Engine.class)) {
                if (e.name().equals(name)) {
                    return e;
                }
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            // an engine jar without its runtime (Spark's classes) is the same as no engine
        }
        if ("spark".equals(name)) {
            throw new UserError("--engine spark: Apache Spark is not on the class path; run train through spark-submit "
                    + "with the shaded jar: spark-submit --class org.planesearch.cli.Main "
                    + "planesearch-spark/target/planesearch-spark-" + Main.version().replace("development build", "VERSION")
                    + "-all.jar train --engine spark ... (build it with: mvn -pl planesearch-spark -am package -DskipTests)");
        }
        throw new UserError("--engine " + name + ": unknown engine; expected local or spark");
    }

    /** The local engine (no session) or another engine's session. */
    static final class Session implements AutoCloseable {
        private final Engine.Session session;

        Session(Engine.Session session) {
            this.session = session;
        }

        Objective objective(TrainableModel model, DataMatrix x, double[] targets, double lambda, Storage storage) {
            if (session == null) {
                return model.objective(x, targets, lambda);
            }
            return session.linearObjective(((TrainableModel.Linear) model).model(), x, targets, lambda, !storage.isDense());
        }

        /** The report's backend line: the local one, or the engine's. */
        String describe(String local) {
            return session == null ? local : session.describe();
        }

        @Override
        public void close() {
            if (session != null) {
                session.close();
            }
        }
    }
}
