package org.planesearch.bench.peers;

/** One measured point of a solver's run: seconds since its start, data passes, our objective f there. */
public record TracePoint(double seconds, long passes, double value) {
}
