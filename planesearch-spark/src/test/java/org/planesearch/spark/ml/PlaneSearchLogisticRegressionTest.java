package org.planesearch.spark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.planesearch.core.optim.Method;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.StopCriterion;
import org.planesearch.models.linear.LinearObjective;
import org.planesearch.models.linear.LossKind;
import org.planesearch.spark.SparkTests;
import org.planesearch.spark.SparkTests.Problem;

/**
 * The Spark ML estimator: it reaches the local engine's optimum (binomial and multinomial, dense
 * and sparse feature vectors), predicts as the parameters say, round-trips through save/load alone
 * and inside a Pipeline, solves the very problem MLlib's LogisticRegression solves with the same
 * regParam (elasticNet 0, standardization off), and rejects bad input with a clear message.
 */
class PlaneSearchLogisticRegressionTest {

    private static SparkSession spark;
    private static final double LAMBDA = 0.02;

    @BeforeAll
    static void start() {
        spark = SparkTests.session("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The problem as a DataFrame (label 0 … K−1; binary ±1 become 0/1), 3 partitions. */
    static Dataset<Row> frame(Problem p, boolean sparse) {
        StructType schema = new StructType().add("label", DataTypes.DoubleType, false)
                .add("features", new VectorUDT(), false);
        List<Row> rows = new ArrayList<>();
        double[] row = new double[p.x().cols()];
        for (int i = 0; i < p.x().rows(); i++) {
            p.x().row(i, row);
            Vector v = Vectors.dense(row.clone());
            double y = p.model().loss().isBinary() ? (p.y()[i] > 0 ? 1 : 0) : p.y()[i];
            rows.add(RowFactory.create(y, sparse ? v.toSparse() : v));
        }
        return spark.createDataFrame(rows, schema).repartition(3);
    }

    static OptimizationResult local(Problem p, String method) {
        LinearObjective f = p.model().objective(p.x(), p.y(), LAMBDA);
        return Method.parse(method).optimizer(StopCriterion.anyOf(StopCriterion.gradientNorm(1e-10),
                StopCriterion.maxIterations(5000))).minimize(f, new double[f.dimension()]);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({"logistic, dense, gd+ps", "logistic, sparse, lbfgs+ps", "softmax, dense, lbfgs+ps", "softmax, sparse, gd+ps"})
    void fitReachesTheLocalOptimumAndPredictsFromIt(String loss, String storage, String method) {
        boolean softmax = loss.equals("softmax");
        Problem p = SparkTests.problem(softmax ? LossKind.SOFTMAX : LossKind.LOGISTIC, true, false, 150, 4, 3, 41);
        Dataset<Row> df = frame(p, storage.equals("sparse"));
        PlaneSearchLogisticRegressionModel m = new PlaneSearchLogisticRegression().setRegParam(LAMBDA).setTol(1e-10)
                .setMethod(method).fit(df);
        OptimizationResult expected = local(p, method);
        assertEquals("GRADIENT_NORM", m.summary().termination());
        double rel = SparkTests.relative(m.summary().objective(), expected.value(), 0);
        assertTrue(rel <= 1e-10, "f = " + m.summary().objective() + " vs local " + expected.value());
        assertEquals(softmax ? 3 : 2, m.numClasses());
        assertEquals(4, m.numFeatures());

        List<Row> out = m.transform(df).select("features", "rawPrediction", "probability", "prediction").collectAsList();
        double[] w = m.parameters();
        int c = softmax ? 3 : 1;
        for (Row r : out) {
            double[] x = ((Vector) r.get(0)).toArray();
            double[] z = new double[c];
            for (int o = 0; o < c; o++) {
                z[o] = w[4 * c + o];
                for (int j = 0; j < 4; j++) {
                    z[o] += x[j] * w[j * c + o];
                }
            }
            double[] prob = ((Vector) r.get(2)).toArray();
            assertEquals(1.0, java.util.Arrays.stream(prob).sum(), 1e-12);
            int best = 0;
            for (int o = 1; o < prob.length; o++) {
                if (prob[o] > prob[best]) {
                    best = o;
                }
            }
            assertEquals(best, r.getDouble(3), 0.0);
            if (!softmax) {
                assertEquals(1 / (1 + Math.exp(-z[0])), prob[1], 1e-12);
                assertEquals(z[0], ((Vector) r.get(1)).apply(1), 1e-12);
            } else {
                assertArrayEquals(z, ((Vector) r.get(1)).toArray(), 1e-12);
            }
        }
    }

    @Test
    void savesAndLoadsAloneAndInsideAPipeline(@TempDir Path dir) throws Exception {
        Problem p = SparkTests.problem(LossKind.SOFTMAX, true, false, 120, 4, 3, 42);
        Dataset<Row> df = frame(p, false);
        PlaneSearchLogisticRegression estimator = new PlaneSearchLogisticRegression().setRegParam(LAMBDA)
                .setMethod("lbfgs+ps").setMaxIter(200).setProbabilityCol("p");
        estimator.write().overwrite().save(dir.resolve("estimator").toString());
        PlaneSearchLogisticRegression loaded = PlaneSearchLogisticRegression.load(dir.resolve("estimator").toString());
        assertEquals(estimator.uid(), loaded.uid());
        assertEquals(LAMBDA, loaded.getRegParam());
        assertEquals("lbfgs+ps", loaded.getMethod());
        assertEquals(200, loaded.getMaxIter());
        assertEquals("p", loaded.getProbabilityCol());

        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {loaded});
        PipelineModel fitted = pipeline.fit(df);
        fitted.write().overwrite().save(dir.resolve("pipeline").toString());
        PipelineModel back = PipelineModel.load(dir.resolve("pipeline").toString());
        List<Row> a = fitted.transform(df).select("p", "prediction").collectAsList();
        List<Row> b = back.transform(df).select("p", "prediction").collectAsList();
        assertEquals(a, b);
        PlaneSearchLogisticRegressionModel original = (PlaneSearchLogisticRegressionModel) fitted.stages()[0];
        PlaneSearchLogisticRegressionModel model = (PlaneSearchLogisticRegressionModel) back.stages()[0];
        assertArrayEquals(original.parameters(), model.parameters(), 0.0);
        assertEquals(original.summary(), model.summary());
        assertEquals(original.uid(), model.uid());
        assertEquals("lbfgs+ps", model.getMethod());
        assertTrue(Files.exists(dir.resolve("pipeline")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"binomial", "multinomial"})
    void solvesTheProblemMllibSolvesWithTheSameRegParam(String family) {
        boolean multinomial = family.equals("multinomial");
        Problem p = SparkTests.problem(multinomial ? LossKind.SOFTMAX : LossKind.LOGISTIC, true, false, 200, 4, 3, 43);
        Dataset<Row> df = frame(p, false);
        LogisticRegressionModel mllib = new LogisticRegression().setRegParam(LAMBDA).setElasticNetParam(0)
                .setStandardization(false).setFitIntercept(true).setFamily(family).setTol(1e-12).setMaxIter(500).fit(df);
        LinearObjective f = p.model().objective(p.x(), p.y(), LAMBDA);
        int d = 4;
        int c = multinomial ? 3 : 1;
        double[] w = new double[f.dimension()];
        Matrix coefficients = mllib.coefficientMatrix();
        for (int j = 0; j < d; j++) {
            for (int o = 0; o < c; o++) {
                w[j * c + o] = coefficients.apply(o, j);
            }
        }
        double[] b = mllib.interceptVector().toArray();
        System.arraycopy(b, 0, w, d * c, c);
        double atMllib = f.value(w);
        double[] history = mllib.summary().objectiveHistory();
        double mllibsOwn = history[history.length - 1];
        assertTrue(SparkTests.relative(mllibsOwn, atMllib, 0) <= 1e-9,
                "MLlib's objective " + mllibsOwn + " is ours at its solution, " + atMllib);
        PlaneSearchLogisticRegressionModel ours = new PlaneSearchLogisticRegression().setRegParam(LAMBDA).setTol(1e-10)
                .setFamily(family).setMethod("lbfgs+ps").fit(df);
        double fOurs = ours.summary().objective();
        assertTrue(fOurs <= atMllib * (1 + 1e-12), "ours " + fOurs + " vs MLlib's " + atMllib);
        assertTrue(SparkTests.relative(atMllib, fOurs, 0) <= 1e-8, "ours " + fOurs + " vs MLlib's " + atMllib);
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PlaneSearchLogisticRegression().setMethod("gd+nope"));
        assertTrue(e.getMessage().startsWith("method: "), e.getMessage());
        Problem p = SparkTests.problem(LossKind.SOFTMAX, true, false, 60, 3, 3, 44);
        Dataset<Row> df = frame(p, false);
        e = assertThrows(IllegalArgumentException.class,
                () -> new PlaneSearchLogisticRegression().setFamily("binomial").fit(df));
        assertTrue(e.getMessage().contains("family binomial supports 1 or 2 classes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PlaneSearchLogisticRegression().setRegParam(-1));
        Vector raw = new PlaneSearchLogisticRegressionModel("m", org.planesearch.models.linear.LinearModel.logistic(2, true),
                new double[] {1, 2, 3}, null).predictRaw(Vectors.dense(1, 1));
        assertTrue(raw instanceof DenseVector);
        assertEquals(6.0, raw.apply(1), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new PlaneSearchLogisticRegressionModel("m",
                org.planesearch.models.linear.LinearModel.logistic(2, true), new double[] {1, 2, 3}, null)
                .predictRaw(Vectors.dense(1, 1, 1)));
    }
}
