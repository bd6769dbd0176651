package org.planesearch.spark.ml;

import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.planesearch.core.optim.Method;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.StopCriterion;
import org.planesearch.models.linear.LinearModel;
import org.planesearch.spark.data.TrainingBlocks;
import org.planesearch.spark.objective.SparkLinearObjective;

/**
 * Logistic regression (binomial) and softmax regression (multinomial) for Spark ML, trained by a
 * Planesearch method whose step — learning rate, and with plane search the momentum rate too — is
 * chosen exactly on every iteration: no learning rate to tune. Minimises
 *
 * <pre>
 *   f(w) = (1/n) Σᵢ ℓ(zᵢ, yᵢ) + (regParam/2)‖W‖²,   z = Wᵀx + b,
 * </pre>
 *
 * the objective of MLlib's {@code LogisticRegression} with {@code elasticNetParam = 0} and
 * {@code standardization = false} (the same regParam means the same problem; put a
 * {@code StandardScaler} in front for standardized features). Labels are class indices 0 … K−1
 * (doubles), as for MLlib; binomial needs K ≤ 2. The usual columns: {@code features} (vectors,
 * dense or sparse), {@code label}, {@code prediction}, {@code rawPrediction}, {@code probability};
 * usable in a {@code Pipeline}; saved and loaded by Spark's ML persistence.
 *
 * <p>Training caches the features as one block per partition (the DataFrame's partitioning is
 * kept), runs the method on a {@link SparkLinearObjective} and releases everything it cached
 * before returning. Params: regParam (default 1e-4), fitIntercept (true), maxIter (1000), tol
 * (1e-6, on ‖∇f‖), method ("gd+ps"), family ("auto"), checkpointInterval (10).
 */
public final class PlaneSearchLogisticRegression
        extends ProbabilisticClassifier<Vector, PlaneSearchLogisticRegression, PlaneSearchLogisticRegressionModel>
        implements DefaultParamsWritable {

    private static final long serialVersionUID = 1L;
    static final String PREFIX = "psLogReg";

    private String uid;
    private final DoubleParam regParam;
    private final BooleanParam fitIntercept;
    private final IntParam maxIter;
    private final DoubleParam tol;
    private final Param<String> method;
    private final Param<String> family;
    private final IntParam checkpointInterval;

    public PlaneSearchLogisticRegression() {
        this(Uids.stash(Uids.take(PREFIX)), true);
    }

    /** With the given uid (as Spark's persistence and copy need). */
    public PlaneSearchLogisticRegression(String uid) {
        this(Uids.stash(uid), true);
    }

    private PlaneSearchLogisticRegression(String uid, boolean stashed) {
        super();
        uid();
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
        if (!uid.equals(this.uid)) {
            throw new IllegalStateException("uid " + uid + " was not stashed before construction");
        }
    }

    @Override
    public String uid() {
        if (uid == null) {
            uid = Uids.take(PREFIX);
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

    public int getMaxIter() {
        return (Integer) $(maxIter);
    }

    public double getTol() {
        return (Double) $(tol);
    }

    public String getMethod() {
        return $(method);
    }

    public String getFamily() {
        return $(family);
    }

    public int getCheckpointInterval() {
        return (Integer) $(checkpointInterval);
    }

    public PlaneSearchLogisticRegression setRegParam(double value) {
        return (PlaneSearchLogisticRegression) set(regParam, value);
    }

    public PlaneSearchLogisticRegression setFitIntercept(boolean value) {
        return (PlaneSearchLogisticRegression) set(fitIntercept, value);
    }

    public PlaneSearchLogisticRegression setMaxIter(int value) {
        return (PlaneSearchLogisticRegression) set(maxIter, value);
    }

    public PlaneSearchLogisticRegression setTol(double value) {
        return (PlaneSearchLogisticRegression) set(tol, value);
    }

    /** The method, e.g. "gd+ps" or "lbfgs+ps"; an unknown one is rejected here with the parser's reason. */
    public PlaneSearchLogisticRegression setMethod(String value) {
        try {
            Method.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("method: " + e.getMessage(), e);
        }
        return (PlaneSearchLogisticRegression) set(method, value);
    }

    public PlaneSearchLogisticRegression setFamily(String value) {
        return (PlaneSearchLogisticRegression) set(family, value);
    }

    public PlaneSearchLogisticRegression setCheckpointInterval(int value) {
        return (PlaneSearchLogisticRegression) set(checkpointInterval, value);
    }

    @Override
    public PlaneSearchLogisticRegressionModel train(Dataset<?> dataset) {
        int numClasses = getNumClasses(dataset, 10_000);
        boolean binomial = binomial(getFamily(), numClasses);
        if (binomial && numClasses < 2) {
            throw new IllegalArgumentException("the label column holds a single class (0); logistic regression needs two");
        }
        try (TrainingBlocks blocks = TrainingBlocks.fromDataFrame(dataset.toDF(), getFeaturesCol(), getLabelCol(),
                binomial ? TrainingBlocks.Labels.ZERO_ONE_TO_PLUS_MINUS_ONE : TrainingBlocks.Labels.AS_IS)) {
            int d = blocks.cols();
            LinearModel model = binomial ? LinearModel.logistic(d, getFitIntercept())
                    : LinearModel.softmax(d, numClasses, getFitIntercept());
            try (SparkLinearObjective f = SparkLinearObjective.of(model, blocks, getRegParam())
                    .withCheckpointInterval(getCheckpointInterval())) {
                OptimizationResult r = Method.parse(getMethod())
                        .optimizer(StopCriterion.anyOf(StopCriterion.gradientNorm(getTol()),
                                StopCriterion.maxIterations(getMaxIter())))
                        .minimize(f, new double[f.dimension()]);
                PlaneSearchLogisticRegressionModel m = new PlaneSearchLogisticRegressionModel(uid(), model, r.x(),
                        TrainingSummary.of(r, getMethod()));
                return copyValues(m.setParent(this), ParamMap.empty());
            }
        }
    }

    /** Whether the family (auto, binomial, multinomial) means one logistic score for this class count. */
    static boolean binomial(String family, int numClasses) {
        switch (family) {
            case "binomial":
                if (numClasses > 2) {
                    throw new IllegalArgumentException("family binomial supports 1 or 2 classes but the labels have "
                            + numClasses + "; use family multinomial or auto");
                }
                return true;
            case "multinomial":
                return false;
            default:
                return numClasses <= 2;
        }
    }

    @Override
    public PlaneSearchLogisticRegression copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<PlaneSearchLogisticRegression> read() {
        return new DefaultParamsReader<>();
    }

    public static PlaneSearchLogisticRegression load(String path) {
        return read().load(path);
    }
}
