package org.planesearch.spark.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.planesearch.cli.Engine;
import org.planesearch.core.linalg.Backend;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.objective.Objective;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.spark.data.TrainingBlocks;
import org.planesearch.spark.objective.SparkLinearObjective;

/**
 * The command line's {@code --engine spark} ({@link Engine}, registered for
 * {@link java.util.ServiceLoader}): {@code train} reads and prepares the data on the driver as
 * always, then this engine cuts it into partitions, caches them on the cluster and hands the
 * optimizer a {@link SparkLinearObjective}. The SparkSession is the one spark-submit configured
 * (its {@code --master}), or one started with {@code --master}; a session this engine started is
 * stopped when the run ends.
 */
public final class SparkEngine implements Engine {

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Engine.Session open(String master, Integer partitions) {
        boolean existed = SparkSession.getDefaultSession().isDefined() || SparkSession.getActiveSession().isDefined();
        if (master == null && !existed && !new SparkConf().contains("spark.master")) {
            throw new IllegalArgumentException("needs --master URL (e.g. local[2], spark://host:7077, yarn), or run "
                    + "through spark-submit --master URL");
        }
        SparkSession.Builder builder = SparkSession.builder().appName("planesearch train");
        if (master != null) {
            builder.master(master);
        }
        SparkSession spark;
        try {
            spark = builder.getOrCreate();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot start Spark with master " + master + ": " + e.getMessage(), e);
        }
        if (master != null && existed && !spark.sparkContext().master().equals(master)) {
            throw new IllegalArgumentException("--master " + master + " but this process already runs Spark on "
                    + spark.sparkContext().master());
        }
        if (!existed) {
            spark.sparkContext().setLogLevel("WARN");
        }
        quietUnpersistWarnings();
        return new Session(spark, !existed, partitions);
    }

    /**
     * The evaluator unpersists each state RDD it replaced, and Spark warns at every unpersist of a
     * locally checkpointed one (every 10th) that its lineage is gone — expected here, and noise on
     * the command line's stderr. Raised to ERROR for Spark's RDD classes only; without log4j2 (a
     * cluster with another logging backend) nothing changes.
     */
    private static void quietUnpersistWarnings() {
        try {
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.spark.rdd",
                    org.apache.logging.log4j.Level.ERROR);
        } catch (LinkageError | RuntimeException e) {
            // keep Spark's logging as it is
        }
    }

    private static final class Session implements Engine.Session {
        private final SparkSession spark;
        private final boolean owned;
        private final Integer partitions;
        private TrainingBlocks blocks;
        private SparkLinearObjective objective;

        Session(SparkSession spark, boolean owned, Integer partitions) {
            this.spark = spark;
            this.owned = owned;
            this.partitions = partitions;
        }

        @Override
        public Objective linearObjective(LinearModel model, DataMatrix x, double[] targets, double lambda, boolean sparse) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int p = partitions != null ? partitions : sc.defaultParallelism();
            blocks = TrainingBlocks.fromMatrix(sc, x, targets, p, sparse);
            objective = SparkLinearObjective.of(model, blocks, lambda);
            return objective;
        }

        @Override
        public String describe() {
            return "spark " + spark.version() + " (master " + spark.sparkContext().master() + ", "
                    + (blocks == null ? "?" : String.valueOf(blocks.partitions())) + " partitions; per partition "
                    + Backend.current().describe() + ")";
        }

        @Override
        public void close() {
            if (objective != null) {
                objective.close();
            }
            if (blocks != null) {
                blocks.release();
            }
            if (owned) {
                spark.stop();
            }
        }
    }
}
