/**
 * The command line's {@code train --engine spark}: {@link org.planesearch.spark.cli.SparkEngine},
 * found by {@link java.util.ServiceLoader} through {@code META-INF/services/org.planesearch.cli.Engine}.
 */
package org.planesearch.spark.cli;
