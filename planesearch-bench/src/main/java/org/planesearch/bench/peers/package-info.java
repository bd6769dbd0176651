/**
 * Comparisons with other libraries on the same data, loss, λ and start (w = 0), in one process:
 * Spark MLlib, Smile and Tribuo adapters ({@link org.planesearch.bench.peers.Solver}) next to
 * Planesearch's methods, each run against the targets f* + ε·|f*|, ε ∈ {1e-4, 1e-6, 1e-8}. Every
 * adapter evaluates OUR objective at the solutions it reports and says whether it minimises the
 * same objective. Command: {@link org.planesearch.bench.peers.Peers}.
 */
package org.planesearch.bench.peers;
