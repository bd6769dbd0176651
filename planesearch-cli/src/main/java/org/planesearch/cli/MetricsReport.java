package org.planesearch.cli;

import java.util.Map;
import org.planesearch.models.linear.ModelEvaluation;

/**
 * The metrics of a model on one dataset, as {@code train}, {@code evaluate} print them:
 * classification {@code accuracy}, {@code loss} and, for binary models, {@code auc}; regression
 * {@code loss} and {@code mse}. The loss is the mean loss without the penalty.
 */
final class MetricsReport {

    private MetricsReport() {
    }

    /** examples, then the metrics that apply, by their keys (non-finite values as null). */
    static Map<String, Object> json(ModelEvaluation e) {
        Map<String, Object> m = Json.object();
        m.put("examples", e.examples());
        if (e.loss().isClassification()) {
            m.put("accuracy", Json.number(e.accuracy()));
        }
        m.put("loss", Json.number(e.meanLoss()));
        if (e.loss().isBinary()) {
            m.put("auc", Json.number(e.rocAuc()));
        }
        if (!e.loss().isClassification()) {
            m.put("mse", Json.number(e.meanSquaredError()));
        }
        return m;
    }

    /** One line: "accuracy 84.8%  loss 0.348  AUC 0.912" or "loss 0.51  MSE 1.02". */
    static String line(ModelEvaluation e) {
        StringBuilder b = new StringBuilder();
        if (e.loss().isClassification()) {
            b.append("accuracy ").append(Fmt.percent(e.accuracy())).append("   ");
        }
        b.append("loss ").append(Fmt.sig(e.meanLoss(), 4));
        if (e.loss().isBinary()) {
            b.append("   AUC ").append(Double.isNaN(e.rocAuc()) ? "n/a (one class only)" : Fmt.sig(e.rocAuc(), 4));
        }
        if (!e.loss().isClassification()) {
            b.append("   MSE ").append(Fmt.sig(e.meanSquaredError(), 4));
        }
        return b.toString();
    }
}
