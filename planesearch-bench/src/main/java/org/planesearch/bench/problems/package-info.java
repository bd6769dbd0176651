/**
 * The linear-model benchmark problems of the peer comparison and the paper's protocol
 * ({@link org.planesearch.bench.problems.LinearProblem}) and their reference optima f*
 * ({@link org.planesearch.bench.problems.Optima}, cached in {@code docs/benchmarks/optima.csv}).
 */
package org.planesearch.bench.problems;
