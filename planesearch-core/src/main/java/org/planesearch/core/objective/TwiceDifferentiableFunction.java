package org.planesearch.core.objective;

/** A differentiable function that also gives Hessian-vector products. */
public interface TwiceDifferentiableFunction extends DifferentiableFunction, HessianVectorProduct {
}
