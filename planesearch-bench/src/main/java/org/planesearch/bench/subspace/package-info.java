/**
 * JMH suites of the subspace objective ψ(t) = f(w + D t): restriction, ψ, ∇ψ and ∇²ψ against a
 * full gradient, on the evaluators the optimizer uses.
 */
package org.planesearch.bench.subspace;
