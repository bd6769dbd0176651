/**
 * Spark ML: {@link org.planesearch.spark.ml.PlaneSearchLogisticRegression} (an Estimator with
 * Params, usable in a Pipeline) and {@link org.planesearch.spark.ml.PlaneSearchLogisticRegressionModel}
 * (features → rawPrediction, probability, prediction), both saved and loaded by Spark's ML
 * persistence. The objective is MLlib's LogisticRegression's with elasticNetParam 0 and
 * standardization off, at the same regParam.
 *
 * <p>Java Params classes: Spark's shared Params are made by the Scala superclass's constructor,
 * which reads the uid before a Java constructor runs; {@code Uids} hands the uid over (see there).
 */
package org.planesearch.spark.ml;
