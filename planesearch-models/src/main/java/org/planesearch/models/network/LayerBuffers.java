package org.planesearch.models.network;

/**
 * The n×nₗ row-major arrays of one network evaluation, per layer l ∈ [0, L) (zero-based, layer
 * l maps width nₗ to nₗ₊₁), filled by {@link Propagation}:
 * <ul>
 *   <li>{@code pre[l]} = Pₗ₊₁, the pre-activations (bias included); {@code pre[L−1]} = Z, the
 *       logits;</li>
 *   <li>{@code act[l]} = σ(pre[l]), {@code slope[l]} = σ'(pre[l]), {@code curvature[l]} =
 *       σ''(pre[l]) for the hidden layers l &lt; L − 1;</li>
 *   <li>{@code delta[l]} = ∂(loss sum)/∂pre[l], the back-propagated deltas;</li>
 *   <li>R-pass (Pearlmutter's R{·} = d/dε ·(w + εv) at ε = 0): {@code rPre[l]} = R{Pₗ₊₁},
 *       {@code rAct[l]} = R{Hₗ₊₁}, {@code rDelta[l]} = R{delta[l]}.</li>
 * </ul>
 * Groups are allocated on first need ({@code ensure…}) and kept: the forward arrays with the
 * object, the derivative, delta and R-pass groups when a method first asks for them, so that
 * an objective that is only ever evaluated holds 2 arrays per hidden layer. Entries not
 * allocated are null. Owned by one objective (or evaluator); not thread-safe.
 */
final class LayerBuffers {

    final int rows;
    final int[] units;
    final double[][] pre;
    final double[][] act;
    double[][] slope;
    double[][] curvature;
    double[][] delta;
    double[][] rPre;
    double[][] rAct;
    double[][] rDelta;

    LayerBuffers(NetworkModel model, int rows) {
        this.rows = rows;
        int layers = model.weightLayers();
        units = new int[layers];
        for (int l = 0; l < layers; l++) {
            units[l] = model.unitsOf(l);
        }
        pre = perLayer(layers);
        act = perLayer(layers - 1);
    }

    private double[][] perLayer(int count) {
        double[][] a = new double[count][];
        for (int l = 0; l < count; l++) {
            a[l] = new double[rows * units[l]];
        }
        return a;
    }

    /** Allocates slope (σ') if absent. */
    void ensureSlopes() {
        if (slope == null) {
            slope = perLayer(units.length - 1);
        }
    }

    /** Allocates curvature (σ'') if absent. */
    void ensureCurvatures() {
        if (curvature == null) {
            curvature = perLayer(units.length - 1);
        }
    }

    /** Allocates delta if absent. */
    void ensureDeltas() {
        if (delta == null) {
            delta = perLayer(units.length);
        }
    }

    /** Allocates rPre, rAct and rDelta if absent. */
    void ensureRPass() {
        if (rPre == null) {
            rPre = perLayer(units.length);
            rAct = perLayer(units.length - 1);
            rDelta = perLayer(units.length);
        }
    }
}
