package org.planesearch.core.objective;

/** Products with the Hessian ∇²f(x), without forming it. */
public interface HessianVectorProduct {

    /** Writes ∇²f(x)·v into out. x, v: not modified. out: modified (must not alias x or v). */
    void hessianTimes(double[] x, double[] v, double[] out);
}
