package org.planesearch.core.objective;

/**
 * Which curvature a {@link LayerCurvature} oracle measures along a direction split by layer.
 *
 * <ul>
 *   <li>{@link #HESSIAN}: the exact Hessian ∇²f (indefinite for networks: blocks can be
 *       negative). One Hessian-vector product per layer: a reference, several gradients' cost.</li>
 *   <li>{@link #GAUSS_NEWTON}: the exact generalized Gauss–Newton matrix G = (1/n)Jᵀ∇²ℓJ + λ
 *       (positive semidefinite), by forward directional derivatives from each layer.</li>
 *   <li>{@link #FISHER}: an unbiased one-sample estimate of G, from one extra backward pass with
 *       targets sampled from the model's own output distribution (the "sampled Fisher"; equals
 *       G in expectation for the softmax, logistic and squared losses). Costs about one gradient
 *       whatever the depth.</li>
 *   <li>{@link #AUTO}: the oracle's choice — for networks, exact Gauss–Newton while it costs
 *       no more than the sampled Fisher, the sampled Fisher otherwise.</li>
 * </ul>
 */
public enum CurvatureKind {
    HESSIAN("hessian"),
    GAUSS_NEWTON("gauss-newton"),
    FISHER("fisher"),
    AUTO("auto");

    private final String id;

    CurvatureKind(String id) {
        this.id = id;
    }

    /** The name on the command line and in results. */
    public String id() {
        return id;
    }

    /** The kind of this name ({@link #id()}), or an exception listing the names. */
    public static CurvatureKind parse(String name) {
        for (CurvatureKind k : values()) {
            if (k.id.equalsIgnoreCase(name.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown curvature '" + name + "'; expected one of hessian, gauss-newton, fisher, auto");
    }
}
