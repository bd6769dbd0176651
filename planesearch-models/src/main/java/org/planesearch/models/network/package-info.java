/**
 * Fully connected networks f(w) = (1/n) Σᵢ ℓ(zᵢ, yᵢ) + (λ/2) Σₗ ‖Wₗ‖² with exact gradients,
 * Hessian-vector products and Gauss–Newton products: the "SO-friendly networks" of the paper
 * (two weight layers, inputs d larger than outputs c, §1.4 of our spec), and deeper ones.
 *
 * <h2>Parts</h2>
 * <ul>
 *   <li>{@link org.planesearch.models.network.NetworkModel}: the network without data (widths
 *       {d, h₁, …, c}, activation, output loss); its parameter layout, seeded initialization,
 *       logits and predictions; builds objectives. What a saved model needs.</li>
 *   <li>{@link org.planesearch.models.network.NetworkObjective}: model + data + targets + λ, an
 *       {@link org.planesearch.core.objective.Objective}: value, gradient (back-propagation),
 *       exact Hessian-vector product (Pearlmutter's R-operator), generalized Gauss–Newton
 *       product, and (for now) core's generic subspace evaluator.</li>
 *   <li>{@link org.planesearch.models.network.Activation} (tanh, sigmoid, softplus, GELU in its
 *       tanh approximation, ReLU) and {@link org.planesearch.models.network.OutputLoss} (softmax
 *       cross-entropy, logistic, least squares): enums with block kernels for values and first
 *       and second derivatives, built on a vectorizable exponential ({@code Exponentials}).</li>
 *   <li>Package-private machinery: {@code Propagation} (the forward, backward and R-passes on
 *       whole layer blocks, split into reusable pieces: first-layer pre-activations
 *       P₁ = X·W₁ + 1·b₁ᵀ of any parameter-shaped vector, the forward pass from a given P₁, the
 *       backward pass from given output residuals), {@code LayerBuffers} (the n×nₗ arrays of one
 *       evaluation) and {@code LayerSweep} (entry-wise work and loss sums on the library's
 *       threads).</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Parameter vector and layout: blocks {@code layer1.weights} (d×h₁, row-major: entry
 *       (input j, unit o) at j·h₁ + o; regularized), {@code layer1.bias} (h₁; not regularized),
 *       then {@code layer2.weights}, {@code layer2.bias}, … in layer order. Weights are stored
 *       input-major so that every layer is a row-major product H·W and the first layer is the
 *       data product X·W₁ with no transpose.</li>
 *   <li>All layer arrays are row-major n×nₗ blocks processed whole (no per-example method
 *       calls); the last layer has no activation, its output Z (n×c) are the loss's logits.</li>
 *   <li>Targets as for the linear models (the data module's {@code LabelMap}): ±1 for logistic,
 *       class indices 0 … c−1 (as doubles) for softmax, n×c real values for least squares.</li>
 *   <li>Losses are means over the n examples; the L2 penalty applies to weights only.</li>
 *   <li>The data is used only through {@link org.planesearch.core.linalg.DataMatrix} (dense
 *       float64 or float32, CSR; native or Java); hidden-layer products run on
 *       {@link org.planesearch.core.linalg.DenseProducts}.</li>
 * </ul>
 *
 * <h2>Costs</h2>
 * With n examples, L weight layers of widths n₀ = d, n₁, …, n_L = c, and a "pass" one product
 * with X or Xᵀ (n·d·h₁ multiply-adds dense, nnz·h₁ sparse):
 * <table>
 *   <caption>Cost per call</caption>
 *   <tr><th>method</th><th>passes over X</th><th>other work</th></tr>
 *   <tr><td>{@code value}</td><td>1</td><td>n·Σ_{l≥2} nₗ₋₁nₗ (hidden products) + n·Σ hₗ activations + n·c loss</td></tr>
 *   <tr><td>{@code valueAndGradient}</td><td>2</td><td>3× the hidden products (forward, Hᵀ·E, E·Wᵀ)</td></tr>
 *   <tr><td>{@code hessianTimes}</td><td>3</td><td>about 9× the hidden products</td></tr>
 *   <tr><td>{@code gaussNewtonTimes}</td><td>3</td><td>about 6× the hidden products</td></tr>
 *   <tr><td>{@code NetworkModel.scores}</td><td>1</td><td>as {@code value}</td></tr>
 * </table>
 * For two weight layers the hidden products are n·h·c, small next to a pass (n·d·h) when c ≪ d:
 * the SO-friendly case.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Determinism: for a given thread count every method returns the same bits on every call
 *       (fixed partitions, reductions in part order), f has the same bits from {@code value}
 *       and {@code valueAndGradient}, and {@code initialize(seed)} gives the same bits for a
 *       seed.</li>
 *   <li>Numerically stable forms throughout: no overflow for any finite input, log1p and
 *       e − 1 forms where cancellation would lose relative accuracy (see each enum).</li>
 *   <li>ReLU: the Hessian is the generalized Hessian (σ'' = 0), exact away from the kinks.</li>
 * </ul>
 *
 * <p>Thread-safety: {@code NetworkModel}, {@code Activation} and {@code OutputLoss} are immutable;
 * objectives own mutable workspaces and are not thread-safe (one objective per thread; its
 * evaluation methods share one workspace).
 */
package org.planesearch.models.network;
