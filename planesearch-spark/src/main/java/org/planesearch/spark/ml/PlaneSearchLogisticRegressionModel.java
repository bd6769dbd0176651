package org.planesearch.spark.ml;

import java.util.List;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.models.linear.LossKind;

/**
 * A trained {@link PlaneSearchLogisticRegression}: z = Wᵀx + b, for two classes (binomial) one
 * score with rawPrediction (−z, z) and probability (1 − σ(z), σ(z)), as MLlib's; for K classes
 * (multinomial) K scores with the softmax as probability. Saved by {@link #write()} as Spark ML
 * metadata (the Params) plus a one-row Parquet table under {@code data/} (the model's shape, the
 * parameter vector in the library's layout [W (d×c row-major), b] and the training summary), and
 * read back by {@link #load}; a Pipeline holding it saves and loads it the same way.
 */
public final class PlaneSearchLogisticRegressionModel
        extends ProbabilisticClassificationModel<Vector, PlaneSearchLogisticRegressionModel> implements MLWritable {

    private static final long serialVersionUID = 1L;

    private String uid;
    private final LinearModel model;
    private final double[] parameters;
    private final TrainingSummary summary;
    private final DoubleParam regParam;
    private final BooleanParam fitIntercept;
    private final IntParam maxIter;
    private final DoubleParam tol;
    private final Param<String> method;
    private final Param<String> family;
    private final IntParam checkpointInterval;

    PlaneSearchLogisticRegressionModel(String uid, LinearModel model, double[] parameters, TrainingSummary summary) {
        this(Uids.stash(uid), model, parameters, summary, true);
    }

    private PlaneSearchLogisticRegressionModel(String uid, LinearModel model, double[] parameters,
                                               TrainingSummary summary, boolean stashed) {
        super();
        uid();
        if (model.loss() != LossKind.LOGISTIC && model.loss() != LossKind.SOFTMAX) {
            throw new IllegalArgumentException("a logistic regression model is logistic or softmax, not " + model.loss().id());
        }
        if (parameters == null || parameters.length != model.dimension()) {
            throw new IllegalArgumentException("the model needs " + model.dimension() + " parameters");
        }
        this.model = model;
        this.parameters = parameters.clone();
        this.summary = summary;
        regParam = PlaneSearchParams.regParam(this);
        fitIntercept = PlaneSearchParams.fitIntercept(this);
        maxIter = PlaneSearchParams.maxIter(this);
        tol = PlaneSearchParams.tol(this);
        method = PlaneSearchParams.method(this);
        family = PlaneSearchParams.family(this);
        checkpointInterval = PlaneSearchParams.checkpointInterval(this);
        setDefault(regParam, PlaneSearchParams.DEFAULT_REG_PARAM);
        setDefault(fitIntercept, PlaneSearchParams.DEFAULT_FIT_INTERCEPT);
        setDefault(maxIter, PlaneSearchParams.DEFAULT_MAX_ITER);
        setDefault(tol, PlaneSearchParams.DEFAULT_TOL);
        setDefault(method, PlaneSearchParams.DEFAULT_METHOD);
        setDefault(family, PlaneSearchParams.DEFAULT_FAMILY);
        setDefault(checkpointInterval, PlaneSearchParams.DEFAULT_CHECKPOINT_INTERVAL);
    }

    @Override
    public String uid() {
        if (uid == null) {
            uid = Uids.take(PlaneSearchLogisticRegression.PREFIX);
        }
        return uid;
    }

    public DoubleParam regParam() {
        return regParam;
    }

    public BooleanParam fitIntercept() {
        return fitIntercept;
    }

    public IntParam maxIter() {
        return maxIter;
    }

    public DoubleParam tol() {
        return tol;
    }

    public Param<String> method() {
        return method;
    }

    public Param<String> family() {
        return family;
    }

    public IntParam checkpointInterval() {
        return checkpointInterval;
    }

    public double getRegParam() {
        return (Double) $(regParam);
    }

    public boolean getFitIntercept() {
        return (Boolean) $(fitIntercept);
    }

    public String getMethod() {
        return $(method);
    }

    public String getFamily() {
        return $(family);
    }

    /** The model's shape: loss (logistic or softmax), d, c, intercept. */
    public LinearModel linearModel() {
        return model;
    }

    /** The parameter vector [W (d×c row-major), b (c, with an intercept)], a copy. */
    public double[] parameters() {
        return parameters.clone();
    }

    public TrainingSummary summary() {
        return summary;
    }

    /** Binomial: the d coefficients (as MLlib's {@code coefficients}); multinomial: an error, as MLlib's. */
    public Vector coefficients() {
        requireBinomial("coefficients");
        return Vectors.dense(java.util.Arrays.copyOf(parameters, model.features()));
    }

    /** Binomial: the intercept (0 without one). */
    public double intercept() {
        requireBinomial("intercept");
        return model.intercept() ? parameters[model.features()] : 0;
    }

    /** The coefficients as a c × d matrix (MLlib's {@code coefficientMatrix}; c = 1 for binomial). */
    public Matrix coefficientMatrix() {
        int d = model.features();
        int c = model.outputs();
        double[] rowMajor = new double[c * d];
        for (int j = 0; j < d; j++) {
            for (int o = 0; o < c; o++) {
                rowMajor[o * d + j] = parameters[j * c + o];
            }
        }
        return new DenseMatrix(c, d, rowMajor, true);
    }

    /** The c intercepts (zeros without an intercept). */
    public Vector interceptVector() {
        int c = model.outputs();
        return Vectors.dense(model.intercept() ? java.util.Arrays.copyOfRange(parameters, model.weightCount(),
                model.weightCount() + c) : new double[c]);
    }

    private void requireBinomial(String what) {
        if (model.outputs() != 1) {
            throw new IllegalStateException(what + " is defined for a binomial model; this one is multinomial "
                    + "(use coefficientMatrix and interceptVector)");
        }
    }

    @Override
    public int numClasses() {
        return model.outputs() == 1 ? 2 : model.outputs();
    }

    @Override
    public int numFeatures() {
        return model.features();
    }

    /** Scores z = Wᵀx + b: binomial (−z, z), multinomial z. */
    @Override
    public Vector predictRaw(Vector features) {
        int d = model.features();
        int c = model.outputs();
        if (features.size() != d) {
            throw new IllegalArgumentException("the model has " + d + " features but a vector has " + features.size());
        }
        double[] z = new double[c];
        if (model.intercept()) {
            System.arraycopy(parameters, model.weightCount(), z, 0, c);
        }
        if (features instanceof SparseVector s) {
            int[] idx = s.indices();
            double[] val = s.values();
            for (int e = 0; e < idx.length; e++) {
                addRow(z, idx[e], val[e], c);
            }
        } else {
            double[] val = ((DenseVector) features).values();
            for (int j = 0; j < d; j++) {
                if (val[j] != 0) {
                    addRow(z, j, val[j], c);
                }
            }
        }
        return c == 1 ? Vectors.dense(-z[0], z[0]) : Vectors.dense(z);
    }

    private void addRow(double[] z, int j, double v, int c) {
        int base = j * c;
        for (int o = 0; o < c; o++) {
            z[o] += v * parameters[base + o];
        }
    }

    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        double[] v = ((DenseVector) rawPrediction).values();
        if (v.length == 2 && model.outputs() == 1) {
            double p = 1 / (1 + Math.exp(-v[1]));
            v[0] = 1 - p;
            v[1] = p;
            return rawPrediction;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (int o = 0; o < v.length; o++) {
            v[o] = Math.exp(v[o] - max);
            sum += v[o];
        }
        for (int o = 0; o < v.length; o++) {
            v[o] /= sum;
        }
        return rawPrediction;
    }

    /**
     * Spark's own (for its summaries); restated because Java sees the two inherited Scala methods,
     * whose covariant return types Scala reconciles, as a clash.
     */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    @Override
    public PlaneSearchLogisticRegressionModel copy(ParamMap extra) {
        PlaneSearchLogisticRegressionModel m = new PlaneSearchLogisticRegressionModel(uid(), model, parameters, summary);
        return copyValues(m, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    public static MLReader<PlaneSearchLogisticRegressionModel> read() {
        return new Reader();
    }

    public static PlaneSearchLogisticRegressionModel load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        return "PlaneSearchLogisticRegressionModel: uid=" + uid() + ", " + model.loss().id() + ", numClasses="
                + numClasses() + ", numFeatures=" + numFeatures();
    }

    /** The data table's schema (one row). */
    private static final StructType SCHEMA = new StructType()
            .add("loss", DataTypes.StringType, false)
            .add("features", DataTypes.IntegerType, false)
            .add("outputs", DataTypes.IntegerType, false)
            .add("intercept", DataTypes.BooleanType, false)
            .add("parameters", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("method", DataTypes.StringType, true)
            .add("termination", DataTypes.StringType, true)
            .add("objective", DataTypes.DoubleType, false)
            .add("gradientNorm", DataTypes.DoubleType, false)
            .add("iterations", DataTypes.IntegerType, false)
            .add("dataPasses", DataTypes.LongType, false)
            .add("trials", DataTypes.LongType, false)
            .add("seconds", DataTypes.DoubleType, false);

    private static final class Writer extends MLWriter {
        private final PlaneSearchLogisticRegressionModel instance;

        Writer(PlaneSearchLogisticRegressionModel instance) {
            this.instance = instance;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(instance, path, sparkSession());
            LinearModel m = instance.model;
            TrainingSummary s = instance.summary;
            Row row = RowFactory.create(m.loss().id(), m.features(), m.outputs(), m.intercept(),
                    java.util.Arrays.stream(instance.parameters).boxed().toArray(Double[]::new),
                    s.method(), s.termination(), s.objective(), s.gradientNorm(), s.iterations(), s.dataPasses(),
                    s.trials(), s.seconds());
            sparkSession().createDataFrame(List.of(row), SCHEMA).repartition(1).write().parquet(path + "/data");
        }
    }

    private static final class Reader extends MLReader<PlaneSearchLogisticRegressionModel> {
        @Override
        public PlaneSearchLogisticRegressionModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(),
                    PlaneSearchLogisticRegressionModel.class.getName());
            Row row = sparkSession().read().parquet(path + "/data").first();
            LinearModel m = LinearModel.of(LossKind.fromId(row.getAs("loss")), row.<Integer>getAs("features"),
                    row.<Integer>getAs("outputs"), row.<Boolean>getAs("intercept"));
            List<Double> list = row.getList(row.fieldIndex("parameters"));
            double[] params = new double[list.size()];
            for (int i = 0; i < params.length; i++) {
                params[i] = list.get(i);
            }
            TrainingSummary summary = new TrainingSummary(row.getAs("method"), row.getAs("termination"),
                    row.<Double>getAs("objective"), row.<Double>getAs("gradientNorm"), row.<Integer>getAs("iterations"),
                    row.<Long>getAs("dataPasses"), row.<Long>getAs("trials"), row.<Double>getAs("seconds"));
            PlaneSearchLogisticRegressionModel model = new PlaneSearchLogisticRegressionModel(metadata.uid(), m, params,
                    summary);
            metadata.getAndSetParams(model, scala.Option.empty());
            return model;
        }
    }
}
