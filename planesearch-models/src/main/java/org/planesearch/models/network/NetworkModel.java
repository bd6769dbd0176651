package org.planesearch.models.network;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.planesearch.core.layout.Block;
import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.models.Probabilities;

/**
 * A fully connected network without data: the layer widths {d, h₁, …, c}, the hidden
 * activation σ and the output loss. Together with a parameter vector it is everything needed to
 * score and predict; it is what a saved model stores.
 *
 * <p>With L = widths.length − 1 ≥ 2 weight layers, an example x ∈ ℝᵈ (a row of X) gives
 * <pre>
 *   P₁ = X·W₁ + 1·b₁ᵀ,   Hₗ = σ(Pₗ),   Pₗ₊₁ = Hₗ·Wₗ₊₁ + 1·bₗ₊₁ᵀ  (l = 1 … L−1),   Z = P_L
 * </pre>
 * row by row for all n examples at once: Wₗ is nₗ₋₁×nₗ (n₀ = d, n_L = c), stored row-major
 * (entry (input j, unit o) at j·nₗ + o), so that every layer is a product of a row-major n×nₗ₋₁
 * block with a row-major matrix and the first layer is the data product X·W₁ itself (no
 * transposes). The last layer has no activation: Z (n×c) are the logits of the
 * {@link OutputLoss}.
 *
 * <p><b>Layout</b> ({@link #layout()}): the blocks in layer order
 * {@code "layer1.weights"} (shape {d, h₁}, regularized), {@code "layer1.bias"} (shape {h₁}, not
 * regularized), {@code "layer2.weights"}, {@code "layer2.bias"}, …, {@code "layerL.bias"}.
 * Per-layer step rules split along these blocks.
 *
 * <p><b>Initialization</b> ({@link #initialize}): biases 0; weights drawn layer by layer, in
 * layout order, from one {@link SplittableRandom} seeded with the given seed, so a seed always
 * gives the same bits. With fan-in a = nₗ₋₁ and fan-out b = nₗ:
 * <ul>
 *   <li>tanh, sigmoid, softplus, GELU: Glorot (Xavier) uniform, U(−r, r) with r = √(6/(a + b))
 *       (Glorot &amp; Bengio 2010, "Understanding the difficulty of training deep feedforward
 *       neural networks", AISTATS, eq. (16));</li>
 *   <li>ReLU: He (Kaiming) uniform, U(−r, r) with r = √(6/a), variance 2/a as for He-normal
 *       (He, Zhang, Ren &amp; Sun 2015, "Delving deep into rectifiers", ICCV, eq. (10)), in every
 *       layer, the linear output layer included (one rule per network, simple to state and to
 *       reproduce).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class NetworkModel {

    private final int[] widths;
    private final Activation activation;
    private final OutputLoss loss;
    private final ParameterLayout layout;
    private final int[] weightOffsets;
    private final int[] biasOffsets;

    private NetworkModel(int[] widths, Activation activation, OutputLoss loss) {
        if (widths == null) {
            throw new IllegalArgumentException("widths must not be null");
        }
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        if (widths.length < 3) {
            throw new IllegalArgumentException("widths must be {inputs, hidden…, outputs} with at least one hidden layer "
                    + "(2 weight layers), got " + Arrays.toString(widths));
        }
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] < 1) {
                throw new IllegalArgumentException("every width must be >= 1, got " + widths[i] + " at index " + i + " of "
                        + Arrays.toString(widths));
            }
        }
        loss.checkOutputs(widths[widths.length - 1]);
        this.widths = widths.clone();
        this.activation = activation;
        this.loss = loss;
        int layers = widths.length - 1;
        long dimension = 0;
        for (int l = 0; l < layers; l++) {
            dimension += (long) widths[l] * widths[l + 1] + widths[l + 1];
        }
        if (dimension > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the parameter vector would have " + dimension + " entries, more than "
                    + (Integer.MAX_VALUE - 8));
        }
        ParameterLayout.Builder b = ParameterLayout.builder();
        for (int l = 0; l < layers; l++) {
            // one layer of the layout per weight layer: its weights and bias share a rate in :per-layer rules
            b.layer(layerName(l + 1));
            b.add(weightsName(l + 1), true, widths[l], widths[l + 1]);
            b.add(biasName(l + 1), false, widths[l + 1]);
        }
        this.layout = b.build();
        this.weightOffsets = new int[layers];
        this.biasOffsets = new int[layers];
        for (int l = 0; l < layers; l++) {
            weightOffsets[l] = layout.block(2 * l).offset();
            biasOffsets[l] = layout.block(2 * l + 1).offset();
        }
    }

    /**
     * The network with the given widths {d, h₁, …, h_{L−1}, c} (L ≥ 2 weight layers, every width
     * ≥ 1, c allowed by the loss: see {@link OutputLoss#checkOutputs}), hidden activation and
     * output loss. widths: copied.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    public static NetworkModel of(int[] widths, Activation activation, OutputLoss loss) {
        return new NetworkModel(widths, activation, loss);
    }

    /**
     * The layout layer of weight layer l (l ≥ 1): {@code "layer<l>"}, its weights and bias blocks
     * (the unit of the {@code :per-layer} step rules).
     */
    public static String layerName(int layer) {
        return "layer" + layer;
    }

    /** The block name of layer l's weights (l ≥ 1): {@code "layer<l>.weights"}. */
    public static String weightsName(int layer) {
        return "layer" + layer + ".weights";
    }

    /** The block name of layer l's bias (l ≥ 1): {@code "layer<l>.bias"}. */
    public static String biasName(int layer) {
        return "layer" + layer + ".bias";
    }

    /** L = widths.length − 1, the number of weight layers of a network with these widths. */
    public static int weightLayers(int[] widths) {
        if (widths == null || widths.length < 2) {
            throw new IllegalArgumentException("widths must have at least 2 entries, got "
                    + (widths == null ? "null" : Arrays.toString(widths)));
        }
        return widths.length - 1;
    }

    /**
     * The number of weight layers L of a parameter layout in this class's convention (blocks
     * {@code layer1.weights, layer1.bias, …, layerL.bias}, in that order), or 0 when the layout
     * is not such a network layout (e.g. a linear model's). Lets layer-aware code (per-layer
     * step rules, reports) tell the layers of an objective from its layout alone.
     */
    public static int weightLayers(ParameterLayout layout) {
        if (layout == null || layout.blockCount() % 2 != 0) {
            return 0;
        }
        int layers = layout.blockCount() / 2;
        for (int l = 0; l < layers; l++) {
            Block w = layout.block(2 * l);
            Block b = layout.block(2 * l + 1);
            if (!w.name().equals(weightsName(l + 1)) || !b.name().equals(biasName(l + 1)) || w.shape().length != 2
                    || w.shape()[1] != b.length()) {
                return 0;
            }
        }
        return layers;
    }

    /** L, the number of weight layers (≥ 2). */
    public int weightLayers() {
        return widths.length - 1;
    }

    /** The widths {d, h₁, …, c} (a copy). */
    public int[] widths() {
        return widths.clone();
    }

    /** nₗ for l ∈ [0, L]: n₀ = d, n_L = c. */
    public int width(int index) {
        if (index < 0 || index >= widths.length) {
            throw new IllegalArgumentException("width index must be in [0, " + widths.length + "), got " + index);
        }
        return widths[index];
    }

    /** d, the number of inputs (columns of the data). */
    public int inputs() {
        return widths[0];
    }

    /** c, the number of outputs (logits). */
    public int outputs() {
        return widths[widths.length - 1];
    }

    /** The hidden layers' activation. */
    public Activation activation() {
        return activation;
    }

    /** The output loss. */
    public OutputLoss loss() {
        return loss;
    }

    /** The blocks of the parameter vector (see the class comment). */
    public ParameterLayout layout() {
        return layout;
    }

    /** The length of the parameter vector: Σₗ (nₗ₋₁ + 1)·nₗ. */
    public int dimension() {
        return layout.dimension();
    }

    /** Offset of layer l's weights in the parameter vector, l ∈ [0, L) (zero-based). */
    int weightOffset(int layer) {
        return weightOffsets[layer];
    }

    /** Offset of layer l's bias in the parameter vector, l ∈ [0, L) (zero-based). */
    int biasOffset(int layer) {
        return biasOffsets[layer];
    }

    /** The width of the output of layer l ∈ [0, L) (zero-based): nₗ₊₁. */
    int unitsOf(int layer) {
        return widths[layer + 1];
    }

    /** The width of the input of layer l ∈ [0, L) (zero-based): nₗ. */
    int inputsOf(int layer) {
        return widths[layer];
    }

    /**
     * A new parameter vector: Glorot-uniform weights (He-uniform for ReLU), zero biases, drawn
     * from {@code new SplittableRandom(seed)} (see the class comment). The same seed gives the
     * same bits.
     */
    public double[] initialize(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[dimension()];
        for (int l = 0; l < weightLayers(); l++) {
            int fanIn = widths[l];
            int fanOut = widths[l + 1];
            double r = activation == Activation.RELU ? Math.sqrt(6.0 / fanIn) : Math.sqrt(6.0 / (fanIn + fanOut));
            int at = weightOffsets[l];
            for (int j = 0, count = fanIn * fanOut; j < count; j++) {
                w[at + j] = r * (2 * rng.nextDouble() - 1);
            }
        }
        return w;
    }

    /**
     * The objective (1/n) Σᵢ ℓ(zᵢ, yᵢ) + (λ/2) Σₗ ‖Wₗ‖² of this network on data x with targets
     * in the loss's convention ({@link OutputLoss}: n class indices 0 … c−1 for softmax, n labels
     * ±1 for logistic, n·c values row-major for least squares). Targets are validated and copied;
     * x is held by reference.
     *
     * @param lambda λ ≥ 0, finite
     * @throws IllegalArgumentException for a shape mismatch, a bad target (naming its row and
     *     value) or a bad λ
     */
    public NetworkObjective objective(DataMatrix x, double[] targets, double lambda) {
        checkData(x);
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        return new NetworkObjective(this, x, loss.validatedTargets(targets, x.rows(), outputs()), lambda);
    }

    /**
     * Writes the logits Z (n×c row-major) of parameters w on data x into out. One pass over x.
     * Allocates the layer buffers of this call (O(n·Σ hₗ)); training uses the objective's own.
     * x, w: not modified. out: length ≥ n·c, modified.
     */
    public void scores(DataMatrix x, double[] w, double[] out) {
        checkData(x);
        checkParameters(w);
        int need = x.rows() * outputs();
        if (out == null || out.length < need) {
            throw new IllegalArgumentException("out must have length >= " + need + ", got "
                    + (out == null ? "null" : String.valueOf(out.length)));
        }
        Propagation p = new Propagation(this, x);
        LayerBuffers b = new LayerBuffers(this, x.rows());
        p.forward(w, b, false, false);
        System.arraycopy(b.pre[weightLayers() - 1], 0, out, 0, need);
    }

    /**
     * Predictions in the targets' space: for logistic +1 or −1 (+1 when the logit is ≥ 0), for
     * softmax the class index with the largest logit (the lowest on ties), for least squares the
     * outputs themselves. One pass; allocates as {@link #scores}. x, w: not modified. out: length
     * ≥ n (n·c for least squares), modified.
     */
    public void predict(DataMatrix x, double[] w, double[] out) {
        checkData(x);
        int n = x.rows();
        int c = outputs();
        long need = loss.targetCount(n, c);
        if (out == null || out.length < need) {
            throw new IllegalArgumentException("out must have length >= " + need + ", got "
                    + (out == null ? "null" : String.valueOf(out.length)));
        }
        if (loss == OutputLoss.SQUARED) {
            scores(x, w, out);
            return;
        }
        double[] z = new double[n * c];
        scores(x, w, z);
        for (int i = 0; i < n; i++) {
            if (loss == OutputLoss.LOGISTIC) {
                out[i] = z[i] >= 0 ? 1.0 : -1.0;
            } else {
                int b = i * c;
                int best = 0;
                for (int o = 1; o < c; o++) {
                    if (z[b + o] > z[b + best]) {
                        best = o;
                    }
                }
                out[i] = best;
            }
        }
    }

    void checkData(DataMatrix x) {
        if (x == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        if (x.cols() != inputs()) {
            throw new IllegalArgumentException("the data has " + x.cols() + " columns but the network has " + inputs()
                    + " inputs");
        }
        if (x.rows() < 1) {
            throw new IllegalArgumentException("the data has no rows");
        }
        long widest = 0;
        for (int i = 1; i < widths.length; i++) {
            widest = Math.max(widest, widths[i]);
        }
        if ((long) x.rows() * widest > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a layer's " + x.rows() + "×" + widest
                    + " activations do not fit in one Java array");
        }
    }

    void checkParameters(double[] w) {
        if (w == null || w.length != dimension()) {
            throw new IllegalArgumentException("parameters must have length " + dimension() + " (" + this + "), got "
                    + (w == null ? "null" : String.valueOf(w.length)));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkModel m && Arrays.equals(m.widths, widths) && m.activation == activation
                && m.loss == loss;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(widths) + activation.hashCode()) + loss.hashCode();
    }

    @Override
    public String toString() {
        return "NetworkModel[widths=" + Arrays.toString(widths) + ", " + activation.id() + ", " + loss.id() + "]";
    }

    /**
     * Class probabilities from the logits, as the linear models give them: for logistic
     * P(y = +1 | x) = s(z) (length n); for softmax the softmax of each row of Z (n×c row-major,
     * rows sum to 1), computed as exp(z − max z)/Σ exp(z − max z) so that no logit overflows.
     * One pass; allocates as {@link #scores}. x, w: not modified. out: length ≥ n·c, modified.
     *
     * @throws IllegalStateException for least squares, whose outputs are values, not probabilities
     */
    public void probabilities(DataMatrix x, double[] w, double[] out) {
        if (!loss.isClassification()) {
            throw new IllegalStateException("a " + loss.id() + " network gives values, not probabilities");
        }
        scores(x, w, out);
        Probabilities.fromScoresInPlace(out, x.rows(), outputs());
    }
}
