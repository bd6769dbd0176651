package org.planesearch.spark.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.planesearch.core.optim.Method;

/**
 * The Params of {@link PlaneSearchLogisticRegression} and its model, made in one place so that
 * the two declare them alike. Each is created with its owner as parent, validated by Spark's
 * validators (and {@link Method#parse} for {@code method}), and has one default.
 */
final class PlaneSearchParams {

    static final double DEFAULT_REG_PARAM = 1e-4;
    static final boolean DEFAULT_FIT_INTERCEPT = true;
    static final int DEFAULT_MAX_ITER = 1000;
    static final double DEFAULT_TOL = 1e-6;
    static final String DEFAULT_METHOD = "gd+ps";
    static final String DEFAULT_FAMILY = "auto";
    static final int DEFAULT_CHECKPOINT_INTERVAL = 10;

    private PlaneSearchParams() {
    }

    static DoubleParam regParam(Params owner) {
        return new DoubleParam(owner, "regParam", "λ ≥ 0: minimise the mean loss + (λ/2)||W||² (the intercept is not "
                + "penalized), as MLlib's LogisticRegression with elasticNetParam = 0 and standardization = false",
                ParamValidators.gtEq(0));
    }

    static BooleanParam fitIntercept(Params owner) {
        return new BooleanParam(owner, "fitIntercept", "whether to fit an intercept (never penalized)");
    }

    static IntParam maxIter(Params owner) {
        return new IntParam(owner, "maxIter", "the most iterations (>= 0)", ParamValidators.gtEq(0));
    }

    static DoubleParam tol(Params owner) {
        return new DoubleParam(owner, "tol", "stop when ||grad f|| <= tol (>= 0)", ParamValidators.gtEq(0));
    }

    static Param<String> method(Params owner) {
        return new Param<>(owner, "method", "<direction>+<step>[:per-layer], e.g. gd+ps, lbfgs+ps, lbfgs+lo, gd+so3; "
                + "directions gd, heavyball, nesterov, lbfgs, adam, adagradnorm; steps ps, lo, so<m>, wolfe, armijo, fixed",
                new MethodValidator());
    }

    /** Valid when {@link Method#parse} accepts it; serializable, as Params travel inside closures. */
    static final class MethodValidator extends scala.runtime.AbstractFunction1<String, Object>
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Object apply(String m) {
            try {
                Method.parse(m);
                return Boolean.TRUE;
            } catch (IllegalArgumentException e) {
                return Boolean.FALSE;
            }
        }
    }

    static Param<String> family(Params owner) {
        return new Param<>(owner, "family", "auto (binomial for 2 classes, multinomial for more), binomial "
                + "(logistic loss, one score) or multinomial (softmax, one score per class)",
                ParamValidators.inArray(new String[] {"auto", "binomial", "multinomial"}));
    }

    static IntParam checkpointInterval(Params owner) {
        return new IntParam(owner, "checkpointInterval", "checkpoint the per-partition state every N iterations "
                + "(to the SparkContext's checkpoint directory when set, else locally); 0 = never",
                ParamValidators.gtEq(0));
    }
}
