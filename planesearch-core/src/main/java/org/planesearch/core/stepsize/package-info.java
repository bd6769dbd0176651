/**
 * Step rules: how far to go along the direction d, and over which subspace. Each rule is an
 * immutable, validated record with one {@code defaults()}; its run-time state comes from
 * {@code newState(layout)}.
 *
 * <ul>
 *   <li>{@link org.planesearch.core.stepsize.FixedStep} ({@code fixed(learningRate=…)}): x + αd.</li>
 *   <li>{@link org.planesearch.core.stepsize.ArmijoStep} ({@code armijo}) and
 *       {@link org.planesearch.core.stepsize.WolfeStep} ({@code wolfe}): inexact line searches
 *       along d.</li>
 *   <li>{@link org.planesearch.core.stepsize.LineOptimization} ({@code lo}, k = 1),
 *       {@link org.planesearch.core.stepsize.PlaneSearch} ({@code ps}, [d, s₁]) and
 *       {@link org.planesearch.core.stepsize.SubspaceOptimization} ({@code so<m>}, [d, s₁ … s_m]):
 *       exact minimisation over the subspace by
 *       {@link org.planesearch.core.subspace.SubspaceSearch}, each optionally split per layout
 *       layer ({@code :per-layer}, {@link org.planesearch.core.stepsize.StepRules#perLayer}).</li>
 * </ul>
 *
 * <p>Invariants: every rule goes through the evaluator (so costs are counted the same way for
 * all); outcomes carry a {@link org.planesearch.core.stepsize.StepStatus}, the coefficients in
 * subspace-column order, ψ(t), inner iterations and trials; numerical events are statuses. A
 * rule never moves the evaluator: the optimizer does, when the status is accepted.
 */
package org.planesearch.core.stepsize;
