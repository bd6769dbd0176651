package org.planesearch.spark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.RDDInfo;
import org.planesearch.core.linalg.Backend;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.linalg.DenseMatrixBuilder;
import org.planesearch.core.linalg.Matrices;
import org.planesearch.core.optim.Method;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.StopCriterion;
import org.planesearch.data.LabelMap;
import org.planesearch.data.LabelTask;
import org.planesearch.data.fetch.Mnist;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.models.linear.LinearObjective;
import org.planesearch.spark.data.TrainingBlocks;
import org.planesearch.spark.objective.SparkLinearObjective;

/**
 * The Spark benchmark of docs/BENCHMARKS.md §8: Planesearch's GD+M+PS and L-BFGS+PS on Spark
 * against MLlib's {@code LogisticRegression}, same λ, same cached DataFrame, same target
 * f* + 1e-6·|f*| (f* from the single-machine engine run to ‖∇f‖ ≤ 1e-10), in one process:
 * passes over the data and seconds to the target.
 *
 * <pre>
 *   bin/planesearch-spark --class org.planesearch.spark.bench.SparkVsMllib [--problem synthetic|mnist|both]
 *       [--master local[2]] [--partitions 2] [--rows 2000000] [--cols 100] [--lambda 1e-4] [--cache data-cache]
 *       [--out FILE.md]
 * </pre>
 *
 * <p>How each side is measured:
 * <ul>
 *   <li>Both start from the same DataFrame (label, features), cached and counted before any clock
 *       starts; each side then builds its own cached training copy inside its timed part (ours:
 *       {@link TrainingBlocks}; MLlib: its instances/blocks).</li>
 *   <li>Ours: one run per method, stopped by a listener at the first iterate with f ≤ target.</li>
 *   <li>MLlib ({@code elasticNetParam} 0, {@code standardization} false, {@code fitIntercept}
 *       true, binomial or multinomial, {@code tol} 0): a probe run finds, in its
 *       {@code objectiveHistory} (whose values are our f at its iterates: checked here and in
 *       PlaneSearchLogisticRegressionTest), the first iteration k at or below the target; a second,
 *       timed run with {@code maxIter = k} is the measurement (its L-BFGS takes the same path).
 *       Our objective at its result is evaluated afterwards (not timed) and reported.</li>
 *   <li>Passes: a SparkListener records every job started during a timed part and the RDDs its
 *       stages compute; a job that reads the training data (the cached input DataFrame or the
 *       side's own cached copy of it) counts as one read of the data. Our ψ trials read only the
 *       per-partition vectors and are reported separately, as is our own unit (products with X
 *       or Xᵀ, two per MLlib loss evaluation, which computes X·w and Xᵀr in one read).</li>
 * </ul>
 */
public final class SparkVsMllib {

    private SparkVsMllib() {
    }

    /** --only mllib: skip our runs (to repeat MLlib's alone). */
    private static boolean mllibOnly;
    /** --fstar VALUE: skip the reference run (a value printed by an earlier run). */
    private static double givenFStar = Double.NaN;

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String problem = o.getOrDefault("problem", "both");
        String master = o.getOrDefault("master", "local[2]");
        int partitions = Integer.parseInt(o.getOrDefault("partitions", "2"));
        double lambda = Double.parseDouble(o.getOrDefault("lambda", "1e-4"));
        int rows = Integer.parseInt(o.getOrDefault("rows", "2000000"));
        int cols = Integer.parseInt(o.getOrDefault("cols", "100"));
        Path cache = Path.of(o.getOrDefault("cache", "data-cache"));
        String[] methods = o.getOrDefault("methods", "gd+ps,lbfgs+ps").split(",");
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "1"));
        mllibOnly = "mllib".equals(o.get("only"));
        givenFStar = Double.parseDouble(o.getOrDefault("fstar", "NaN"));
        int probeIterations = Integer.parseInt(o.getOrDefault("mllib-probe-iterations", "1000"));
        if (o.containsKey("blas")) {
            Backend.select(o.get("blas"));
        }
        SparkSession spark = SparkSession.builder().master(master).appName("planesearch-bench")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "localhost")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        JobLog log = new JobLog();
        spark.sparkContext().addSparkListener(log);
        StringBuilder report = new StringBuilder();
        report.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append(", max heap ").append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB; Spark ")
                .append(spark.version()).append(", master ").append(master).append(", ").append(partitions)
                .append(" partitions; our products: ").append(Backend.current().describe()).append("; date ")
                .append(LocalDate.now()).append("\n\n");
        try {
            if (problem.equals("synthetic") || problem.equals("both")) {
                run(spark, log, synthetic(spark, rows, cols, partitions, 1), lambda, methods, rounds, probeIterations, report);
            }
            if (problem.equals("mnist") || problem.equals("both")) {
                run(spark, log, mnist(spark, cache, partitions), lambda, methods, rounds, probeIterations, report);
            }
        } finally {
            System.out.println(report);
            if (o.containsKey("out")) {
                Files.writeString(Path.of(o.get("out")), report.toString());
            }
            spark.stop();
        }
    }

    /** A benchmark problem: the cached DataFrame (label 0 … K−1, features) and the same data on the driver. */
    record Problem(String name, Dataset<Row> frame, LinearModel model, DataMatrix localX, double[] localTargets,
                   boolean binomial) {
    }

    private static void run(SparkSession spark, JobLog log, Problem p, double lambda, String[] methods, int rounds,
                            int probeIterations, StringBuilder report) throws Exception {
        runProblem(spark, log, p, lambda, methods, rounds, probeIterations, report);
    }

    /** Appends to the report and prints at once (a long run shows its rows as they come). */
    private static void emit(StringBuilder report, String text) {
        report.append(text);
        System.out.print(text);
        System.out.flush();
    }

    private static void runProblem(SparkSession spark, JobLog log, Problem p, double lambda, String[] methods,
                                   int rounds, int probeIterations, StringBuilder report) throws Exception {
        // f*: the single-machine engine to ‖∇f‖ ≤ 1e-10 (not timed)
        LinearObjective local = p.model().objective(p.localX(), p.localTargets(), lambda);
        long t0 = System.nanoTime();
        OptimizationResult ref = Double.isNaN(givenFStar) ? Method.parse("lbfgs+ps").optimizer(StopCriterion.anyOf(
                StopCriterion.gradientNorm(1e-10), StopCriterion.maxIterations(3000))).minimize(local,
                new double[local.dimension()]) : null;
        double fStar = ref == null ? givenFStar : ref.value();
        double target = fStar + 1e-6 * Math.abs(fStar);
        emit(report, "### " + p.name() + "\n\n" + (ref == null ? String.format(Locale.ROOT, "f* = %.15g (given); "
                + "target f* + 1e-6·|f*| = %.15g; λ = %g%n%n", fStar, target, lambda) : String.format(Locale.ROOT,
                "f* = %.15g (single-machine lbfgs+ps: %s after %d iterations, ‖∇f‖ = %.2e, %.1f s); target f* + 1e-6·|f*| "
                        + "= %.15g; λ = %g%n%n", fStar, ref.termination(), ref.iterations(), ref.gradientNorm(),
                (System.nanoTime() - t0) * 1e-9, target, lambda)));
        emit(report, "| run | iterations | reads of the data | X products (our unit) | other Spark jobs "
                + "(ψ trials) | seconds | f − f* at the end |\n|---|---|---|---|---|---|---|\n");
        List<double[]> ours = new ArrayList<>();
        if (!mllibOnly) {
            oursRound(log, p, lambda, methods, target, fStar, rounds > 1 ? " (round 1)" : "", ours, report);
        }
        // MLlib: probe for the iteration count, then the timed run
        LogisticRegression lr = new LogisticRegression().setRegParam(lambda).setElasticNetParam(0).setStandardization(false)
                .setFitIntercept(true).setFamily(p.binomial() ? "binomial" : "multinomial").setTol(1e-12).setMaxIter(probeIterations);
        System.gc();
        log.begin();
        long probeStart = System.nanoTime();
        LogisticRegressionModel probe = lr.fit(p.frame());
        double probeSeconds = (System.nanoTime() - probeStart) * 1e-9;
        JobLog.Counts probeJobs = log.end();
        lr.setTol(0);
        double[] history = probe.summary().objectiveHistory();
        int k = -1;
        for (int i = 0; i < history.length; i++) {
            if (history[i] <= target) {
                k = i;
                break;
            }
        }
        double fProbe = local.value(parameters(probe, p.model()));
        emit(report, String.format(Locale.ROOT, "%n(MLlib probe: %d objective values; last %.15g, ours at its result "
                + "%.15g; first at or below the target: iteration %d)%n%n", history.length, history[history.length - 1],
                fProbe, k));
        if (k < 0) {
            emit(report, String.format(Locale.ROOT, "| MLlib LogisticRegression (probe, tol 1e-12, maxIter %d): target not "
                    + "reached | %d | %d | %d (2 per loss evaluation) | %d | %.2f | %.2e |%n%n", probeIterations,
                    probe.summary().totalIterations(), probeJobs.reads, 2 * (probeJobs.reads - 1), probeJobs.others,
                    probeSeconds, fProbe - fStar));
            emit(report, "Jobs of the MLlib probe by call site: " + probeJobs.sites + "\n\n");
            return;
        }
        System.gc();
        log.begin();
        long start = System.nanoTime();
        LogisticRegressionModel timed = lr.setMaxIter(Math.max(1, k)).fit(p.frame());
        double seconds = (System.nanoTime() - start) * 1e-9;
        JobLog.Counts c = log.end();
        double fMllib = local.value(parameters(timed, p.model()));
        int iterations = timed.summary().totalIterations();
        emit(report, String.format(Locale.ROOT, "| MLlib LogisticRegression (maxIter %d) | %d | %d | %d (2 per loss "
                        + "evaluation) | %d | %.2f | %.2e |%n%n", k, iterations, c.reads, 2 * (c.reads - 1), c.others, seconds,
                fMllib - fStar));
        if (rounds > 1) {
            ours.clear();
            oursRound(log, p, lambda, methods, target, fStar, " (round 2, after MLlib)", ours, report);
        }
        for (int m = 0; m < methods.length; m++) {
            emit(report, String.format(Locale.ROOT, "Planesearch %s / MLlib: reads %.2f, seconds %.2f%n", methods[m],
                    ours.get(m)[0] / c.reads, ours.get(m)[1] / seconds));
        }
        emit(report, "\nJobs of the timed MLlib run by call site: " + c.sites + "\n\n");
    }

    /** One timed run of each of our methods; appends [reads, seconds] per method to ours. */
    private static void oursRound(JobLog log, Problem p, double lambda, String[] methods, double target, double fStar,
                                  String label, List<double[]> ours, StringBuilder report) {
        for (String method : methods) {
            System.gc();
            log.begin();
            long start = System.nanoTime();
            TrainingBlocks blocks = TrainingBlocks.fromDataFrame(p.frame(), "features", "label",
                    p.binomial() ? TrainingBlocks.Labels.ZERO_ONE_TO_PLUS_MINUS_ONE : TrainingBlocks.Labels.AS_IS);
            SparkLinearObjective f = SparkLinearObjective.of(p.model(), blocks, lambda);
            OptimizationResult r = Method.parse(method).optimizer(StopCriterion.maxIterations(5000))
                    .minimize(f, new double[f.dimension()], rec -> rec.value() > target);
            double seconds = (System.nanoTime() - start) * 1e-9;
            JobLog.Counts c = log.end();
            f.close();
            blocks.release();
            // reads: the job that builds the blocks from the DataFrame, the start's job (2 products),
            // one per restriction with fresh columns and one per move (1 product each): passes − 1 + 1
            long reads = r.dataPasses();
            int jobs = c.reads + c.others;
            ours.add(new double[] {reads, seconds});
            emit(report, String.format(Locale.ROOT, "| Planesearch %s%s (%s) | %d | %d | %d | %d | %.2f | %.2e |%n", method, label,
                    r.termination(), r.iterations(), reads, r.dataPasses(), jobs - reads, seconds, r.value() - fStar));
        }
    }

    /** Our parameter vector [W (d×c row-major), b] from MLlib's coefficient matrix (c × d) and intercepts. */
    static double[] parameters(LogisticRegressionModel m, LinearModel model) {
        int d = model.features();
        int c = model.outputs();
        double[] w = new double[model.dimension()];
        Matrix coefficients = m.coefficientMatrix();
        for (int j = 0; j < d; j++) {
            for (int o = 0; o < c; o++) {
                w[j * c + o] = coefficients.apply(o, j);
            }
        }
        System.arraycopy(m.interceptVector().toArray(), 0, w, d * c, c);
        return w;
    }

    private static final StructType SCHEMA = new StructType().add("label", DataTypes.DoubleType, false)
            .add("features", new VectorUDT(), false);

    /**
     * n × d N(0, 1) features, labels from P(y = 1) = σ(x·w* + 0.5), w* ~ N(0, 1/d) (the generator of
     * SyntheticClassification, drawn per partition so that the executors make the rows): the same
     * rows on the driver for f*.
     */
    static Problem synthetic(SparkSession spark, int n, int d, int partitions, long seed) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add(p);
        }
        JavaRDD<Row> rows = sc.parallelize(parts, partitions).flatMap(p -> new SyntheticRows(n, d, partitions, p, seed));
        Dataset<Row> frame = spark.createDataFrame(rows, SCHEMA).cache();
        frame.count();
        double[] y = new double[n];
        DataMatrix x;
        try (DenseMatrixBuilder b = Matrices.denseBuilder(n, d, false)) {
            int i = 0;
            for (int p = 0; p < partitions; p++) {
                SyntheticRows it = new SyntheticRows(n, d, partitions, p, seed);
                while (it.hasNext()) {
                    Row r = it.next();
                    b.setRow(i, ((org.apache.spark.ml.linalg.DenseVector) r.get(1)).values());
                    y[i++] = r.getDouble(0) == 1 ? 1 : -1;
                }
            }
            x = b.build();
        }
        return new Problem(String.format(Locale.ROOT, "synthetic logistic %,d × %d (dense), %d partitions", n, d,
                partitions), frame, LinearModel.logistic(d, true), x, y, true);
    }

    /** The rows of one partition of the synthetic set. */
    static final class SyntheticRows implements Iterator<Row>, java.io.Serializable {
        private final int d;
        private final double[] w;
        private final SplittableRandom rng;
        private int left;

        SyntheticRows(int n, int d, int partitions, int part, long seed) {
            this.d = d;
            SplittableRandom model = new SplittableRandom(seed);
            w = new double[d];
            for (int j = 0; j < d; j++) {
                w[j] = gaussian(model) / Math.sqrt(d);
            }
            rng = new SplittableRandom(seed * 1_000_003L + part + 1);
            left = (int) ((long) n * (part + 1) / partitions - (long) n * part / partitions);
        }

        @Override
        public boolean hasNext() {
            return left > 0;
        }

        @Override
        public Row next() {
            left--;
            double[] x = new double[d];
            double z = 0.5;
            for (int j = 0; j < d; j++) {
                x[j] = gaussian(rng);
                z += x[j] * w[j];
            }
            double y = rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
            return RowFactory.create(y, Vectors.dense(x));
        }

        private static double gaussian(SplittableRandom r) {
            double u = r.nextDouble();
            double v = r.nextDouble();
            return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
        }
    }

    /** MNIST's 60,000 training images (pixels / 255), 10 classes. */
    static Problem mnist(SparkSession spark, Path cache, int partitions) throws Exception {
        org.planesearch.data.Dataset ds = Mnist.load(cache, "mnist", Mnist.Part.TRAIN, false);
        LabelMap map = LabelMap.fit(LabelTask.MULTICLASS, ds.labels());
        double[] y = map.targets(ds.labels());
        DataMatrix x = ds.features();
        List<Row> rows = new ArrayList<>(x.rows());
        double[] row = new double[x.cols()];
        for (int i = 0; i < x.rows(); i++) {
            x.row(i, row);
            rows.add(RowFactory.create(y[i], Vectors.dense(row.clone())));
        }
        // Through a Parquet file, as data comes to a cluster: a DataFrame made by parallelize would
        // ship its rows inside every task of every job whose lineage reaches it.
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Path file = Files.createTempDirectory("planesearch-mnist").resolve("train.parquet");
        spark.createDataFrame(sc.parallelize(rows, partitions), SCHEMA).write().parquet(file.toString());
        Dataset<Row> frame = spark.read().parquet(file.toString()).repartition(partitions).cache();
        frame.count();
        return new Problem("MNIST softmax 60,000 × 784 (dense), " + partitions + " partitions", frame,
                LinearModel.softmax(x.cols(), map.numClasses(), true), x, y, false);
    }

    /**
     * Records the jobs of a timed part: a job that computes (or reads from the cache) the training
     * data — the cached input DataFrame or a side's own cached copy — is one read of the data.
     */
    static final class JobLog extends SparkListener {
        private final AtomicBoolean on = new AtomicBoolean();
        private final Map<Integer, Boolean> reads = new ConcurrentHashMap<>();
        private final Map<String, Integer> sites = new ConcurrentHashMap<>();

        record Counts(int reads, int others, String sites) {
        }

        void begin() {
            reads.clear();
            sites.clear();
            on.set(true);
        }

        Counts end() {
            on.set(false);
            int r = 0;
            for (boolean b : reads.values()) {
                r += b ? 1 : 0;
            }
            return new Counts(r, reads.size() - r, new LinkedHashMap<>(sites).toString());
        }

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            if (!on.get()) {
                return;
            }
            boolean read = false;
            scala.collection.Iterator<StageInfo> stages = start.stageInfos().iterator();
            while (stages.hasNext()) {
                scala.collection.Iterator<RDDInfo> rdds = stages.next().rddInfos().iterator();
                while (rdds.hasNext()) {
                    String name = rdds.next().name();
                    read |= name.equals(TrainingBlocks.RDD_NAME) || name.contains("training")
                            || name.contains("InMemoryTableScan") || name.contains("In-memory");
                }
            }
            reads.put(start.jobId(), read);
            String site = "?";
            int last = -1;
            scala.collection.Iterator<StageInfo> all = start.stageInfos().iterator();
            while (all.hasNext()) {
                StageInfo stage = all.next();
                if (stage.stageId() > last) {
                    last = stage.stageId();
                    site = stage.name();
                }
            }
            sites.merge(site + (read ? " [reads data]" : ""), 1, Integer::sum);
        }

        @Override
        public void onJobEnd(SparkListenerJobEnd end) {
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }
}
