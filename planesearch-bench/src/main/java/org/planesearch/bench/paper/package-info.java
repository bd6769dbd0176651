/**
 * The experiment protocol of the subspace-optimization paper (Shea &amp; Schmidt 2024; our spec §3)
 * as one command, {@link org.planesearch.bench.paper.SoPaper}: every method of the spec's list
 * on the linear problems and on two-layer networks, plots of f − f* against passes and seconds,
 * and the spec's seven reproduction checks answered from the runs.
 */
package org.planesearch.bench.paper;
