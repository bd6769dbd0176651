package org.planesearch.spark.ml;

import java.io.Serializable;
import org.planesearch.core.optim.OptimizationResult;

/**
 * What training did, kept with a {@link PlaneSearchLogisticRegressionModel} (and saved with it):
 * the method, why it stopped, f and ‖∇f‖ at the result, iterations, data passes, trials, seconds.
 */
public record TrainingSummary(String method, String termination, double objective, double gradientNorm,
                              int iterations, long dataPasses, long trials, double seconds) implements Serializable {

    static TrainingSummary of(OptimizationResult r, String method) {
        return new TrainingSummary(method, r.termination().name(), r.value(), r.gradientNorm(), r.iterations(),
                r.dataPasses(), r.trials(), r.elapsedSeconds());
    }
}
