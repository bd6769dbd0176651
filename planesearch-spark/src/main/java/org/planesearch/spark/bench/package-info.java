/**
 * Benchmarks on Spark: {@link org.planesearch.spark.bench.SparkVsMllib}, Planesearch against
 * MLlib's LogisticRegression (docs/BENCHMARKS.md §8). Run with {@code bin/planesearch-spark --class …}.
 */
package org.planesearch.spark.bench;
