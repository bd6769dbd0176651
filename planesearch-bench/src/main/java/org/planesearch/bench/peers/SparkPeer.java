package org.planesearch.bench.peers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.planesearch.bench.problems.LinearProblem;

/**
 * Apache Spark MLlib's {@code LogisticRegression} (spark-mllib_2.13 4.1.0) in local mode on 2
 * cores, L-BFGS (Breeze, memory 10, strong-Wolfe line search).
 *
 * <p>Objective: with {@code regParam = λ}, {@code elasticNetParam = 0},
 * {@code standardization = false}, {@code fitIntercept = true}, and family binomial (binary) or
 * multinomial (k weight vectors, all penalised), Spark minimises exactly our objective: the
 * mean log loss + (λ/2)‖W‖², intercept not penalised. (Spark optimises internally in
 * standardized coordinates with the penalty rescaled so the problem is the same: a diagonal
 * preconditioner that is part of its method.) We still evaluate our objective at its solution.
 *
 * <p>Counting and timing: every loss-and-gradient evaluation of Spark's L-BFGS is one Spark job
 * (a treeAggregate over the cached instances), as is its one summary-statistics sweep; we count
 * the jobs of each fit (job group and status tracker) and call each two passes. Spark has no
 * per-iteration callback, so: one long fit gives the objective history; for each target the
 * first iteration k whose history value is at or below it is refitted with {@code maxIter = k}
 * and timed, and our objective at that fit's coefficients is checked (k + 1, k + 2 if rounding
 * left it above). Times are of {@code fit} alone on a DataFrame already cached; the session
 * start-up (seconds) is excluded.
 */
public final class SparkPeer implements Solver, AutoCloseable {

    private final SparkSession spark;
    private final JavaSparkContext jsc;
    private int fits;

    public SparkPeer() {
        spark = SparkSession.builder().master("local[2]").appName("planesearch-peers")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @Override
    public String name() {
        return "Spark MLlib 4.1.0 LogisticRegression (L-BFGS)";
    }

    @Override
    public boolean peer() {
        return true;
    }

    /** The problem as a cached DataFrame (label, features), dense or sparse vectors as stored. */
    Dataset<Row> frame(LinearProblem p) {
        int n = p.rows();
        int d = p.cols();
        boolean sparse = p.features().nonZeros() < 0.5 * n * (double) d;
        List<Row> rows = new ArrayList<>(n);
        double[] x = new double[d];
        int[] idx = new int[d];
        double[] val = new double[d];
        for (int i = 0; i < n; i++) {
            p.features().row(i, x);
            Vector v;
            if (sparse) {
                int k = 0;
                for (int j = 0; j < d; j++) {
                    if (x[j] != 0) {
                        idx[k] = j;
                        val[k++] = x[j];
                    }
                }
                v = Vectors.sparse(d, Arrays.copyOf(idx, k), Arrays.copyOf(val, k));
            } else {
                v = Vectors.dense(x.clone());
            }
            rows.add(RowFactory.create((double) p.classOf(i), v));
        }
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField("label", DataTypes.DoubleType, false),
            DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)});
        Dataset<Row> df = spark.createDataFrame(jsc.parallelize(rows, 2), schema).cache();
        df.count();
        return df;
    }

    LogisticRegression estimator(LinearProblem p, int maxIter) {
        return new LogisticRegression().setMaxIter(maxIter).setRegParam(p.lambda()).setElasticNetParam(0)
                .setStandardization(false).setFitIntercept(true).setTol(1e-12)
                .setFamily(p.binary() ? "binomial" : "multinomial");
    }

    /** One timed fit: the model, its seconds and its job count. */
    record Fit(LogisticRegressionModel model, double seconds, long jobs) {
    }

    Fit fit(LinearProblem p, Dataset<Row> df, int maxIter) {
        String group = "fit-" + (fits++);
        jsc.setJobGroup(group, group, false);
        long t0 = System.nanoTime();
        LogisticRegressionModel m = estimator(p, maxIter).fit(df);
        double s = (System.nanoTime() - t0) / 1e9;
        jsc.clearJobGroup();
        return new Fit(m, s, jobs(group));
    }

    /** The jobs of a group, once the (asynchronous) status tracker has stopped changing. */
    private long jobs(String group) {
        long last = -1;
        long now = spark.sparkContext().statusTracker().getJobIdsForGroup(group).length;
        for (int i = 0; i < 50 && now != last; i++) {
            last = now;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            now = spark.sparkContext().statusTracker().getJobIdsForGroup(group).length;
        }
        return now;
    }

    /** Our parameter vector from a Spark model. */
    static double[] ours(LinearProblem p, LogisticRegressionModel m) {
        int d = p.cols();
        if (p.binary()) {
            double[] w = new double[d + 1];
            double[] c = m.coefficients().toArray();
            System.arraycopy(c, 0, w, 0, d);
            w[d] = m.intercept();
            return w;
        }
        int k = p.classes();
        Matrix cm = m.coefficientMatrix();
        double[][] weights = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                weights[c][j] = cm.apply(c, j);
            }
        }
        return p.fromClassScores(weights, m.interceptVector().toArray());
    }

    @Override
    public SolverReport solve(LinearProblem p, Targets targets, double budgetSeconds) {
        Dataset<Row> df = frame(p);
        try {
            // warm-up, then two timed fits: the cost of an iteration without the fixed cost of a fit
            fit(p, df, 5);
            Fit probe = fit(p, df, 5);
            Fit probe25 = fit(p, df, 25);
            double perIteration = Math.max(1e-4, (probe25.seconds() - probe.seconds()) / 20);
            int maxIter = (int) Math.max(25, Math.min(20_000, budgetSeconds / perIteration));
            Fit longest = fit(p, df, maxIter);
            double[] history = longest.model().summary().objectiveHistory();
            int iterations = longest.model().summary().totalIterations();
            List<TracePoint> trace = new ArrayList<>();
            Hit[] hits = new Hit[targets.count()];
            Arrays.fill(hits, Hit.MISSED);
            for (int t = 0; t < hits.length; t++) {
                int k = -1;
                for (int i = 0; i < history.length; i++) {
                    if (history[i] <= targets.value(t)) {
                        k = i;
                        break;
                    }
                }
                if (k < 0) {
                    continue;
                }
                for (int extra = 0; extra < 3 && k + extra <= iterations + 1; extra++) {
                    Fit f = fit(p, df, Math.max(1, k + extra));
                    double v = p.objective().value(ours(p, f.model()));
                    trace.add(new TracePoint(f.seconds(), 2 * f.jobs(), v));
                    if (v <= targets.value(t)) {
                        hits[t] = new Hit(true, f.seconds(), 2 * f.jobs(), k + extra);
                        break;
                    }
                }
            }
            double finalValue = p.objective().value(ours(p, longest.model()));
            trace.add(new TracePoint(probe.seconds(), 2 * probe.jobs(), p.objective().value(ours(p, probe.model()))));
            trace.add(new TracePoint(probe25.seconds(), 2 * probe25.jobs(), p.objective().value(ours(p, probe25.model()))));
            trace.add(new TracePoint(longest.seconds(), 2 * longest.jobs(), finalValue));
            trace.sort((a, b) -> Double.compare(a.seconds(), b.seconds()));
            String settings = String.format(Locale.ROOT, "regParam = λ, elasticNet 0, standardization off, tol 1e-12, maxIter %d"
                    + " (budget / seconds per iteration of timed 5- and 25-iteration fits; %d iterations run)", maxIter, iterations);
            return new SolverReport(name(), true, settings, true, hits, finalValue, 2 * longest.jobs(), longest.seconds(),
                    iterations, "long fit for the history, then one timed fit per target with maxIter = iterations needed",
                    trace);
        } finally {
            df.unpersist(true);
        }
    }

    @Override
    public void close() {
        spark.stop();
    }
}
